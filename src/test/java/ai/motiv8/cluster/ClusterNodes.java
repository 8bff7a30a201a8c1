package ai.motiv8.cluster;

import ai.motiv8.Application;
import ai.motiv8.VertxFactory;
import ai.motiv8.config.AppConfig;
import ai.motiv8.faces.FaceService;
import ai.motiv8.support.TestConfigs;
import io.vertx.core.DeploymentOptions;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.serviceproxy.ServiceBinder;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Clustered motiv8 nodes inside one test JVM, on loopback: a cluster of their own (unique name,
 * a free base port, join wait off), one data folder and SQLite file shared by every node, a temp
 * folder per node. Closes every node it started.
 */
final class ClusterNodes {

  private final Path dir;
  private final String clusterName = "motiv8-test-" + UUID.randomUUID();
  private final int basePort = freePort();
  private final List<Vertx> started = new ArrayList<>();
  private int count;

  ClusterNodes(Path dir) {
    this.dir = dir;
  }

  AppConfig config(String role) {
    return TestConfigs.local(dir, environment(role));
  }

  /**
   * The variables of a node with {@code role}; with {@link TestConfigs}' own (SQLite, data and
   * outbox under the shared folder, HTTP on 127.0.0.1) for a node started as a separate process.
   */
  Map<String, String> processEnvironment(String role, int httpPort) {
    Map<String, String> env = new HashMap<>(environment(role));
    env.put("HTTP_HOST", "127.0.0.1");
    env.put("HTTP_PORT", String.valueOf(httpPort));
    env.put("HTTP_INSTANCES", "1");
    env.put("SQLITE_PATH", dir.resolve("motiv8.db").toString());
    env.put("DATA_DIR", dir.resolve("data").toString());
    env.put("OUTBOX_DIR", dir.resolve("outbox").toString());
    env.put("MODELS_DIR", Path.of("models").toAbsolutePath().toString());
    env.put("SHUTDOWN_GRACE_SECONDS", "20");
    return env;
  }

  private Map<String, String> environment(String role) {
    Map<String, String> env = new HashMap<>();
    env.put("MOTIV8_ROLE", role);
    env.put("CLUSTER_ENABLED", "true");
    env.put("CLUSTER_NAME", clusterName);
    env.put("CLUSTER_HOST", "127.0.0.1");
    env.put("CLUSTER_PORT", String.valueOf(basePort));
    env.put("CLUSTER_MEMBERS", "127.0.0.1:" + basePort);
    env.put("CLUSTER_JOIN_WAIT_SECONDS", "0");
    env.put("METRICS_ENABLED", "false");
    env.put("SHUTDOWN_GRACE_SECONDS", "1");
    // A crashed member is noticed within seconds, as tests wait for it.
    env.put("CLUSTER_MEMBER_TIMEOUT_SECONDS", "4");
    env.put("TEMP_DIR", dir.resolve("tmp-" + role + "-" + (++count)).toString());
    return env;
  }

  /** A clustered Vert.x running motiv8 with {@code role}. */
  Future<Application> start(String role) {
    return start(role, Map.of());
  }

  /** The same, with more variables (e.g. the batch's). */
  Future<Application> start(String role, Map<String, String> variables) {
    Map<String, String> env = new HashMap<>(environment(role));
    env.putAll(variables);
    AppConfig config = TestConfigs.local(dir, env);
    return vertx(config).compose(vertx -> Application.deploy(vertx, config));
  }

  /** A clustered worker node whose face analysis is {@code faces} (a stand-in), reachable like a real one. */
  Future<Vertx> startWorkerWith(FaceService faces) {
    AppConfig config = config("worker");
    return vertx(config).compose(vertx -> {
      new ServiceBinder(vertx).setAddress(FaceService.ADDRESS).register(FaceService.class, faces);
      return vertx.deployVerticle(new WorkerRelayVerticle(List.of(FaceService.ADDRESS), 60_000, 1000),
          new DeploymentOptions()).map(id -> vertx);
    });
  }

  Future<Vertx> vertx(AppConfig config) {
    return VertxFactory.create(config).onSuccess(started::add);
  }

  Future<Void> closeAll() {
    List<Future<Void>> closing = started.stream().map(Vertx::close).toList();
    return Future.join(closing).mapEmpty();
  }

  static int freePort() {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
