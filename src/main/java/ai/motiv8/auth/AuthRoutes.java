package ai.motiv8.auth;

import ai.motiv8.account.AccountDeletion;
import ai.motiv8.common.ApiException;
import ai.motiv8.config.AppConfig;
import ai.motiv8.http.Responses;
import ai.motiv8.users.User;
import ai.motiv8.users.SendSchedule;
import ai.motiv8.users.UserJson;
import ai.motiv8.users.UserStore;
import io.vertx.core.Future;
import io.vertx.core.http.Cookie;
import io.vertx.core.http.CookieSameSite;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.regex.Pattern;

/** {@code /auth/*}: Google sign-in, the development login, the current user, logout. */
public final class AuthRoutes {

  private static final String SIGN_IN_COOKIE = "motiv8_signin";
  private static final int SIGN_IN_SECONDS = 600;
  private static final Pattern EMAIL = Pattern.compile("^[^@\\s]{1,64}@[^@\\s]+\\.[^@\\s]{2,}$");

  private final AppConfig config;
  private final JwtTokens tokens;
  private final UserStore users;
  private final GoogleSignIn google;
  private final AccountDeletion deletion;

  /** @param deletion finishes the deletion of an account that signs in while being deleted */
  public AuthRoutes(AppConfig config, JwtTokens tokens, UserStore users, GoogleSignIn google,
                    AccountDeletion deletion) {
    this.config = config;
    this.tokens = tokens;
    this.users = users;
    this.google = google;
    this.deletion = deletion;
  }

  public void mount(Router router, BodyHandler jsonBody, AuthenticationHandler authenticated) {
    router.get("/auth/login").handler(this::redirectToGoogle);
    router.get("/auth/callback").handler(this::finishGoogleSignIn);
    router.get("/auth/me").handler(authenticated).handler(this::currentUser);
    router.post("/auth/logout").handler(ctx -> Responses.ok(ctx, new JsonObject().put("message", "Logged out successfully")));
    router.post("/auth/dev-login").handler(jsonBody).handler(this::developmentLogin);
  }

  private void redirectToGoogle(RoutingContext ctx) {
    if (!google.configured()) {
      ctx.fail(ApiException.unavailable("Google sign-in is not configured"));
      return;
    }
    google.authorize().onSuccess(authorization -> {
      String state = tokens.issueShortLived(new JsonObject()
          .put("state", authorization.state())
          .put("verifier", authorization.codeVerifier()), SIGN_IN_SECONDS);
      ctx.response().addCookie(Cookie.cookie(SIGN_IN_COOKIE, state)
          .setPath("/auth")
          .setHttpOnly(true)
          .setSecure(config.isProduction())
          .setSameSite(CookieSameSite.LAX)
          .setMaxAge(SIGN_IN_SECONDS));
      redirect(ctx, authorization.url());
    }).onFailure(ctx::fail);
  }

  private void finishGoogleSignIn(RoutingContext ctx) {
    String code = ctx.request().getParam("code");
    String state = ctx.request().getParam("state");
    Cookie cookie = ctx.request().getCookie(SIGN_IN_COOKIE);
    if (ctx.request().getParam("error") != null) {
      ctx.fail(ApiException.unauthorized("Google sign-in was cancelled"));
      return;
    }
    if (code == null || state == null || cookie == null) {
      ctx.fail(ApiException.badRequest("Missing sign-in state; start again at /auth/login"));
      return;
    }
    tokens.verifyShortLived(cookie.getValue())
        .recover(error -> Future.failedFuture(ApiException.badRequest("Sign-in state expired; start again at /auth/login")))
        .compose(saved -> state.equals(saved.getString("state"))
            ? users.consumeSignInState("google:" + state, usedUntil(), System.currentTimeMillis())
                .compose(fresh -> fresh ? google.complete(code, saved.getString("verifier"))
                    : Future.failedFuture(ApiException.badRequest(
                        "Sign-in state was already used; start again at /auth/login")))
            : Future.failedFuture(ApiException.badRequest("Sign-in state does not match; start again at /auth/login")))
        .compose(identity -> deletion.signInFresh(() -> users.signInWithGoogle(identity.subject(), identity.email(), identity.name())))
        .onSuccess(user -> {
          ctx.response().addCookie(Cookie.cookie(SIGN_IN_COOKIE, "").setPath("/auth").setMaxAge(0));
          String token = URLEncoder.encode(tokens.issue(user.id()), StandardCharsets.UTF_8);
          redirect(ctx, config.auth().frontendUrl() + "/auth/callback?token=" + token);
        })
        .onFailure(ctx::fail);
  }

  private void currentUser(RoutingContext ctx) {
    Responses.ok(ctx, UserJson.me(AuthenticationHandler.currentUser(ctx), SendSchedule.of(config.batch())));
  }

  private void developmentLogin(RoutingContext ctx) {
    if (config.isProduction()) {
      ctx.fail(ApiException.notFound("Not Found"));
      return;
    }
    JsonObject body = ctx.body().asJsonObject();
    Object email = body == null ? null : body.getValue("email");
    if (!(email instanceof String text) || !EMAIL.matcher(text.trim()).matches()) {
      ctx.fail(ApiException.badRequest("A valid email is required"));
      return;
    }
    String address = text.trim().toLowerCase();
    deletion.signInFresh(() -> users.findOrCreateByEmail(address))
        .onSuccess(user -> Responses.ok(ctx, loginAnswer(user)))
        .onFailure(ctx::fail);
  }

  private JsonObject loginAnswer(User user) {
    return new JsonObject()
        .put("access_token", tokens.issue(user.id()))
        .put("token_type", "bearer")
        .put("user", UserJson.me(user, SendSchedule.of(config.batch())));
  }

  /** A used state is remembered as long as any cookie carrying it can be valid. */
  private static long usedUntil() {
    return System.currentTimeMillis() + SIGN_IN_SECONDS * 1000L;
  }

  private static void redirect(RoutingContext ctx, String location) {
    ctx.response().setStatusCode(302).putHeader("Location", location).putHeader("Cache-Control", "no-store").end();
  }
}
