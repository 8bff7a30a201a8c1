package ai.motiv8.faces;

import ai.motiv8.common.WorkerPools;
import ai.motiv8.config.AppConfig.FaceConfig;
import ai.motiv8.faces.intake.ImageIntake;
import ai.motiv8.storage.BlobStore;
import io.vertx.core.DeploymentOptions;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.eventbus.MessageConsumer;
import io.vertx.core.json.JsonObject;
import io.vertx.serviceproxy.ServiceBinder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.file.Path;

/**
 * Serves {@link FaceService} on {@link FaceService#ADDRESS}. A worker verticle on its own pool
 * ({@value #WORKER_POOL}, {@code face.maxConcurrency + 1} threads: one for the verticle's own
 * messages, the others for analyses): it loads the configured face pack once at start (the start
 * fails, naming the file, when a model is missing or its checksum is wrong), shares the ONNX
 * Runtime sessions between requests, runs at most {@code face.maxConcurrency} analyses at once with
 * {@code face.maxQueued} waiting (503 beyond), gives each request
 * {@code face.timeoutMs} (504 beyond), and closes the sessions on stop once running analyses end.
 *
 * <p>Deploy it with {@link #deploymentOptions(FaceConfig)}.
 */
public final class InferenceVerticle extends VerticleBase {

  private static final Logger LOG = LoggerFactory.getLogger(InferenceVerticle.class);

  public static final String WORKER_POOL = "face-inference";

  private final FaceConfig config;
  private final BlobStore blobs;
  private final Path tempDir;
  private FacePack pack;
  private ConcurrencyLimiter limiter;
  private MessageConsumer<JsonObject> consumer;

  public InferenceVerticle(FaceConfig config, BlobStore blobs, Path tempDir) {
    this.config = config;
    this.blobs = blobs;
    this.tempDir = tempDir;
  }

  /** Worker threading model on the named pool, sized from {@code face.maxConcurrency}. */
  public static DeploymentOptions deploymentOptions(FaceConfig config) {
    return WorkerPools.options(WORKER_POOL, config.maxConcurrency(), config.timeoutMs());
  }

  @Override
  public Future<?> start() {
    if (!context.isWorkerContext()) {
      return Future.failedFuture(new IllegalStateException(
          "InferenceVerticle loads models and runs them: deploy it with InferenceVerticle.deploymentOptions(config)"));
    }
    LOG.info("Loading face pack '{}' from {}", config.pack(), FacePacks.packDir(config));
    pack = FacePacks.load(config);
    limiter = new ConcurrencyLimiter(config.maxConcurrency(), config.maxQueued());
    FaceAnalyzer analyzer = new FaceAnalyzer(new ImageIntake(config.maxPixels()), pack);
    FaceService service = new FaceServiceImpl(context, analyzer, blobs, tempDir, config.timeoutMs(), limiter);
    consumer = new ServiceBinder(vertx).setAddress(FaceService.ADDRESS).register(FaceService.class, service);
    return consumer.completion().onSuccess(v -> LOG.info(
        "Face analysis ready on '{}': pack {}, embeddings {}, {} at once, {} ms timeout, at most {} pixels",
        FaceService.ADDRESS, pack.name(), pack.embeddingModel(), config.maxConcurrency(), config.timeoutMs(),
        config.maxPixels()));
  }

  @Override
  public Future<?> stop() {
    Future<Void> unregistered = consumer == null ? Future.succeededFuture() : consumer.unregister();
    return unregistered
        .compose(v -> limiter == null ? Future.succeededFuture() : limiter.close())
        .eventually(() -> {
          if (pack != null) {
            pack.close();
            LOG.info("Face pack '{}' closed", pack.name());
          }
          return Future.succeededFuture();
        });
  }
}
