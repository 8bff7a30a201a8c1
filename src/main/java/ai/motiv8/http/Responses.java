package ai.motiv8.http;

import ai.motiv8.common.ApiException;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;

/** Writes JSON answers, including the contract's error shape {@code {"detail": ...}}. */
public final class Responses {

  /** Encoded once (Netty writes an optimized header as its bytes). */
  private static final CharSequence APPLICATION_JSON = HttpHeaders.createOptimized("application/json");

  private Responses() {
  }

  public static void json(RoutingContext ctx, int status, JsonObject body) {
    if (ctx.response().ended()) {
      return;
    }
    ctx.response()
        .setStatusCode(status)
        .putHeader(HttpHeaders.CONTENT_TYPE, APPLICATION_JSON)
        .end(body.toBuffer());
  }

  public static void ok(RoutingContext ctx, JsonObject body) {
    json(ctx, 200, body);
  }

  public static void detail(RoutingContext ctx, int status, String detail) {
    if (status == 401) {
      ctx.response().putHeader("WWW-Authenticate", "Bearer");
    }
    json(ctx, status, new JsonObject().put("detail", detail));
  }

  /** Fails the request with an {@link ApiException}; the failure handler answers it. */
  public static void fail(RoutingContext ctx, ApiException error) {
    ctx.fail(error.status(), error);
  }
}
