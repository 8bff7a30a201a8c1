package ai.motiv8;

import ai.motiv8.common.Await;
import ai.motiv8.config.AppConfig;
import ai.motiv8.config.ConfigException;
import ai.motiv8.faces.onnx.ModelManifest;
import ai.motiv8.faces.pack.DefaultFacePack;
import ai.motiv8.faces.pack.ModelFetcher;
import ai.motiv8.faces.pack.ModelUnavailableException;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;

/**
 * {@code motiv8 serve}: runs the service until the process is stopped. On SIGTERM (or Ctrl-C) it
 * stops gracefully: no new requests, those in flight answered within {@code shutdown.graceSeconds},
 * then it leaves the cluster and closes Vert.x.
 */
@Command(name = "serve", mixinStandardHelpOptions = true, description = "Run the HTTP API and its workers.")
final class ServeCommand implements Callable<Integer> {

  private static final Logger log = LoggerFactory.getLogger(ServeCommand.class);

  /** Time to leave the cluster and close Vert.x after the grace period. */
  private static final long CLOSE_MARGIN_SECONDS = 15;

  @Mixin
  ConfigOptions configOptions;

  @Option(names = {"-p", "--port"}, description = "HTTP port (config http.port, env HTTP_PORT).")
  Integer port;

  @Option(names = {"-e", "--environment"}, description = "development or production (env ENVIRONMENT).")
  String environment;

  @Option(names = {"-r", "--role"}, paramLabel = "ROLE",
      description = "all (default), api or worker (config roles, env MOTIV8_ROLE).")
  String role;

  @Option(names = "--cluster", description = "Join the cluster (config cluster.enabled, env CLUSTER_ENABLED).")
  boolean cluster;

  @Option(names = "--offline",
      description = "Never fetch the default face pack: refuse to start when it is missing (as `models fetch` would fix).")
  boolean offline;

  @Override
  public Integer call() throws InterruptedException {
    AppConfig config;
    try {
      config = configOptions.load(cliSettings());
    } catch (ConfigException e) {
      log.error("{}", e.getMessage());
      return 2;
    }
    try {
      installDefaultFacePack(config, offline);
    } catch (ModelUnavailableException e) {
      log.error("{}", e.getMessage());
      return 1;
    }
    Vertx vertx;
    try {
      vertx = Await.result(VertxFactory.create(config));
    } catch (Exception e) {
      log.error("motiv8 could not start Vert.x{}: {}", config.cluster().enabled() ? " or join the cluster" : "",
          e.getMessage(), e);
      return 1;
    }
    AtomicReference<Application> running = new AtomicReference<>();
    AtomicBoolean stopping = new AtomicBoolean();
    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      stopping.set(true);
      log.info("Shutting down");
      Application app = running.get();
      Future<Void> drained = app == null ? Future.succeededFuture() : app.shutdown();
      drained.eventually(vertx::close).onComplete(done -> stopped.countDown());
      awaitQuietly(stopped, config.shutdown().graceSeconds() + CLOSE_MARGIN_SECONDS);
    }, "motiv8-shutdown"));
    try {
      running.set(Await.result(Application.deploy(vertx, config)));
    } catch (Exception e) {
      if (stopping.get()) {
        log.info("Stopped while starting");
        return 0;
      }
      log.error("motiv8 failed to start: {}", e.getMessage(), e);
      vertx.close();
      return 1;
    }
    stopped.await();
    return 0;
  }

  /**
   * First start in an empty folder: a worker on the default pack gets it before serving, from
   * the download cache the build fills ({@code ~/.cache/motiv8}) or else with {@code npm pack},
   * every file checked against the manifest's SHA-256. {@code --offline} (or another pack) leaves
   * the folder alone, and the inference verticle then refuses a missing pack with its usual message.
   */
  static void installDefaultFacePack(AppConfig config, boolean offline) {
    boolean runsInference = config.roles().contains(AppConfig.Role.WORKER);
    if (offline || !runsInference || !DefaultFacePack.NAME.equals(config.face().pack())) {
      return;
    }
    Path modelsDir = config.face().modelsDir().toAbsolutePath();
    ModelManifest manifest = ModelManifest.committed(DefaultFacePack.NAME);
    if (manifest.problems(modelsDir.resolve("face").resolve(DefaultFacePack.NAME)).isEmpty()) {
      return;
    }
    log.info("First start: installing the default face pack ({}) into {}, from {} or else with npm "
        + "(once; --offline to refuse instead)", manifest.npmSpec(), modelsDir, ModelFetcher.defaultCacheDir());
    ModelFetcher.fetchDefaultPack(modelsDir);
  }

  private Map<String, String> cliSettings() {
    Map<String, String> all = new LinkedHashMap<>();
    if (port != null) {
      all.put("http.port", port.toString());
    }
    if (environment != null) {
      all.put("environment", environment);
    }
    if (role != null) {
      all.put("roles", role);
    }
    if (cluster) {
      all.put("cluster.enabled", "true");
    }
    return all;
  }

  private static void awaitQuietly(CountDownLatch latch, long seconds) {
    try {
      latch.await(seconds, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
