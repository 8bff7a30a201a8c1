package ai.motiv8.auth;

import ai.motiv8.account.AccountDeletion;
import ai.motiv8.common.ApiException;
import ai.motiv8.config.AppConfig;
import ai.motiv8.http.Responses;
import ai.motiv8.users.UserStore;
import io.vertx.core.Future;
import io.vertx.core.http.Cookie;
import io.vertx.core.http.CookieSameSite;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;

/**
 * {@code /auth/apple/*}: Sign in with Apple and Apple's server-to-server notifications.
 *
 * <p>The state and nonce of a sign-in travel in a signed cookie that lives 10 minutes
 * ({@code SameSite=None; Secure}: Apple's callback is a cross-site POST). A callback is accepted
 * once: its state is recorded as used in the database (so also across instances), and a replay
 * of the same callback is refused with 400 even while the cookie is still valid; the
 * {@code id_token} must carry the sign-in's nonce. Failures answer like Google's callback: 400 for
 * a missing, expired, mismatched or used state, 401 when Apple's answer does not verify, 503 when
 * Apple cannot be reached; a sign-in that Apple reports as failed or cancelled goes back to the
 * front end with {@code ?error=apple_auth_failed}, as the original did.
 */
public final class AppleRoutes {

  private static final Logger log = LoggerFactory.getLogger(AppleRoutes.class);
  private static final String SIGN_IN_COOKIE = "motiv8_apple_signin";
  private static final String COOKIE_PATH = "/auth/apple";
  private static final int SIGN_IN_SECONDS = 600;
  private static final int MAX_NAME_LENGTH = 200;

  private final AppConfig config;
  private final JwtTokens tokens;
  private final UserStore users;
  private final AppleSignIn apple;
  private final AccountDeletion deletion;

  public AppleRoutes(AppConfig config, JwtTokens tokens, UserStore users, AppleSignIn apple,
                     AccountDeletion deletion) {
    this.config = config;
    this.tokens = tokens;
    this.users = users;
    this.apple = apple;
    this.deletion = deletion;
  }

  public void mount(Router router, BodyHandler formBody) {
    router.get("/auth/apple/login").handler(this::redirectToApple);
    router.post("/auth/apple/callback").handler(formBody).handler(this::finishSignIn);
    router.post("/auth/apple/notifications").handler(formBody).handler(this::notification);
  }

  private void redirectToApple(RoutingContext ctx) {
    if (!apple.configured()) {
      ctx.fail(ApiException.unavailable("Apple sign-in is not configured"));
      return;
    }
    apple.authorize().onSuccess(authorization -> {
      String cookie = tokens.issueShortLived(new JsonObject()
          .put("state", authorization.state())
          .put("nonce", authorization.nonce()), SIGN_IN_SECONDS);
      ctx.response().addCookie(Cookie.cookie(SIGN_IN_COOKIE, cookie)
          .setPath(COOKIE_PATH)
          .setHttpOnly(true)
          .setSecure(true)
          .setSameSite(CookieSameSite.NONE)
          .setMaxAge(SIGN_IN_SECONDS));
      redirect(ctx, authorization.url());
    }).onFailure(ctx::fail);
  }

