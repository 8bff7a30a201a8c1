package ai.motiv8.common;

import io.vertx.core.Vertx;
import io.vertx.core.shareddata.LocalMap;
import io.vertx.core.shareddata.Shareable;

import java.util.function.Supplier;

/**
 * The implementations of event-bus contracts that this node serves itself, for callers on the same
 * node: a call to one is a method call, where a call through the service proxy is two copies of the
 * arguments and the answer to JSON and two hops between event loops. The contracts stay the same
 * (futures failing with {@link io.vertx.serviceproxy.ServiceException} codes or
 * {@link ApiException}s, which {@link ServiceErrors#toApiException} maps alike), so a caller does
 * not tell the two apart. The serving verticle registers its implementation when it starts and
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
    return held == null ? overTheBus.get() : contract.cast(held.implementation());
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
