package ai.motiv8.auth;

import ai.motiv8.config.AppConfig.AppleConfig;
import io.vertx.core.json.JsonObject;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.Signature;
import java.security.interfaces.ECPrivateKey;
import java.util.Base64;

/**
 * Apple's client secret: not a fixed string but a JWT the team signs with its key, ES256, header
 * {@code kid} = the key id; claims {@code iss} = team id, {@code sub} = client id (Services ID),
 * {@code aud} = Apple's issuer, {@code iat}, {@code exp} (at most six months later; one made per
 * code exchange lives {@link #LIFETIME_SECONDS}). The signature is JOSE's raw {@code r || s}
 * (IEEE P1363), not DER.
 */
final class AppleClientSecret {

  static final long LIFETIME_SECONDS = 300;

  private static final Base64.Encoder BASE64URL = Base64.getUrlEncoder().withoutPadding();

  private final AppleConfig config;
  private final ECPrivateKey key;

  AppleClientSecret(AppleConfig config) {
    this.config = config;
    this.key = ApplePrivateKey.parse(config.privateKeyPem());
  }

  String create(long nowSeconds) {
    JsonObject header = new JsonObject().put("alg", "ES256").put("kid", config.keyId()).put("typ", "JWT");
    JsonObject claims = new JsonObject()
        .put("iss", config.teamId())
        .put("sub", config.clientId())
        .put("aud", config.issuer())
        .put("iat", nowSeconds)
        .put("exp", nowSeconds + LIFETIME_SECONDS);
    String signingInput = encode(header) + "." + encode(claims);
    try {
      Signature signature = Signature.getInstance("SHA256withECDSAinP1363Format");
      signature.initSign(key);
      signature.update(signingInput.getBytes(StandardCharsets.US_ASCII));
      return signingInput + "." + BASE64URL.encodeToString(signature.sign());
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("Cannot sign the Apple client secret: " + e.getMessage(), e);
    }
  }

  private static String encode(JsonObject json) {
    return BASE64URL.encodeToString(json.encode().getBytes(StandardCharsets.UTF_8));
  }
}
