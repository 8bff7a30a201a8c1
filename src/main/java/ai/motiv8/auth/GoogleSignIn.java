package ai.motiv8.auth;

import ai.motiv8.common.ApiException;
import ai.motiv8.config.AppConfig;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.auth.oauth2.OAuth2Auth;
import io.vertx.ext.auth.oauth2.OAuth2AuthorizationURL;
import io.vertx.ext.auth.oauth2.OAuth2FlowType;
import io.vertx.ext.auth.oauth2.OAuth2Options;
import io.vertx.ext.auth.oauth2.Oauth2Credentials;
import io.vertx.ext.auth.oauth2.providers.OpenIDConnectAuth;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.List;

/**
 * Google sign-in through OpenID Connect discovery and the authorization-code flow with PKCE.
 * Discovery happens on first use (and again after a failure), so the service starts without
 * reaching Google. The issuer is configurable, which lets tests use a local OIDC server.
 */
public final class GoogleSignIn {

  private static final Logger log = LoggerFactory.getLogger(GoogleSignIn.class);
  private static final SecureRandom RANDOM = new SecureRandom();

  /** What the callback needs to finish: the signed-in identity; {@code name} null when Google gave none. */
  public record Identity(String subject, String email, String name) {
  }

  /** Where to send the browser, plus the values to keep until the callback. */
  public record Authorization(String url, String state, String codeVerifier) {
  }

  private final Vertx vertx;
  private final AppConfig.AuthConfig config;
  private Future<OAuth2Auth> provider;

  public GoogleSignIn(Vertx vertx, AppConfig.AuthConfig config) {
    this.vertx = vertx;
    this.config = config;
  }

  public boolean configured() {
    return config.googleConfigured();
  }

  public Future<Authorization> authorize() {
    return provider().map(oauth -> {
      String state = randomToken();
      String verifier = randomToken() + randomToken();
      String url = oauth.authorizeURL(new OAuth2AuthorizationURL()
          .setRedirectUri(config.googleRedirectUri())
          .setScopes(List.of("openid", "email", "profile"))
          .setState(state)
          .setCodeChallenge(challenge(verifier))
          .setCodeChallengeMethod("S256"));
      return new Authorization(url, state, verifier);
    });
  }

  /** Exchanges the code and returns the verified identity from the ID token. */
  public Future<Identity> complete(String code, String codeVerifier) {
    return provider()
        .compose(oauth -> oauth.authenticate(new Oauth2Credentials()
            .setFlow(OAuth2FlowType.AUTH_CODE)
            .setCode(code)
            .setRedirectUri(config.googleRedirectUri())
            .setCodeVerifier(codeVerifier)))
        .recover(error -> {
          log.warn("Google sign-in failed: {}", error.getMessage());
          return Future.failedFuture(ApiException.unauthorized("Google sign-in failed"));
        })
        .compose(user -> {
          JsonObject claims = user.attributes().getJsonObject("idToken", new JsonObject());
          String subject = claims.getString("sub", user.principal().getString("sub"));
          String email = claims.getString("email");
          if (subject == null || email == null) {
            return Future.failedFuture(ApiException.unauthorized("Google did not return an e-mail address"));
          }
          if (Boolean.FALSE.equals(claims.getValue("email_verified"))) {
            return Future.failedFuture(ApiException.unauthorized("Google e-mail address is not verified"));
          }
          String name = claims.getString("name", user.principal().getString("name"));
          return Future.succeededFuture(new Identity(subject, email.toLowerCase(), name));
        });
  }

  private synchronized Future<OAuth2Auth> provider() {
    if (!configured()) {
      return Future.failedFuture(ApiException.unavailable("Google sign-in is not configured"));
    }
    if (provider == null) {
      Future<OAuth2Auth> attempt = OpenIDConnectAuth.discover(vertx, new OAuth2Options()
          .setClientId(config.googleClientId())
          .setClientSecret(config.googleClientSecret())
          .setSite(config.googleIssuer()));
      provider = attempt;
      attempt.onFailure(error -> forget(attempt, error));
    }
    return provider.recover(error ->
        Future.failedFuture(ApiException.unavailable("Google sign-in is unavailable, try again later")));
  }

  /** A failed discovery is retried on the next sign-in instead of being cached. */
  private synchronized void forget(Future<OAuth2Auth> attempt, Throwable error) {
    log.warn("OpenID Connect discovery at {} failed: {}", config.googleIssuer(), error.getMessage());
    if (provider == attempt) {
      provider = null;
    }
  }

  private static String randomToken() {
    byte[] bytes = new byte[24];
    RANDOM.nextBytes(bytes);
    return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
  }

  private static String challenge(String verifier) {
    try {
      byte[] digest = MessageDigest.getInstance("SHA-256").digest(verifier.getBytes(StandardCharsets.US_ASCII));
      return Base64.getUrlEncoder().withoutPadding().encodeToString(digest);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
