package ai.motiv8.cluster;

import ai.motiv8.cluster.WorkerRouter.NodeLeftException;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.VerticleBase;
import io.vertx.core.eventbus.DeliveryOptions;
import io.vertx.core.eventbus.Message;
import io.vertx.core.eventbus.MessageConsumer;
import io.vertx.core.eventbus.ReplyException;
import io.vertx.core.eventbus.ReplyFailure;
import io.vertx.core.internal.VertxInternal;
import io.vertx.serviceproxy.ServiceException;
import io.vertx.serviceproxy.ServiceExceptionMessageCodec;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * On a clustered worker node, makes each worker service reachable at this node's own address
 * ({@code motiv8.faces@<node id>}, see {@link NodeAddresses}) by relaying to the local service,
 * so that callers can address this node and notice when it leaves ({@link WorkerRouter}). Replies
 * and {@link ServiceException}s pass through unchanged; a service that is not (or no longer)
 * deployed here answers 503 so that the caller tries another node.
 *
 * <p>On stop it unregisters first (callers stop choosing this node) and then waits, at most
 * {@code drainTimeoutMs}, for the requests it is relaying, so that a stopping worker finishes what
 * it accepted. A request still running after that is failed fast on its caller's side when this
 * node leaves the cluster.
 */
public final class WorkerRelayVerticle extends VerticleBase {

  private static final Logger LOG = LoggerFactory.getLogger(WorkerRelayVerticle.class);

  private final List<String> addresses;
  private final long relayTimeoutMs;
  private final long drainTimeoutMs;
  private final List<MessageConsumer<Object>> consumers = new ArrayList<>();
  private int inFlight;
  private Promise<Void> drained;

  /**
   * @param addresses      the worker service addresses to relay (e.g. {@code Addresses.FACES})
   * @param relayTimeoutMs the longest a local service may take; above every worker's own job timeout
   * @param drainTimeoutMs how long stopping waits for relayed requests to finish
   */
  public WorkerRelayVerticle(List<String> addresses, long relayTimeoutMs, long drainTimeoutMs) {
    this.addresses = List.copyOf(addresses);
    this.relayTimeoutMs = relayTimeoutMs;
    this.drainTimeoutMs = drainTimeoutMs;
  }

  @Override
  public Future<?> start() {
    if (!vertx.isClustered()) {
      return Future.succeededFuture();
    }
    try {
      vertx.eventBus().registerDefaultCodec(ServiceException.class, new ServiceExceptionMessageCodec());
    } catch (IllegalStateException alreadyRegistered) {
      // a service proxy or handler registered it first
    }
    String nodeId = ((VertxInternal) vertx).clusterManager().getNodeId();
    List<Future<Void>> registered = new ArrayList<>();
    for (String address : addresses) {
      MessageConsumer<Object> consumer = vertx.eventBus()
          .consumer(NodeAddresses.of(address, nodeId), message -> relay(address, message));
      consumers.add(consumer);
      registered.add(consumer.completion());
    }
    return Future.all(registered).onSuccess(v -> LOG.info("Worker services {} reachable on node {}", addresses, nodeId));
  }

  @Override
  public Future<?> stop() {
    List<Future<Void>> unregistered = consumers.stream().map(MessageConsumer::unregister).toList();
    return Future.join(unregistered).otherwiseEmpty().compose(v -> {
      if (inFlight == 0) {
        return Future.succeededFuture();
      }
      LOG.info("Waiting for {} relayed request(s) to finish", inFlight);
      drained = Promise.promise();
      return drained.future()
          .timeout(Math.max(1, drainTimeoutMs), TimeUnit.MILLISECONDS)
          .onFailure(e -> LOG.warn("Stopped with {} relayed request(s) unfinished", inFlight))
          .otherwiseEmpty();
    });
  }

  private void relay(String address, Message<Object> message) {
    inFlight++;
    DeliveryOptions options = new DeliveryOptions()
        .setHeaders(message.headers())
        .setLocalOnly(true)
        .setSendTimeout(relayTimeoutMs);
    vertx.eventBus().request(address, message.body(), options).onComplete(reply -> {
      if (reply.succeeded()) {
        message.reply(reply.result().body(), new DeliveryOptions().setHeaders(reply.result().headers()));
      } else {
        message.reply(toServiceException(reply.cause()));
      }
      inFlight--;
      if (inFlight == 0 && drained != null) {
        drained.tryComplete();
      }
    });
  }

  private static ServiceException toServiceException(Throwable error) {
    if (error instanceof ServiceException se) {
      return se;
    }
    if (error instanceof ReplyException re && re.failureType() == ReplyFailure.NO_HANDLERS) {
      return new ServiceException(503, WorkerRouter.NO_WORKER);
    }
    if (error instanceof ReplyException re && re.failureType() == ReplyFailure.TIMEOUT) {
      return new ServiceException(504, "The worker timed out, try again shortly");
    }
    if (error instanceof ReplyException re && re.failureType() == ReplyFailure.RECIPIENT_FAILURE) {
      return new ServiceException(re.failureCode(), re.getMessage());
    }
    if (error instanceof NodeLeftException) {
      return new ServiceException(503, WorkerRouter.WORKER_LEFT);
    }
    return new ServiceException(500, String.valueOf(error.getMessage()));
  }
}
