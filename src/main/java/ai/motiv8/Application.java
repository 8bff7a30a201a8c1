package ai.motiv8;

import ai.motiv8.batch.BatchVerticle;
import ai.motiv8.mail.UnsubscribeTokens;
import ai.motiv8.cluster.WorkerRelayVerticle;
import ai.motiv8.common.Addresses;
import ai.motiv8.common.NodeState;
import ai.motiv8.config.AppConfig;
import ai.motiv8.config.AppConfig.Role;
import ai.motiv8.faces.FaceService;
import ai.motiv8.faces.InferenceVerticle;
import ai.motiv8.generation.GenerationService;
import ai.motiv8.generation.GenerationVerticle;
import ai.motiv8.http.HttpVerticle;
import ai.motiv8.http.OpsVerticle;
import ai.motiv8.mail.MailVerticle;
import ai.motiv8.metrics.EventBusTimings;
import ai.motiv8.persistence.PersistenceVerticle;
import ai.motiv8.storage.BlobStore;
import ai.motiv8.storage.BlobStores;
import ai.motiv8.storage.StorageVerticle;
import io.vertx.core.DeploymentOptions;
import io.vertx.core.Deployable;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import ai.motiv8.users.SendSchedule;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import java.util.stream.Stream;

/**
 * Boots motiv8 on a Vert.x instance: each step a named method that logs, HTTP last so that the
 * service only accepts requests once everything behind it is up. The roles of the configuration
 * choose the steps: {@code api} (HTTP, persistence, storage, mail), {@code worker} (face
 * inference, generation, the daily batch scheduler with the persistence and mail it needs, and a
 * small health/metrics server), or both. {@link #shutdown()} undoes
 * it in reverse, HTTP first.
 */
public final class Application {

  private static final Logger log = LoggerFactory.getLogger(Application.class);

  /** Worker services that a clustered worker node makes reachable at its own address. */
  private static final List<String> WORKER_ADDRESSES = List.of(Addresses.FACES, Addresses.GENERATION);

  private final Vertx vertx;
  private final AppConfig config;
  private final Set<Role> roles;
  private final List<Deployed> deployed = new ArrayList<>();
  private final Clock clock;
  private BlobStore store;
  private int httpPort = -1;

  private Application(Vertx vertx, AppConfig config, Set<Role> roles, Clock clock) {
    this.vertx = vertx;
    this.config = config;
    this.roles = roles;
    this.clock = clock;
  }

  /** Deploys the verticles of the configured roles; completes once the HTTP server listens. */
  public static Future<Application> deploy(Vertx vertx, AppConfig config) {
    return deploy(vertx, config, null);
  }

  /**
   * Same, over a given blob store (null: the one the configuration names). Tests use it to put
   * a fault-injecting store in front of a real one.
   */
  public static Future<Application> deploy(Vertx vertx, AppConfig config, BlobStore blobStore) {
    return deploy(vertx, config, blobStore, Clock.systemUTC());
  }

  /**
   * Same, on {@code clock}: the scheduler's ticks, users' next sends and local dates follow it
   * (tests move it across days and DST switches without waiting).
   */
  public static Future<Application> deploy(Vertx vertx, AppConfig config, BlobStore blobStore, Clock clock) {
    Application app = new Application(vertx, config, config.roles(), clock);
    app.store = blobStore;
    log.info("Starting motiv8 ({}, role {}{})", config.environment().jsonName(), Role.describe(config.roles()),
        vertx.isClustered() ? ", clustered" : "");
    if (config.runs(Role.WORKER) && !config.runs(Role.API) && !vertx.isClustered()) {
      log.warn("Role 'worker' without a cluster: no API can reach this process (start it with --cluster)");
    }
    if (config.metrics().enabled()) {
      EventBusTimings.install(vertx);
    }
    return app.startServices()
        .compose(v -> app.startBatch())
        .compose(v -> app.startHttp())
        .map(v -> app);
  }

  /** Every service but the HTTP API, whatever the roles, for commands that work on the data (e.g. re-embedding). */
  public static Future<Application> deployWithoutHttp(Vertx vertx, AppConfig config) {
    Application app = new Application(vertx, config, Role.ALL, Clock.systemUTC());
    return app.startServices().map(v -> app);
  }

