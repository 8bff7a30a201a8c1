package ai.motiv8.mail;

import ai.motiv8.config.AppConfig;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Signed unsubscribe links (RFC 8058 one-click): a token names the user and the mailing list, is
 * signed with HMAC-SHA256 under {@code auth.unsubscribeSecret}, and never expires (a mail read a
 * year later must still let its reader leave). Text form, URL-safe:
 * {@code v1.<base64url(user id)>.<list>.<base64url(hmac)>}, the HMAC over everything before it.
 */
public final class UnsubscribeTokens {

  /** The one list there is: the daily motivation mail. */
  public static final String MOTIVATION = "motivation";

  private static final String VERSION = "v1";
  private static final String ALGORITHM = "HmacSHA256";
  private static final Pattern LIST = Pattern.compile("[a-z][a-z0-9-]{0,31}");
  private static final Base64.Encoder ENCODER = Base64.getUrlEncoder().withoutPadding();
  private static final Base64.Decoder DECODER = Base64.getUrlDecoder();
  /** Longer than any token we sign; a longer one is refused before any work. */
  private static final int MAX_LENGTH = 512;

  private final SecretKeySpec key;
  private final String publicBaseUrl;

  /**
   * @param secret {@code auth.unsubscribeSecret}
   * @param publicBaseUrl {@code http.publicBaseUrl}, no trailing slash
   */
  public UnsubscribeTokens(String secret, String publicBaseUrl) {
    if (secret == null || secret.isEmpty()) {
      throw new IllegalArgumentException("An unsubscribe secret is required");
    }
    this.key = new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), ALGORITHM);
    this.publicBaseUrl = publicBaseUrl;
  }

  /** The links of this deployment: {@code auth.unsubscribeSecret} and {@code http.publicBaseUrl}. */
  public static UnsubscribeTokens of(AppConfig config) {
    return new UnsubscribeTokens(config.auth().unsubscribeSecret(), config.http().publicBaseUrl());
  }

  /** What a valid token says. */
  public record Subscription(String userId, String list) {
  }

  public String sign(String userId, String list) {
    if (userId == null || userId.isEmpty() || list == null || !LIST.matcher(list).matches()) {
      throw new IllegalArgumentException("A user id and a list name are required");
    }
    String payload = VERSION + "." + ENCODER.encodeToString(userId.getBytes(StandardCharsets.UTF_8)) + "." + list;
    return payload + "." + ENCODER.encodeToString(mac(payload));
  }

  /** The user and list of a token signed with this secret; empty for anything else. */
  public Optional<Subscription> verify(String token) {
    if (token == null || token.length() > MAX_LENGTH) {
      return Optional.empty();
    }
    String[] parts = token.split("\\.", -1);
    if (parts.length != 4 || !VERSION.equals(parts[0]) || !LIST.matcher(parts[2]).matches()) {
      return Optional.empty();
    }
    try {
      byte[] given = DECODER.decode(parts[3]);
      byte[] expected = mac(parts[0] + "." + parts[1] + "." + parts[2]);
      if (!MessageDigest.isEqual(given, expected)) {
        return Optional.empty();
      }
      String userId = new String(DECODER.decode(parts[1]), StandardCharsets.UTF_8);
      return userId.isEmpty() ? Optional.empty() : Optional.of(new Subscription(userId, parts[2]));
    } catch (IllegalArgumentException notBase64) {
      return Optional.empty();
    }
  }

  /** {@code <publicBaseUrl>/api/unsubscribe?token=...}: the one-click target and the visible link. */
  public String link(String userId, String list) {
    return publicBaseUrl + "/api/unsubscribe?token=" + URLEncoder.encode(sign(userId, list), StandardCharsets.UTF_8);
  }

  private byte[] mac(String payload) {
    try {
      Mac mac = Mac.getInstance(ALGORITHM);
      mac.init(key);
      return mac.doFinal(payload.getBytes(StandardCharsets.UTF_8));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HmacSHA256 is not available", e);
    }
  }
}
