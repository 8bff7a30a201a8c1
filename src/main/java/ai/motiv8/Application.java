package ai.motiv8;

import ai.motiv8.batch.BatchVerticle;
import ai.motiv8.config.AppConfig;
import ai.motiv8.faces.InferenceVerticle;
import ai.motiv8.generation.GenerationVerticle;
import ai.motiv8.http.HttpVerticle;
import ai.motiv8.mail.MailVerticle;
import ai.motiv8.persistence.PersistenceVerticle;
import ai.motiv8.storage.BlobStore;
import ai.motiv8.storage.BlobStores;
import ai.motiv8.storage.StorageVerticle;
import io.vertx.core.DeploymentOptions;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;

/**
 * Boots motiv8 on a Vert.x instance: each step a named method that logs, HTTP last so that the
 * service only accepts requests once everything behind it is up.
 */
public final class Application {

  private static final Logger log = LoggerFactory.getLogger(Application.class);

  private final Vertx vertx;
  private final AppConfig config;
  private BlobStore store;
  private int httpPort = -1;

  private Application(Vertx vertx, AppConfig config) {
    this.vertx = vertx;
    this.config = config;
  }

  /** Deploys every verticle; completes once the HTTP API listens. */
  public static Future<Application> deploy(Vertx vertx, AppConfig config) {
    return deploy(vertx, config, null);
  }

  /**
   * Same, over a given blob store (null: the one the configuration names). Tests use it to put
   * a fault-injecting store in front of a real one.
   */
  public static Future<Application> deploy(Vertx vertx, AppConfig config, BlobStore blobStore) {
    Application app = new Application(vertx, config);
    app.store = blobStore;
    log.info("Starting motiv8 ({})", config.environment().jsonName());
    return app.startServices()
        .compose(v -> app.startBatch())
        .compose(v -> app.startHttp())
        .map(v -> app);
  }

  /** Everything but the HTTP API, for commands that work on the data (e.g. re-embedding). */
  public static Future<Application> deployWithoutHttp(Vertx vertx, AppConfig config) {
    Application app = new Application(vertx, config);
    return app.startServices().map(v -> app);
  }

  private Future<Void> startServices() {
    return prepareFolders()
        .compose(v -> startStorage())
        .compose(v -> startPersistence())
        .compose(v -> startMail())
        .compose(v -> startFaceInference())
        .compose(v -> startGeneration());
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

  /** The port the HTTP API listens on (the configured one, or the one chosen for port 0). */
  public int httpPort() {
    return httpPort;
  }

  private Future<Void> prepareFolders() {
    return vertx.executeBlocking(() -> {
      Files.createDirectories(config.storage().tempDir());
      if (!config.storage().isS3()) {
        Files.createDirectories(config.storage().dataDir());
      }
      Path sqliteParent = Path.of(config.database().sqlitePath()).toAbsolutePath().getParent();
      if (!config.database().isPostgres() && sqliteParent != null) {
        Files.createDirectories(sqliteParent);
      }
      return null;
    }, false);
  }

  private Future<Void> startStorage() {
    if (store == null) {
      store = BlobStores.create(vertx, config.storage());
    }
    return vertx.deployVerticle(new StorageVerticle(store)).mapEmpty();
  }

  private Future<Void> startPersistence() {
    return vertx.deployVerticle(new PersistenceVerticle(config.database())).mapEmpty();
  }

  private Future<Void> startMail() {
    return vertx.deployVerticle(new MailVerticle(config.mail(), store)).mapEmpty();
  }

  private Future<Void> startFaceInference() {
    return vertx.deployVerticle(new InferenceVerticle(config.face(), store, config.storage().tempDir()),
        InferenceVerticle.deploymentOptions(config.face())).mapEmpty();
  }

  private Future<Void> startGeneration() {
    return vertx.deployVerticle(new GenerationVerticle(config.generation(), config.face(), store,
        config.storage().tempDir()), GenerationVerticle.deploymentOptions(config.generation())).mapEmpty();
  }

  /** The daily batch scheduler, when {@code batch.enabled}; commands run batches themselves. */
  private Future<Void> startBatch() {
    if (!config.batch().enabled()) {
      log.info("Daily batch scheduler off (batch.enabled is false)");
      return Future.succeededFuture();
    }
    return vertx.deployVerticle(new BatchVerticle(config.batch(), config.generation(), Clock.systemUTC())).mapEmpty();
  }

  private Future<Void> startHttp() {
    int instances = config.http().port() == 0 ? 1 : config.http().instances();
    HttpVerticle[] first = new HttpVerticle[1];
    return vertx.deployVerticle(() -> {
          HttpVerticle verticle = new HttpVerticle(config, store);
          if (first[0] == null) {
            first[0] = verticle;
          }
          return verticle;
        }, new DeploymentOptions().setInstances(instances))
        .onSuccess(id -> httpPort = first[0].actualPort())
        .mapEmpty();
  }
}