  private Future<Void> startServices() {
    return prepareFolders()
        .compose(v -> startStorage())
        .compose(v -> needsDatabaseAndMail() ? startPersistence() : Future.<Void>succeededFuture())
        .compose(v -> needsDatabaseAndMail() ? startMail() : Future.<Void>succeededFuture())
        .compose(v -> when(Role.WORKER, this::startFaceInference))
        .compose(v -> when(Role.WORKER, this::startGeneration))
        .compose(v -> when(Role.WORKER, this::startWorkerRelay));
  }

  public Vertx vertx() {
    return vertx;
  }

  public AppConfig config() {
    return config;
  }

  public BlobStore blobStore() {
    return store;
  }

  /** The port the HTTP server listens on (the configured one, or the one chosen for port 0). */
  public int httpPort() {
    return httpPort;
  }

  /**
   * Graceful stop, bounded by {@code shutdown.graceSeconds}: readiness turns 503 at once, then
   * the verticles are undeployed in reverse order: the HTTP server first (no new connections;
   * requests in flight are answered), then the worker relays and workers (jobs in flight finish),
   * mail, persistence (pools closed) and storage; then this process's temp files are removed.
   * Leaving the cluster is {@code vertx.close()}, which the caller does after this.
   */
  public Future<Void> shutdown() {
    NodeState.markStopping(vertx);
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(config.shutdown().graceSeconds());
    log.info("Stopping: no new requests; up to {} s for those in flight", config.shutdown().graceSeconds());
    Future<Void> chain = Future.succeededFuture();
    for (int i = deployed.size() - 1; i >= 0; i--) {
      Deployed deployment = deployed.get(i);
      chain = chain.compose(v -> undeploy(deployment, deadline));
    }
    return chain
        .compose(v -> closeStore())
        .compose(v -> removeTempFiles())
        .onComplete(done -> log.info("Stopped"));
  }

