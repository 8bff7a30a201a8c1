package ai.motiv8.common;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.DeliveryOptions;
import io.vertx.core.eventbus.ReplyException;
import io.vertx.core.eventbus.ReplyFailure;
import io.vertx.core.shareddata.LocalMap;
import io.vertx.core.shareddata.Shareable;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;

/**
 * The implementations of event-bus contracts that this node serves itself, for callers on the same
 * node: a call to one is a method call, where a call through the service proxy is two copies of the
 * arguments and the answer to JSON and two hops between event loops. The contracts stay the same
 * (futures failing with {@link io.vertx.serviceproxy.ServiceException} codes or
 * {@link ApiException}s, which {@link ServiceErrors#toApiException} maps alike), so a caller does
 * not tell the two apart, and a call still fails as timed out when it has no answer within the
 * proxy's time ({@link DeliveryOptions#DEFAULT_TIMEOUT}). The serving verticle registers its implementation when it starts and
 * removes it when it stops; callers look it up when they start (the application deploys the
 * servers first and stops them last).
 */
public final class NodeServices {

  private NodeServices() {
  }

  /** Lets {@code contract}'s callers on this node call {@code implementation} directly, until {@link #remove}. */
  public static <T> void register(Vertx vertx, Class<T> contract, T implementation) {
    services(vertx).put(contract.getName(), new Holder(implementation));
  }

  /** Only when {@code implementation} is the one registered (a later deployment's stays). */
  public static <T> void remove(Vertx vertx, Class<T> contract, T implementation) {
    services(vertx).removeIfPresent(contract.getName(), new Holder(implementation));
  }

  /** This node's implementation of {@code contract}, else {@code overTheBus} (a service proxy). */
  public static <T> T find(Vertx vertx, Class<T> contract, Supplier<T> overTheBus) {
    Holder held = services(vertx).get(contract.getName());
    return held == null ? overTheBus.get()
        : timed(contract, contract.cast(held.implementation()), DeliveryOptions.DEFAULT_TIMEOUT);
  }

  /** {@code implementation}, its unanswered futures failing as a proxy's do when no reply comes in time. */
  static <T> T timed(Class<T> contract, T implementation, long timeoutMs) {
    return contract.cast(Proxy.newProxyInstance(contract.getClassLoader(), new Class<?>[] {contract},
        (proxy, method, args) -> {
          if (method.getDeclaringClass() == Object.class) {
            return method.invoke(implementation, args);
          }
          Object result;
          try {
            result = method.invoke(implementation, args);
          } catch (InvocationTargetException thrown) {
            if (returnsFuture(method)) {
              return Future.failedFuture(thrown.getCause());
            }
            throw thrown.getCause();
          }
          if (!(result instanceof Future<?> answer) || answer.isComplete()) {
            return result;
          }
          return answer.timeout(timeoutMs, TimeUnit.MILLISECONDS)
              .recover(error -> Future.failedFuture(error instanceof TimeoutException
                  ? new ReplyException(ReplyFailure.TIMEOUT, contract.getSimpleName() + "." + method.getName()
                      + " had no answer in " + timeoutMs + " ms")
                  : error));
        }));
  }

  private static boolean returnsFuture(Method method) {
    return Future.class.isAssignableFrom(method.getReturnType());
  }

  private static LocalMap<String, Holder> services(Vertx vertx) {
    return vertx.sharedData().getLocalMap(NodeServices.class.getName());
  }

  /** A {@link LocalMap} copies nothing that is {@link Shareable}; equal when holding the same object. */
  private record Holder(Object implementation) implements Shareable {
    @Override
    public boolean equals(Object other) {
      return other instanceof Holder holder && holder.implementation == implementation;
    }

    @Override
    public int hashCode() {
      return System.identityHashCode(implementation);
    }
  }
}
