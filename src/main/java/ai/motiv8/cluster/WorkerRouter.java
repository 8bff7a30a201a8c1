package ai.motiv8.cluster;

import ai.motiv8.common.NodeState;
import ai.motiv8.metrics.AppMetrics;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.DeliveryOptions;
import io.vertx.core.eventbus.MessageConsumer;
import io.vertx.core.eventbus.ReplyException;
import io.vertx.core.eventbus.ReplyFailure;
import io.vertx.core.internal.VertxInternal;
import io.vertx.core.spi.cluster.ClusterManager;
import io.vertx.core.spi.cluster.RegistrationInfo;
import io.vertx.serviceproxy.ServiceException;
import io.vertx.serviceproxy.ServiceProxyBuilder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

/**
 * Sends requests to worker services (face analysis, generation) on whichever worker nodes are up.
 *
 * <p>On a clustered node each call picks a worker node that serves the address (round robin over
 * the cluster's registrations on live members) and sends to that node's relay
 * ({@link NodeAddresses}, {@link WorkerRelayVerticle}), so it knows where the request is. When that
 * node leaves the cluster before answering, the call fails at once instead of waiting for the
 * event-bus timeout; a call that failed because its node left, had no handler any more, or was
 * refused as busy (503) is sent once more to another node: worker requests carry storage keys and
 * are idempotent for the same keys. With no worker at all the call fails at once with 503. Without
 * a cluster, calls go straight to the local address.
 *
 * <p>Use one router per verticle (it listens for departures on that verticle's context) and
 * {@link #close()} it when the verticle stops.
 */
public final class WorkerRouter {

  /** Local-only address on which the cluster membership listener publishes the id of a node that left. */
  public static final String NODE_LEFT = "motiv8.cluster.node-left";

  static final String NO_WORKER = "No worker is available right now, try again shortly";
  static final String WORKER_LEFT = "The worker handling the request stopped, try again shortly";

  private static final Logger LOG = LoggerFactory.getLogger(WorkerRouter.class);

  private final Vertx vertx;
  private final ClusterManager cluster;
  private final Map<String, Set<Promise<?>>> inFlightByNode = new ConcurrentHashMap<>();
  private final AtomicInteger turn = new AtomicInteger();
  private final MessageConsumer<String> departures;

  private WorkerRouter(Vertx vertx) {
    this.vertx = vertx;
    this.cluster = vertx.isClustered() ? ((VertxInternal) vertx).clusterManager() : null;
    this.departures = cluster == null ? null
        : vertx.eventBus().<String>localConsumer(NODE_LEFT, message -> nodeLeft(message.body()));
  }

  public static WorkerRouter create(Vertx vertx) {
    return new WorkerRouter(vertx);
  }

  public boolean clustered() {
    return cluster != null;
  }

  /**
   * A client of the {@code @ProxyGen} service {@code type} at {@code address} whose calls go
   * through this router; {@code timeoutMs} is the event-bus timeout of one attempt.
   */
  public <T> T proxy(Class<T> type, String address, long timeoutMs) {
    if (cluster == null) {
      return build(type, address, timeoutMs);
    }
    Map<String, T> byTarget = new ConcurrentHashMap<>();
    InvocationHandler handler = (self, method, args) -> {
      if (method.getDeclaringClass() == Object.class) {
        return switch (method.getName()) {
          case "equals" -> self == args[0];
          case "hashCode" -> System.identityHashCode(self);
          default -> "WorkerRouter proxy of " + type.getSimpleName() + " at " + address;
        };
      }
      return call(address, target -> {
        T delegate = byTarget.computeIfAbsent(target, t -> build(type, t, timeoutMs));
        try {
          return (Future<?>) method.invoke(delegate, args);
        } catch (InvocationTargetException e) {
          return Future.failedFuture(e.getCause());
        } catch (IllegalAccessException e) {
          return Future.failedFuture(e);
        }
      });
    };
    return type.cast(Proxy.newProxyInstance(type.getClassLoader(), new Class<?>[]{type}, handler));
  }

  /**
   * Sends one request through {@code send}, given the address to send to (node-specific when
   * clustered), with the fail-fast and retry rules of the class comment.
   */
  public <T> Future<T> call(String address, Function<String, Future<T>> send) {
    if (cluster == null) {
      return send.apply(address);
    }
    return workerNodes(address).compose(nodes -> attempt(address, nodes, null, send));
  }

