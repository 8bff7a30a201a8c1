package ai.motiv8.metrics;

import ai.motiv8.cluster.NodeAddresses;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.DeliveryContext;
import io.vertx.core.eventbus.Message;
import io.vertx.core.eventbus.ReplyException;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * Event-bus request latency per address, as the requester sees it: an outbound interceptor notes
 * when a request that expects a reply leaves, an inbound one records the time when its reply (or
 * failure) arrives. Vert.x's own event-bus meters count messages and time handlers, but a service
 * handler returns at once and answers later, so they do not show how long a request took. A
 * request that times out never gets a reply: Vert.x counts it ({@code vertx_eventbus_reply_failures})
 * and a periodic sweep forgets it here.
 */
public final class EventBusTimings {

  private static final String INSTALLED = "motiv8.metrics.eventbus-timings";
  private static final long SWEEP_MS = 60_000;
  private static final long FORGET_AFTER_NANOS = TimeUnit.MINUTES.toNanos(10);

  private final Map<String, Pending> pending = new ConcurrentHashMap<>();

  private EventBusTimings() {
  }

  /** Installs the interceptors on {@code vertx}'s event bus, once per Vert.x instance. */
  public static void install(Vertx vertx) {
    if (vertx.sharedData().getLocalMap(INSTALLED).putIfAbsent("installed", Boolean.TRUE) != null) {
      return;
    }
    EventBusTimings timings = new EventBusTimings();
    vertx.eventBus().addOutboundInterceptor(timings::outbound);
    vertx.eventBus().addInboundInterceptor(timings::inbound);
    vertx.setPeriodic(SWEEP_MS, id -> timings.sweep());
  }

  private <T> void outbound(DeliveryContext<T> ctx) {
    Message<T> message = ctx.message();
    if (message.replyAddress() != null && !isReply(message.address())) {
      pending.put(message.replyAddress(), new Pending(NodeAddresses.serviceOf(message.address()), System.nanoTime()));
    }
    ctx.next();
  }

  private <T> void inbound(DeliveryContext<T> ctx) {
    Pending started = isReply(ctx.message().address()) ? pending.remove(ctx.message().address()) : null;
    if (started != null) {
      String outcome = ctx.message().body() instanceof ReplyException ? "failure" : "success";
      AppMetrics.eventBusRequest(started.address(), outcome)
          .record(System.nanoTime() - started.startNanos(), TimeUnit.NANOSECONDS);
    }
    ctx.next();
  }

  private void sweep() {
    long now = System.nanoTime();
    pending.values().removeIf(p -> now - p.startNanos() > FORGET_AFTER_NANOS);
  }

  private static boolean isReply(String address) {
    return address != null && address.startsWith("__vertx.reply");
  }

  private record Pending(String address, long startNanos) {
  }
}
