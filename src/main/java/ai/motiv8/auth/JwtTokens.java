package ai.motiv8.auth;

import ai.motiv8.config.AppConfig;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.auth.JWTOptions;
import io.vertx.ext.auth.PubSecKeyOptions;
import io.vertx.ext.auth.authentication.TokenCredentials;
import io.vertx.ext.auth.jwt.JWTAuth;
import io.vertx.ext.auth.jwt.JWTAuthOptions;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Issues and checks the service's access tokens: HS256 with {@code JWT_SECRET_KEY}, claim
 * {@code sub} = user id, {@code exp} = now + the configured days (7), as the Python service did.
 */
public final class JwtTokens {

  /** Verified access tokens kept, so that a token is checked once, not on every request; bounded. */
  static final int VERIFIED_CACHE_SIZE = 10_000;

  private final JWTAuth jwt;
  private final int ttlSeconds;
  private final Map<String, Verified> verified = new ConcurrentHashMap<>();

  /** A token's subject and expiry ({@code exp}, epoch seconds; Long.MAX_VALUE when it has none). */
  private record Verified(String subject, long expiresAtSeconds) {
  }

  public JwtTokens(Vertx vertx, AppConfig.AuthConfig config) {
    this.jwt = JWTAuth.create(vertx, new JWTAuthOptions()
        .addPubSecKey(new PubSecKeyOptions().setAlgorithm("HS256").setBuffer(config.jwtSecret()))
        .setJWTOptions(new JWTOptions().setAlgorithm("HS256")));
    this.ttlSeconds = config.tokenTtlDays() * 24 * 3600;
  }

  public String issue(String userId) {
    return jwt.generateToken(new JsonObject().put("sub", userId),
        new JWTOptions().setAlgorithm("HS256").setExpiresInSeconds(ttlSeconds));
  }

  /** A short-lived signed token carrying {@code claims} (e.g. sign-in state kept in a cookie). */
  public String issueShortLived(JsonObject claims, int seconds) {
    return jwt.generateToken(claims.copy().put("typ", "state"),
        new JWTOptions().setAlgorithm("HS256").setExpiresInSeconds(seconds));
  }

  /** The claims of a valid token made by {@link #issueShortLived}. */
  public Future<JsonObject> verifyShortLived(String token) {
    return jwt.authenticate(new TokenCredentials(token)).compose(user ->
        "state".equals(user.principal().getString("typ"))
            ? Future.succeededFuture(user.principal())
            : Future.failedFuture(new IllegalArgumentException("not a state token")));
  }

  /**
   * The user id ({@code sub}) of a valid, unexpired token; fails otherwise. A signature, once
   * verified, stays valid: only the expiry is checked again (whether the user still exists is the
   * caller's check, on every request).
   */
  public Future<String> verify(String token) {
    Verified known = verified.get(token);
    if (known != null) {
      if (System.currentTimeMillis() / 1000 < known.expiresAtSeconds()) {
        return Future.succeededFuture(known.subject());
      }
      verified.remove(token);
    }
    return jwt.authenticate(new TokenCredentials(token)).compose(user -> {
      JsonObject claims = user.principal();
      String subject = claims.getString("sub");
      if (subject == null || claims.containsKey("typ") || subject.isBlank()) {
        return Future.failedFuture(new IllegalArgumentException("token has no subject"));
      }
      if (verified.size() >= VERIFIED_CACHE_SIZE) {
        verified.clear();
      }
      Long expiresAt = claims.getLong("exp");
      verified.put(token, new Verified(subject, expiresAt == null ? Long.MAX_VALUE : expiresAt));
      return Future.succeededFuture(subject);
    });
  }
}
