package ai.motiv8.auth;

import ai.motiv8.common.ApiException;
import ai.motiv8.config.AppConfig.AppleConfig;
import io.vertx.core.Future;
import io.vertx.core.MultiMap;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.auth.JWTOptions;
import io.vertx.ext.auth.authentication.TokenCredentials;
import io.vertx.ext.auth.jwt.JWTAuth;
import io.vertx.ext.auth.jwt.JWTAuthOptions;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.client.WebClientOptions;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Sign in with Apple: the authorization-code flow with {@code response_mode=form_post}, the code
 * exchanged with an ES256 {@link AppleClientSecret}, and Apple-signed JWTs (the {@code id_token},
 * server-to-server notifications) verified against Apple's JWKS: signature (RS256 or ES256, as the
 * key says), issuer, audience = the client id, expiry, and the nonce of the sign-in. Endpoints come
 * from the issuer's OpenID Connect discovery on first use (again after a failure), so the service
 * starts without reaching Apple, and tests point the issuer at a local server. Keys are fetched
 * again when a token does not verify and the keys are older than {@link #KEYS_REFRESH_MS} (Apple
 * rotates them).
 */
public final class AppleSignIn {

  private static final Logger log = LoggerFactory.getLogger(AppleSignIn.class);
  private static final SecureRandom RANDOM = new SecureRandom();
  static final long KEYS_REFRESH_MS = TimeUnit.MINUTES.toMillis(1);
  private static final int LEEWAY_SECONDS = 30;

  /** The verified person: Apple's stable subject, and the e-mail when Apple says it is verified. */
  public record Identity(String subject, String email) {
  }

  /** Where to send the browser, plus what the callback must find again. */
  public record Authorization(String url, String state, String nonce) {
  }

  private record Endpoints(String authorization, String token, String jwks) {
  }

  private record Keys(JWTAuth verifier, long fetchedAtMillis) {
  }

  private final Vertx vertx;
  private final AppleConfig config;
  private final WebClient client;
  private final AppleClientSecret secret;
  private Future<Endpoints> endpoints;
  private Future<Keys> keys;

  public AppleSignIn(Vertx vertx, AppleConfig config) {
    this.vertx = vertx;
    this.config = config;
    this.client = WebClient.create(vertx, new WebClientOptions()
        .setConnectTimeout(10_000).setIdleTimeout(30).setFollowRedirects(false).setUserAgent("motiv8"));
    this.secret = config.configured() ? new AppleClientSecret(config) : null;
  }

  public boolean configured() {
    return config.configured();
  }

  public Future<Authorization> authorize() {
    return endpoints().map(found -> {
      String state = randomToken();
      String nonce = randomToken();
      String url = found.authorization() + (found.authorization().contains("?") ? "&" : "?")
          + "client_id=" + encode(config.clientId())
          + "&redirect_uri=" + encode(config.redirectUri())
          + "&response_type=code"
          + "&scope=" + encode("name email")
          + "&response_mode=form_post"
          + "&state=" + encode(state)
          + "&nonce=" + encode(nonce);
      return new Authorization(url, state, nonce);
    });
  }

  /** Exchanges the code and returns the identity of the verified {@code id_token}, whose nonce must be {@code nonce}. */
  public Future<Identity> complete(String code, String nonce) {
    return endpoints()
        .compose(found -> client.postAbs(found.token())
            .timeout(15_000)
            .putHeader("Accept", "application/json")
            .sendForm(MultiMap.caseInsensitiveMultiMap()
                .add("client_id", config.clientId())
                .add("client_secret", secret.create(System.currentTimeMillis() / 1000))
                .add("code", code)
                .add("grant_type", "authorization_code")
                .add("redirect_uri", config.redirectUri())))
        .recover(error -> Future.failedFuture(error instanceof ApiException ? error
            : ApiException.unavailable("Apple sign-in is unavailable, try again later")))
        .compose(response -> {
          if (response.statusCode() != 200) {
            log.warn("Apple refused the code exchange: {} {}", response.statusCode(), shorten(response.bodyAsString()));
            return Future.failedFuture(ApiException.unauthorized("Apple sign-in failed"));
          }
          JsonObject body = jsonOrNull(response.bodyAsString());
          String idToken = body == null ? null : body.getString("id_token");
          return idToken == null
              ? Future.failedFuture(ApiException.unauthorized("Apple sign-in failed: no id_token"))
              : verify(idToken);
        })
        .compose(claims -> {
          if (nonce == null || !nonce.equals(claims.getString("nonce"))) {
            log.warn("Apple id_token nonce does not match the sign-in's");
            return Future.failedFuture(ApiException.unauthorized("Apple sign-in failed"));
          }
          String subject = claims.getString("sub");
          if (subject == null || subject.isBlank()) {
            return Future.failedFuture(ApiException.unauthorized("Apple sign-in failed: no subject"));
          }
          Object verified = claims.getValue("email_verified");
          String email = claims.getString("email");
          boolean trusted = Boolean.TRUE.equals(verified) || "true".equals(verified);
          return Future.succeededFuture(new Identity(subject,
              email != null && trusted ? email.trim().toLowerCase() : null));
        });
  }

