package ai.motiv8.auth;

import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.interfaces.ECPrivateKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.Base64;

/** The team's Sign in with Apple key: a {@code .p8} file, i.e. a PKCS#8 PEM EC (P-256) private key. */
public final class ApplePrivateKey {

  private ApplePrivateKey() {
  }

  /**
   * @throws IllegalArgumentException with a message that never contains the key, when it is not a
   *     PKCS#8 EC private key
   */
  public static ECPrivateKey parse(String pem) {
    String body = pem == null ? "" : pem
        .replace("-----BEGIN PRIVATE KEY-----", "")
        .replace("-----END PRIVATE KEY-----", "")
        .replaceAll("\\s", "");
    if (body.isEmpty() || pem.contains("BEGIN EC PRIVATE KEY")) {
      throw new IllegalArgumentException("expected a PKCS#8 PEM key (-----BEGIN PRIVATE KEY-----), as Apple's .p8");
    }
    try {
      byte[] der = Base64.getDecoder().decode(body);
      return (ECPrivateKey) KeyFactory.getInstance("EC").generatePrivate(new PKCS8EncodedKeySpec(der));
    } catch (IllegalArgumentException | GeneralSecurityException | ClassCastException e) {
      throw new IllegalArgumentException("not a PKCS#8 EC private key (" + e.getClass().getSimpleName() + ")");
    }
  }
}
