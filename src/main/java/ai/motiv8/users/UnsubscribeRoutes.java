package ai.motiv8.users;

import ai.motiv8.auth.AuthenticationHandler;
import ai.motiv8.common.ApiException;
import ai.motiv8.http.Responses;
import ai.motiv8.mail.UnsubscribeTokens;
import ai.motiv8.mail.UnsubscribeTokens.Subscription;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import io.vertx.serviceproxy.ServiceException;

/**
 * Leaving and re-joining the daily mail. {@code POST /api/unsubscribe?token=} is the mail client's
 * RFC 8058 one-click (form body {@code List-Unsubscribe=One-Click}), {@code GET} the visible link's
 * small confirmation page; both need no sign-in, only a token {@link UnsubscribeTokens} signed, and
 * both set {@code users.email_opt_out}. {@code PUT /api/email-preferences} (signed in) sets it
 * either way, e.g. {@code {"email_opt_out": false}} to re-subscribe.
 */
public final class UnsubscribeRoutes {

  static final String ONE_CLICK = "List-Unsubscribe=One-Click";
  static final String INVALID = "Invalid or forged unsubscribe link";
  /** The one-click body is one short form field; anything much longer is not a mail client's. */
  private static final long FORM_LIMIT_BYTES = 1024;

  private final UnsubscribeTokens tokens;
  private final UserStore users;
  private final SendSchedule schedule;

  public UnsubscribeRoutes(UnsubscribeTokens tokens, UserStore users, SendSchedule schedule) {
    this.tokens = tokens;
    this.users = users;
    this.schedule = schedule;
  }

  public void mount(Router router, AuthenticationHandler authenticated) {
    BodyHandler form = BodyHandler.create(false).setBodyLimit(FORM_LIMIT_BYTES);
    router.post("/api/unsubscribe").handler(form).handler(this::oneClick);
    router.get("/api/unsubscribe").handler(this::confirmationPage);
    router.put("/api/email-preferences").handler(BodyHandler.create(false).setBodyLimit(FORM_LIMIT_BYTES))
        .handler(authenticated).handler(this::emailPreferences);
  }

  private void oneClick(RoutingContext ctx) {
    String body = ctx.body().asString();
    boolean oneClick = "One-Click".equals(ctx.request().getFormAttribute("List-Unsubscribe"))
        || body == null || body.isBlank() || body.trim().equals(ONE_CLICK);
    if (!oneClick) {
      ctx.fail(ApiException.badRequest("Expected the form body " + ONE_CLICK));
      return;
    }
    unsubscribe(ctx).onSuccess(userId -> Responses.ok(ctx, new JsonObject()
            .put("message", "Unsubscribed from the daily motivation mail").put("email_opt_out", true)))
        .onFailure(ctx::fail);
  }

  private void confirmationPage(RoutingContext ctx) {
    unsubscribe(ctx).onSuccess(userId -> ctx.response()
            .putHeader("Content-Type", "text/html; charset=utf-8")
            .putHeader("Cache-Control", "no-store")
            .end(PAGE))
        .onFailure(ctx::fail);
  }

  /** Sets the opt-out of the token's user; a user deleted since gets no mail anyway, so that is success too. */
  private Future<String> unsubscribe(RoutingContext ctx) {
    Subscription subscription = tokens.verify(ctx.request().getParam("token"))
        .filter(s -> UnsubscribeTokens.MOTIVATION.equals(s.list()))
        .orElse(null);
    if (subscription == null) {
      return Future.failedFuture(ApiException.badRequest(INVALID));
    }
    return users.setEmailOptOut(subscription.userId(), true)
        .map(subscription.userId())
        .recover(error -> error instanceof ServiceException se && se.failureCode() == UserStore.NOT_FOUND
            ? Future.succeededFuture(subscription.userId())
            : Future.failedFuture(error));
  }

  private void emailPreferences(RoutingContext ctx) {
    User user = AuthenticationHandler.currentUser(ctx);
    Object value = jsonBody(ctx).getValue("email_opt_out");
    if (!(value instanceof Boolean optOut)) {
      ctx.fail(ApiException.badRequest("email_opt_out must be true or false"));
      return;
    }
    users.setEmailOptOut(user.id(), optOut)
        .onSuccess(updated -> Responses.ok(ctx, UserJson.me(updated, schedule)))
        .onFailure(ctx::fail);
  }

  static JsonObject jsonBody(RoutingContext ctx) {
    try {
      JsonObject body = ctx.body().isEmpty() ? null : ctx.body().asJsonObject();
      if (body == null) {
        throw ApiException.badRequest("Request body must be a JSON object");
      }
      return body;
    } catch (ClassCastException | io.vertx.core.json.DecodeException e) {
      throw ApiException.badRequest("Request body must be a JSON object");
    }
  }

  private static final String PAGE = """
      <!DOCTYPE html>
      <html lang="en">
      <head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">
      <title>Unsubscribed</title></head>
      <body style="margin:0;padding:48px 24px;background:#f4f4f6;font-family:Helvetica,Arial,sans-serif;color:#1b1b1f;">
        <div style="max-width:480px;margin:0 auto;background:#fff;border-radius:12px;padding:28px;text-align:center;">
          <h1 style="margin:0 0 12px;font-size:24px;">You're unsubscribed</h1>
          <p style="margin:0;font-size:16px;line-height:1.5;">No more daily motivation mails will be sent to you.
          Changed your mind? Turn them back on in the app's settings.</p>
        </div>
      </body>
      </html>
      """;
}