  /** The claims of an Apple-signed JWT addressed to this client; fails with 401 otherwise. */
  public Future<JsonObject> verify(String jwt) {
    if (!configured()) {
      return Future.failedFuture(ApiException.unavailable("Apple sign-in is not configured"));
    }
    return keys().compose(current -> check(current, jwt).recover(error -> {
      if (System.currentTimeMillis() - current.fetchedAtMillis() < KEYS_REFRESH_MS) {
        return Future.failedFuture(error);
      }
      return refreshKeys(current).compose(fresh -> check(fresh, jwt));
    })).recover(error -> {
      if (error instanceof ApiException api && api.status() == 503) {
        return Future.failedFuture(error);
      }
      log.warn("Apple JWT refused: {}", error.getMessage());
      return Future.failedFuture(ApiException.unauthorized("Apple sign-in failed"));
    });
  }

  private static Future<JsonObject> check(Keys keys, String jwt) {
    return keys.verifier().authenticate(new TokenCredentials(jwt)).compose(user -> {
      JsonObject claims = user.principal();
      // Vert.x has checked exp when present (it may keep it among the user's attributes); Apple's always have one.
      return claims.getValue("exp") != null || user.attributes().getValue("exp") != null
          || user.attributes().getJsonObject("accessToken", new JsonObject()).getValue("exp") != null
          ? Future.succeededFuture(claims)
          : Future.failedFuture(new IllegalArgumentException("token has no expiry"));
    });
  }

  private synchronized Future<Endpoints> endpoints() {
    if (!configured()) {
      return Future.failedFuture(ApiException.unavailable("Apple sign-in is not configured"));
    }
    if (endpoints == null) {
      Future<Endpoints> attempt = client.getAbs(config.issuer() + "/.well-known/openid-configuration")
          .timeout(15_000)
          .send()
          .compose(response -> {
            JsonObject metadata = response.statusCode() == 200 ? jsonOrNull(response.bodyAsString()) : null;
            if (metadata == null || metadata.getString("authorization_endpoint") == null
                || metadata.getString("token_endpoint") == null || metadata.getString("jwks_uri") == null) {
              return Future.failedFuture(new IllegalStateException("discovery answered " + response.statusCode()));
            }
            return Future.succeededFuture(new Endpoints(metadata.getString("authorization_endpoint"),
                metadata.getString("token_endpoint"), metadata.getString("jwks_uri")));
          });
      endpoints = attempt;
      attempt.onFailure(error -> forgetEndpoints(attempt, error));
    }
    return endpoints.recover(error ->
        Future.failedFuture(ApiException.unavailable("Apple sign-in is unavailable, try again later")));
  }

  private synchronized void forgetEndpoints(Future<Endpoints> attempt, Throwable error) {
    log.warn("OpenID Connect discovery at {} failed: {}", config.issuer(), error.getMessage());
    if (endpoints == attempt) {
      endpoints = null;
    }
  }

  private synchronized Future<Keys> keys() {
    if (keys == null) {
      Future<Keys> attempt = endpoints().compose(found -> client.getAbs(found.jwks()).timeout(15_000).send())
          .compose(response -> {
            JsonObject body = response.statusCode() == 200 ? jsonOrNull(response.bodyAsString()) : null;
            JsonArray list = body == null ? null : body.getJsonArray("keys");
            if (list == null || list.isEmpty()) {
              return Future.failedFuture(new IllegalStateException("JWKS answered " + response.statusCode()));
            }
            List<JsonObject> jwks = new ArrayList<>();
            list.forEach(key -> {
              if (key instanceof JsonObject jwk && jwk.containsKey("alg")) {
                jwks.add(jwk);
              }
            });
            return Future.succeededFuture(new Keys(JWTAuth.create(vertx, new JWTAuthOptions()
                .setJwks(jwks)
                .setJWTOptions(new JWTOptions()
                    .setIssuer(config.issuer())
                    .setAudience(List.of(config.clientId()))
                    .setLeeway(LEEWAY_SECONDS))), System.currentTimeMillis()));
          });
      keys = attempt;
      attempt.onFailure(error -> forgetKeys(attempt, error));
    }
    return keys.recover(error -> Future.failedFuture(error instanceof ApiException ? error
        : ApiException.unavailable("Apple sign-in is unavailable, try again later")));
  }

  private synchronized Future<Keys> refreshKeys(Keys stale) {
    if (keys != null && keys.isComplete() && keys.succeeded() && keys.result() == stale) {
      keys = null;
    }
    return keys();
  }

  private synchronized void forgetKeys(Future<Keys> attempt, Throwable error) {
    log.warn("Apple's keys could not be fetched: {}", error.getMessage());
    if (keys == attempt) {
      keys = null;
    }
  }

  private static JsonObject jsonOrNull(String text) {
    try {
      return text == null ? null : new JsonObject(text);
    } catch (RuntimeException notJson) {
      return null;
    }
  }

  private static String shorten(String text) {
    return text == null ? "" : text.length() <= 200 ? text : text.substring(0, 200);
  }

  private static String encode(String value) {
    return URLEncoder.encode(value, StandardCharsets.UTF_8);
  }

  private static String randomToken() {
    byte[] bytes = new byte[24];
    RANDOM.nextBytes(bytes);
    return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
  }
}