  private void finishSignIn(RoutingContext ctx) {
    Cookie cookie = ctx.request().getCookie(SIGN_IN_COOKIE);
    ctx.response().addCookie(Cookie.cookie(SIGN_IN_COOKIE, "").setPath(COOKIE_PATH).setSecure(true)
        .setSameSite(CookieSameSite.NONE).setMaxAge(0));
    if (ctx.request().getFormAttribute("error") != null) {
      log.info("Apple sign-in ended with error '{}'", shorten(ctx.request().getFormAttribute("error")));
      redirect(ctx, config.auth().frontendUrl() + "/?error=apple_auth_failed");
      return;
    }
    if (!apple.configured()) {
      ctx.fail(ApiException.unavailable("Apple sign-in is not configured"));
      return;
    }
    String code = ctx.request().getFormAttribute("code");
    String state = ctx.request().getFormAttribute("state");
    if (code == null || code.isBlank() || state == null || cookie == null) {
      ctx.fail(ApiException.badRequest("Missing sign-in state; start again at /auth/apple/login"));
      return;
    }
    String name = nameOf(ctx.request().getFormAttribute("user"));
    tokens.verifyShortLived(cookie.getValue())
        .recover(error -> Future.failedFuture(
            ApiException.badRequest("Sign-in state expired; start again at /auth/apple/login")))
        .compose(saved -> state.equals(saved.getString("state"))
            ? users.consumeSignInState("apple:" + state, usedUntil(), System.currentTimeMillis())
                .compose(fresh -> fresh ? Future.succeededFuture(saved.getString("nonce"))
                    : Future.failedFuture(ApiException.badRequest(
                        "Sign-in state was already used; start again at /auth/apple/login")))
            : Future.failedFuture(ApiException.badRequest("Sign-in state does not match; start again at /auth/apple/login")))
        .compose(nonce -> apple.complete(code, nonce))
        .compose(identity -> deletion.signInFresh(() -> users.signInWithApple(identity.subject(), identity.email(),
            name)))
        .onSuccess(user -> {
          String token = URLEncoder.encode(tokens.issue(user.id()), StandardCharsets.UTF_8);
          redirect(ctx, config.auth().frontendUrl() + "/auth/callback?token=" + token);
        })
        .onFailure(ctx::fail);
  }

  /**
   * Apple's server-to-server events, a JWT in the form field {@code payload}, verified like an
   * {@code id_token}: {@code account-delete} deletes the account and all its data,
   * {@code consent-revoked} unlinks the Apple id, e-mail changes are logged. Always 200, so that
   * Apple does not resend; what failed is logged (a deletion that did not finish is resumed by the
   * next batch).
   */
  private void notification(RoutingContext ctx) {
    String payload = ctx.request().getFormAttribute("payload");
    Future<Void> handled = payload == null || payload.isBlank()
        ? Future.failedFuture(ApiException.badRequest("no payload"))
        : apple.verify(payload).compose(this::applyEvent);
    handled.onComplete(done -> {
      if (done.failed()) {
        log.warn("Apple notification not applied: {}", done.cause().getMessage());
      }
      Responses.ok(ctx, new JsonObject().put("status", "ok"));
    });
  }

  private Future<Void> applyEvent(JsonObject claims) {
    Object raw = claims.getValue("events");
    JsonObject event;
    try {
      event = raw instanceof JsonObject object ? object : raw instanceof String text ? new JsonObject(text) : null;
    } catch (RuntimeException notJson) {
      event = null;
    }
    if (event == null) {
      return Future.failedFuture(new IllegalArgumentException("no events claim"));
    }
    String type = event.getString("type");
    String subject = event.getString("sub");
    log.info("Apple notification {} for subject {}", type, subject);
    if (subject == null) {
      return Future.succeededFuture();
    }
    return switch (String.valueOf(type)) {
      case "account-delete" -> users.findByAppleId(subject)
          .compose(user -> user == null ? Future.<Void>succeededFuture() : deletion.delete(user.id()));
      case "consent-revoked" -> users.clearAppleId(subject).mapEmpty();
      default -> Future.succeededFuture();
    };
  }

  /** {@code {"name":{"firstName":..,"lastName":..}}}, sent on the first sign-in only; anything else: no name. */
  static String nameOf(String userJson) {
    if (userJson == null || userJson.isBlank()) {
      return null;
    }
    try {
      JsonObject name = new JsonObject(userJson).getJsonObject("name");
      if (name == null) {
        return null;
      }
      String full = (name.getString("firstName", "") + " " + name.getString("lastName", "")).trim();
      return full.isEmpty() ? null : full.length() > MAX_NAME_LENGTH ? full.substring(0, MAX_NAME_LENGTH) : full;
    } catch (RuntimeException notJson) {
      return null;
    }
  }

  private static String shorten(String text) {
    return text.length() <= 64 ? text : text.substring(0, 64);
  }

  /** A used state is remembered as long as any cookie carrying it can be valid. */
  private static long usedUntil() {
    return System.currentTimeMillis() + SIGN_IN_SECONDS * 1000L;
  }

  private static void redirect(RoutingContext ctx, String location) {
    ctx.response().setStatusCode(302).putHeader("Location", location).putHeader("Cache-Control", "no-store").end();
  }
}
