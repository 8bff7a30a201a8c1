package ai.motiv8.http;

import io.vertx.core.Handler;
import io.vertx.ext.web.RoutingContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.concurrent.ThreadLocalRandom;

/**
 * Gives each request an id ({@code X-Request-Id}, taken from the client when it sends a sane one)
 * and logs one line per request when the response ends: id, method, path, status, time.
 */
public final class RequestLogHandler implements Handler<RoutingContext> {

  private static final Logger log = LoggerFactory.getLogger("ai.motiv8.http.access");
  private static final String REQUEST_ID = "requestId";

  @Override
  public void handle(RoutingContext ctx) {
    long start = System.nanoTime();
    String incoming = ctx.request().getHeader("X-Request-Id");
    String id = incoming != null && incoming.matches("[A-Za-z0-9._-]{1,64}") ? incoming : newId();
    ctx.put(REQUEST_ID, id);
    ctx.response().putHeader("X-Request-Id", id);
    ctx.addEndHandler(done -> log.info("{} {} {} {} {}ms", id, ctx.request().method(), ctx.request().path(),
        ctx.response().getStatusCode(), (System.nanoTime() - start) / 1_000_000));
    ctx.next();
  }

  public static String requestId(RoutingContext ctx) {
    return ctx.get(REQUEST_ID);
  }

  private static String newId() {
    return Long.toHexString(ThreadLocalRandom.current().nextLong() & Long.MAX_VALUE);
  }
}
