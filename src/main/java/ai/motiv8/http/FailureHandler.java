package ai.motiv8.http;

import ai.motiv8.common.ApiException;
import ai.motiv8.common.ServiceErrors;
import io.vertx.core.Handler;
import io.vertx.core.json.DecodeException;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.HttpException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one place that turns a failed request into {@code {"detail": ...}}: domain errors keep
 * their status and message, everything else becomes a 500 whose cause is logged with its stack
 * trace but never shown.
 */
public final class FailureHandler implements Handler<RoutingContext> {

  private static final Logger log = LoggerFactory.getLogger(FailureHandler.class);

  @Override
  public void handle(RoutingContext ctx) {
    Throwable failure = ctx.failure() == null ? null : ServiceErrors.toApiException(ctx.failure());
    int status;
    String detail;
    if (failure instanceof ApiException api) {
      status = api.status();
      detail = api.getMessage();
    } else if (failure instanceof HttpException http) {
      status = http.getStatusCode();
      detail = http.getPayload() != null ? http.getPayload() : defaultDetail(status);
    } else if (failure instanceof DecodeException) {
      status = 400;
      detail = "Request body must be valid JSON";
    } else if (failure == null) {
      status = ctx.statusCode() > 0 ? ctx.statusCode() : 500;
      detail = defaultDetail(status);
    } else {
      status = 500;
      detail = "Internal server error";
    }
    if (status == 503 || status == 504) {
      log.warn("{} {} answered {} [{}]: {}", ctx.request().method(), ctx.normalizedPath(), status,
          RequestLogHandler.requestId(ctx), detail);
    } else if (status >= 500) {
      log.error("{} {} failed with {} [{}]", ctx.request().method(), ctx.normalizedPath(), status,
          RequestLogHandler.requestId(ctx), ctx.failure());
    }
    Responses.detail(ctx, status, detail);
  }

  static String defaultDetail(int status) {
    return switch (status) {
      case 400 -> "Bad request";
      case 401 -> "Not authenticated";
      case 403 -> "Access denied";
      case 404 -> "Not Found";
      case 405 -> "Method Not Allowed";
      case 413 -> "Request body too large";
      case 415 -> "Unsupported media type";
      case 503 -> "Service unavailable";
      default -> status >= 500 ? "Internal server error" : "Request failed";
    };
  }
}