  private Future<Void> undeploy(Deployed deployment, long deadline) {
    long remainingMs = Math.max(1, TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime()) + 1000);
    return vertx.undeploy(deployment.id())
        .timeout(remainingMs, TimeUnit.MILLISECONDS)
        .onSuccess(v -> log.info("Stopped {}", deployment.name()))
        .recover(error -> {
          log.warn("{} did not stop in time ({}); going on", deployment.name(), error.getMessage());
          return Future.succeededFuture();
        });
  }

  /** The API's needs, or a worker's batch scheduler's ({@link #deployWithoutHttp} runs every role). */
  private boolean needsDatabaseAndMail() {
    return roles.contains(Role.API) || config.needsDatabaseAndMail();
  }

  private Future<Void> when(Role role, Supplier<Future<Void>> step) {
    return roles.contains(role) ? step.get() : Future.succeededFuture();
  }

  private Future<Void> deploy(String name, Supplier<? extends Deployable> verticle, DeploymentOptions options) {
    return vertx.deployVerticle(verticle, options)
        .onSuccess(id -> deployed.add(new Deployed(name, id)))
        .mapEmpty();
  }

  private Future<Void> prepareFolders() {
    return vertx.executeBlocking(() -> {
      Files.createDirectories(config.storage().tempDir());
      if (!config.storage().isS3()) {
        Files.createDirectories(config.storage().dataDir());
      }
      Path sqliteParent = Path.of(config.database().sqlitePath()).toAbsolutePath().getParent();
      if (needsDatabaseAndMail() && !config.database().isPostgres() && sqliteParent != null) {
        Files.createDirectories(sqliteParent);
      }
      return null;
    }, false);
  }

  private Future<Void> startStorage() {
    if (store == null) {
      store = BlobStores.create(vertx, config.storage());
    }
    BlobStore blobs = store;
    return deploy("storage", () -> new StorageVerticle(blobs), new DeploymentOptions());
  }

  private Future<Void> startPersistence() {
    return deploy("persistence", () -> new PersistenceVerticle(config.database(),
        SendSchedule.of(config.batch()), clock), new DeploymentOptions());
  }

  private Future<Void> startMail() {
    return deploy("mail", () -> new MailVerticle(config.mail(), store,
        UnsubscribeTokens.of(config)), new DeploymentOptions());
  }

  private Future<Void> startFaceInference() {
    return deploy("face inference", () -> new InferenceVerticle(config.face(), store, config.storage().tempDir()),
        InferenceVerticle.deploymentOptions(config.face()))
        .onSuccess(v -> NodeState.markServing(vertx, FaceService.ADDRESS, "face pack " + config.face().pack()));
  }

  /**
   * The generation worker with the configured engine; readiness shows the engine it really runs,
   * and why, when that is the poster instead of a configured diffusion engine.
   */
  private Future<Void> startGeneration() {
    GenerationVerticle[] verticle = new GenerationVerticle[1];
    return deploy("generation", () -> verticle[0] = new GenerationVerticle(config.generation(), config.face(), store,
            config.storage().tempDir()), GenerationVerticle.deploymentOptions(config.generation()))
        .onSuccess(v -> NodeState.markServing(vertx, GenerationService.ADDRESS, "engine " + verticle[0].engineName(),
            verticle[0].engineProblem()));
  }

  /**
   * The daily batch scheduler, when {@code batch.enabled}, on nodes with the worker role: the
   * batch lists and claims users through this node's database pool, mails through this node's
   * mail service, and sends the generation jobs to any worker node (this one included). The
   * database decides which scheduler runs a day. Commands ({@code batch run}) run batches themselves.
   */
  private Future<Void> startBatch() {
    if (!config.batch().enabled()) {
      log.info("Daily batch scheduler off (batch.enabled is false)");
      return Future.succeededFuture();
    }
    if (!roles.contains(Role.WORKER)) {
      log.info("Daily batch scheduler: runs on worker nodes, not on this api node");
      return Future.succeededFuture();
    }
    return deploy("daily batch scheduler", () -> new BatchVerticle(config.batch(), config.generation(), clock), new DeploymentOptions());
  }

  /** Clustered workers only: each worker service also at this node's own address, for fail-fast routing. */
  private Future<Void> startWorkerRelay() {
    if (!vertx.isClustered()) {
      return Future.succeededFuture();
    }
    long longestJobMs = Math.max(config.face().timeoutMs(), config.generation().timeoutMs());
    long graceMs = TimeUnit.SECONDS.toMillis(config.shutdown().graceSeconds());
    return deploy("worker relay", () -> new WorkerRelayVerticle(WORKER_ADDRESSES, longestJobMs + 10_000, graceMs),
        new DeploymentOptions());
  }

  /** The API on {@code http.instances} event loops; a worker-only node serves health and metrics only. */
  private Future<Void> startHttp() {
    if (!roles.contains(Role.API)) {
      OpsVerticle[] ops = new OpsVerticle[1];
      return deploy("health server", () -> ops[0] = new OpsVerticle(config, store), new DeploymentOptions())
          .onSuccess(v -> httpPort = ops[0].actualPort());
    }
    int instances = config.http().port() == 0 ? 1 : config.http().instances();
    HttpVerticle[] first = new HttpVerticle[1];
    return deploy("HTTP API", () -> {
          HttpVerticle verticle = new HttpVerticle(config, store, clock);
          if (first[0] == null) {
            first[0] = verticle;
          }
          return verticle;
        }, new DeploymentOptions().setInstances(instances))
        .onSuccess(v -> {
          httpPort = first[0].actualPort();
          log.info("HTTP API on {} event loop(s)", instances);
        });
  }

  private Future<Void> closeStore() {
    BlobStore blobs = store;
    return blobs == null ? Future.succeededFuture() : vertx.executeBlocking(() -> {
      blobs.close();
      return null;
    }, false);
  }

  /**
   * Upload staging files and blob downloads left in this process's temp folder (normally each is
   * deleted when its request ends; a forced stop can leave some). Only motiv8's own files are
   * touched, never the rest of the folder.
   */
  private Future<Void> removeTempFiles() {
    Path tempDir = config.storage().tempDir();
    return vertx.executeBlocking(() -> {
      int removed = deleteFiles(tempDir.resolve("uploads"), "") + deleteFiles(tempDir, "blob-");
      if (removed > 0) {
        log.info("Removed {} temp file(s) from {}", removed, tempDir);
      }
      return null;
    }, false);
  }

  private static int deleteFiles(Path dir, String prefix) throws IOException {
    if (!Files.isDirectory(dir)) {
      return 0;
    }
    int removed = 0;
    try (Stream<Path> files = Files.list(dir)) {
      for (Path file : files.filter(Files::isRegularFile)
          .filter(f -> f.getFileName().toString().startsWith(prefix)).toList()) {
        if (Files.deleteIfExists(file)) {
          removed++;
        }
      }
    }
    return removed;
  }

  private record Deployed(String name, String id) {
  }
}
