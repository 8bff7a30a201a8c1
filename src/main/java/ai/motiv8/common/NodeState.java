package ai.motiv8.common;

import io.vertx.core.Vertx;
import io.vertx.core.shareddata.LocalMap;

/**
 * What this process is doing, shared by its verticles through a Vert.x local map: which worker
 * services it serves (and with what, e.g. the face pack) and whether it is stopping. Readiness
 * reports read it; the application writes it.
 */
public final class NodeState {

  private static final String MAP = "motiv8.node-state";
  private static final String STOPPING = "stopping";
  private static final String SERVING = "serving:";
  private static final String PROBLEM = "problem:";

  private NodeState() {
  }

  public static void markStopping(Vertx vertx) {
    map(vertx).put(STOPPING, Boolean.TRUE);
  }

  public static boolean isStopping(Vertx vertx) {
    return Boolean.TRUE.equals(map(vertx).get(STOPPING));
  }

  /** This process serves {@code address}; {@code description} says with what (e.g. {@code face pack default}). */
  public static void markServing(Vertx vertx, String address, String description) {
    map(vertx).put(SERVING + address, description);
  }

  /**
   * Same, in a degraded way: {@code problem} says what the operator should fix (e.g. the
   * diffusion pack is missing and posters are made instead); null when nothing is wrong.
   */
  public static void markServing(Vertx vertx, String address, String description, String problem) {
    markServing(vertx, address, description);
    if (problem == null) {
      map(vertx).remove(PROBLEM + address);
    } else {
      map(vertx).put(PROBLEM + address, problem);
    }
  }

  /** What is wrong with how this process serves {@code address}, or null when nothing is. */
  public static String problem(Vertx vertx, String address) {
    Object value = map(vertx).get(PROBLEM + address);
    return value == null ? null : value.toString();
  }

  /** What serves {@code address} in this process, or null when nothing does. */
  public static String serving(Vertx vertx, String address) {
    Object value = map(vertx).get(SERVING + address);
    return value == null ? null : value.toString();
  }

  private static LocalMap<String, Object> map(Vertx vertx) {
    return vertx.sharedData().getLocalMap(MAP);
  }
}