  /**
   * The ids of the live nodes that serve {@code address}; without a cluster, {@code ["local"]}
   * when this process serves it, else none.
   */
  public Future<List<String>> workerNodes(String address) {
    if (cluster == null) {
      return Future.succeededFuture(NodeState.serving(vertx, address) != null ? List.of("local") : List.of());
    }
    Promise<List<RegistrationInfo>> registrations = Promise.promise();
    cluster.getRegistrations(address, registrations);
    return registrations.future().map(infos -> {
      Set<String> live = Set.copyOf(cluster.getNodes());
      return infos.stream()
          .filter(info -> !info.localOnly())
          .map(RegistrationInfo::nodeId)
          .filter(live::contains)
          .distinct()
          .sorted()
          .toList();
    });
  }

  public void close() {
    if (departures != null) {
      departures.unregister();
    }
  }

  private <T> Future<T> attempt(String address, List<String> nodes, String failedNode,
                                Function<String, Future<T>> send) {
    List<String> usable = nodes.stream().filter(node -> !node.equals(failedNode)).toList();
    if (usable.isEmpty()) {
      AppMetrics.workerCall(address, "no_worker");
      return Future.failedFuture(new ServiceException(503, failedNode == null ? NO_WORKER : WORKER_LEFT));
    }
    String node = usable.get(Math.floorMod(turn.getAndIncrement(), usable.size()));
    Promise<T> outcome = Promise.promise();
    Set<Promise<?>> onNode = inFlightByNode.computeIfAbsent(node, n -> ConcurrentHashMap.newKeySet());
    onNode.add(outcome);
    if (!cluster.getNodes().contains(node)) {
      outcome.tryFail(new NodeLeftException(node));
    }
    Future<T> sent;
    try {
      sent = send.apply(NodeAddresses.of(address, node));
    } catch (RuntimeException e) {
      sent = Future.failedFuture(e);
    }
    sent.onComplete(outcome::tryComplete, outcome::tryFail);
    return outcome.future()
        .andThen(done -> onNode.remove(outcome))
        .andThen(done -> {
          if (done.succeeded()) {
            AppMetrics.workerCall(address, "success");
          }
        })
        .recover(error -> {
          if (failedNode == null && retryable(error)) {
            LOG.warn("{} on node {} failed ({}); trying another worker", address, node, describe(error));
            AppMetrics.workerCall(address, "retried");
            return workerNodes(address).compose(fresh -> attempt(address, fresh, node, send));
          }
          AppMetrics.workerCall(address, error instanceof NodeLeftException ? "node_left" : "failure");
          return Future.failedFuture(error instanceof NodeLeftException ? new ServiceException(503, WORKER_LEFT)
              : error);
        });
  }

  private void nodeLeft(String nodeId) {
    Set<Promise<?>> pending = inFlightByNode.remove(nodeId);
    if (pending != null && !pending.isEmpty()) {
      LOG.warn("Worker node {} left with {} request(s) in flight: failing them now", nodeId, pending.size());
      pending.forEach(promise -> promise.tryFail(new NodeLeftException(nodeId)));
    }
  }

  /** Whether another node may be asked: the request did not run to an answer on this one. */
  static boolean retryable(Throwable error) {
    if (error instanceof NodeLeftException) {
      return true;
    }
    if (error instanceof ServiceException se) {
      return se.failureCode() == 503;
    }
    if (error instanceof ReplyException re) {
      return re.failureType() == ReplyFailure.NO_HANDLERS || re.failureType() == ReplyFailure.ERROR;
    }
    return false;
  }

  private static String describe(Throwable error) {
    return error.getClass().getSimpleName() + ": " + error.getMessage();
  }

  /** The node holding a request left the cluster before answering. */
  static final class NodeLeftException extends RuntimeException {
    NodeLeftException(String nodeId) {
      super("node " + nodeId + " left the cluster", null, false, false);
    }
  }

  private <T> T build(Class<T> type, String address, long timeoutMs) {
    return new ServiceProxyBuilder(vertx)
        .setAddress(address)
        .setOptions(new DeliveryOptions().setSendTimeout(timeoutMs))
        .build(type);
  }
}
