package ai.motiv8.generation;

import ai.motiv8.common.WorkerPools;
import ai.motiv8.config.AppConfig.FaceConfig;
import ai.motiv8.config.AppConfig.GenerationConfig;
import ai.motiv8.faces.ConcurrencyLimiter;
import ai.motiv8.faces.FaceService;
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
 * Serves {@link GenerationService} on {@link GenerationService#ADDRESS}. A worker verticle on its
 * own pool ({@value #WORKER_POOL}, {@code generation.maxConcurrency + 1} threads: one for the
 * verticle's own messages, the others for decoding and rendering): it creates the engine named by
 * {@code generation.engine} at start, on that pool ({@link GenerationEngines#create}: a
 * {@code diffusion} engine without a usable pack falls back to {@code poster}, see
 * {@link #engineProblem()}), runs at most {@code generation.maxConcurrency} jobs at once with
 * {@value #QUEUE_PER_SLOT} waiting per slot (503 beyond), and gives each job
 * {@code generation.timeoutMs} (504 beyond). Faces in selfies are found by the inference worker
 * over the bus ({@link FaceService#detect}); the only face model loaded here is buffalo_l for the
 * diffusion engine's identity check of its output.
 *
 * <p>Deploy it with {@link #deploymentOptions(GenerationConfig)}.
 */
public final class GenerationVerticle extends VerticleBase {

  private static final Logger LOG = LoggerFactory.getLogger(GenerationVerticle.class);

  public static final String WORKER_POOL = "generation";
  /** A small queue: a job that waits behind more than a few others would outlive its request. */
  static final int QUEUE_PER_SLOT = 2;
  /** What the bus adds to the face worker's own timeout before a detection is given up. */
  private static final long FACE_PROXY_MARGIN_MS = 5_000;

  private final GenerationConfig config;
  private final FaceConfig face;
  private final BlobStore blobs;
  private final Path tempDir;
  private GenerationEngines.Chosen chosen;
  private ConcurrencyLimiter limiter;
  private MessageConsumer<JsonObject> consumer;

  /**
   * @param face the face worker's settings: its timeout sizes the detection proxy, its pixel
   *     limit the selfie decoder
   */
  public GenerationVerticle(GenerationConfig config, FaceConfig face, BlobStore blobs, Path tempDir) {
    this.config = config;
    this.face = face;
    this.blobs = blobs;
    this.tempDir = tempDir;
  }

  /** Worker threading model on the named pool, sized from {@code generation.maxConcurrency}. */
  public static DeploymentOptions deploymentOptions(GenerationConfig config) {
    return WorkerPools.options(WORKER_POOL, config.maxConcurrency(), config.timeoutMs());
  }

  @Override
  public Future<?> start() {
    if (!context.isWorkerContext()) {
      return Future.failedFuture(new IllegalStateException(
          "GenerationVerticle runs engines: deploy it with GenerationVerticle.deploymentOptions(config)"));
    }
    return context.executeBlocking(() -> GenerationEngines.create(config, face), false)
        .compose(this::serve);
  }

  private Future<Void> serve(GenerationEngines.Chosen started) {
    chosen = started;
    GenerationEngine engine = started.engine();
    limiter = new ConcurrencyLimiter(config.maxConcurrency(), config.maxConcurrency() * QUEUE_PER_SLOT);
    GenerationService service = new GenerationServiceImpl(context, engine, new ImageIntake(face.maxPixels()),
        FaceService.createProxy(vertx, face.timeoutMs() + FACE_PROXY_MARGIN_MS), blobs, tempDir, config.timeoutMs(),
        limiter);
    consumer = new ServiceBinder(vertx).setAddress(GenerationService.ADDRESS)
        .register(GenerationService.class, service);
    return consumer.completion().onSuccess(v -> LOG.info(
        "Image generation ready on '{}': engine {}{}, {} at once ({} queued), {} ms timeout",
        GenerationService.ADDRESS, engine.name(),
        started.problem() == null ? "" : " (instead of " + config.engine() + ")", config.maxConcurrency(),
        config.maxConcurrency() * QUEUE_PER_SLOT, config.timeoutMs()));
  }

  /** The engine jobs go to (once started). */
  public String engineName() {
    return chosen == null ? null : chosen.engine().name();
  }

  /**
   * Why the configured engine is not the one running (its pack is missing or unusable, and how to
   * make it), or null when it is.
   */
  public String engineProblem() {
    return chosen == null ? null : chosen.problem();
  }

  @Override
  public Future<?> stop() {
    Future<Void> unregistered = consumer == null ? Future.succeededFuture() : consumer.unregister();
    return unregistered
        .compose(v -> limiter == null ? Future.succeededFuture() : limiter.close())
        .compose(v -> closeEngine());
  }

  /** Once no job runs: the models' sessions are released. */
  private Future<Void> closeEngine() {
    if (chosen == null) {
      return Future.succeededFuture();
    }
    try {
      chosen.resources().close();
    } catch (Exception e) {
      LOG.warn("Could not release the {} engine's models", chosen.engine().name(), e);
    }
    return Future.succeededFuture();
  }
}
