package ai.motiv8.generation;

import ai.motiv8.faces.ConcurrencyLimiter;
import ai.motiv8.faces.FaceAnalysis;
import ai.motiv8.faces.FaceService;
import ai.motiv8.faces.NpyFormat;
import ai.motiv8.faces.buffalo.BuffaloPack;
import ai.motiv8.faces.intake.ImageIntake;
import ai.motiv8.faces.intake.ImageTooLargeException;
import ai.motiv8.faces.intake.NotAnImageException;
import ai.motiv8.generation.GenerationEngine.EngineOutput;
import ai.motiv8.metrics.AppMetrics;
import ai.motiv8.storage.BlobInfo;
import ai.motiv8.storage.BlobNotFoundException;
import ai.motiv8.storage.BlobStore;
import ai.motiv8.storage.ImageVariant;
import ai.motiv8.storage.StorageKeys;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.eventbus.ReplyException;
import io.vertx.serviceproxy.ServiceException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.awt.image.BufferedImage;
import java.nio.file.Path;
import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.OptionalDouble;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The generation worker's side of {@link GenerationService}. One job:
 *
 * <ol>
 *   <li>both inputs exist (404 codes otherwise);</li>
 *   <li>at the same time: the selfie is copied into the temp folder, decoded on the worker pool and
 *       its temp file deleted; the face is found by {@link FaceService#detect} over the bus; and,
 *       for engines that need it, the user's embedding is read;</li>
 *   <li>the engine renders the PNG on the worker pool with the request's parameters; engines
 *       that work in steps report each step and stop between steps once the job is past its
 *       timeout;</li>
 *   <li>unless the deadline has passed, the PNG is stored at {@code generated/<unguessable name>}.</li>
 * </ol>
 * Bounded by a {@link ConcurrencyLimiter} and a per-job timeout that counts queue time. A slot is
 * freed when the job really ends, so a job that outlives its timeout still holds one. Runs on the
 * {@link GenerationVerticle}'s context.
 */
final class GenerationServiceImpl implements GenerationService {

  private static final Logger LOG = LoggerFactory.getLogger(GenerationServiceImpl.class);
  private static final String PNG = "image/png";
  /** Chosen seeds stay below 2^32: what diffusion pipelines accept everywhere, and exact in JavaScript. */
  private static final long SEED_BOUND = 1L << 32;
  /** A job's steps are logged at INFO at most this often (every step at DEBUG). */
  private static final long PROGRESS_LOG_INTERVAL_NANOS = TimeUnit.SECONDS.toNanos(10);
  /**
   * The model of an embedding stored without one: only the Python service stored those, and it
   * embedded with InsightFace buffalo_l (its IP-Adapter-FaceID pipeline read them back).
   */
  static final String PYTHON_SERVICE_MODEL = BuffaloPack.EMBEDDING_MODEL;

  private final Context context;
  private final GenerationEngine engine;
  private final ImageIntake intake;
  private final FaceService faces;
  private final BlobStore blobs;
  private final Path tempDir;
  private final long timeoutMs;
  private final ConcurrencyLimiter limiter;
  private final Clock clock;

  GenerationServiceImpl(Context context, GenerationEngine engine, ImageIntake intake, FaceService faces,
                        BlobStore blobs, Path tempDir, long timeoutMs, ConcurrencyLimiter limiter) {
    this.context = context;
    this.engine = engine;
    this.intake = intake;
    this.faces = faces;
    this.blobs = blobs;
    this.tempDir = tempDir;
    this.timeoutMs = timeoutMs;
    this.limiter = limiter;
    this.clock = Clock.systemUTC();
  }

  @Override
  public Future<GenerationResult> generate(GenerationRequest request) {
    LocalDate day;
    try {
      if (request == null) {
        throw new IllegalArgumentException("No request given");
      }
      day = request.validate();
    } catch (IllegalArgumentException e) {
      return Future.failedFuture(new ServiceException(INVALID_REQUEST, e.getMessage()));
    }
    long accepted = System.nanoTime();
    long deadline = accepted + TimeUnit.MILLISECONDS.toNanos(timeoutMs);
    return limiter.submit(() -> run(request, day, accepted, deadline))
        .timeout(timeoutMs, TimeUnit.MILLISECONDS)
        .recover(error -> Future.failedFuture(toServiceException(error, request)));
  }

  private Future<GenerationResult> run(GenerationRequest request, LocalDate day, long accepted, long deadline) {
    if (expired(deadline)) {
      return Future.failedFuture(new TimeoutException("timed out in the queue"));
    }
    long seed = request.seed() != null ? request.seed() : ThreadLocalRandom.current().nextLong(SEED_BOUND);
    return requireInputs(request)
        .compose(v -> loadInputs(request))
        .compose(inputs -> context.executeBlocking(() -> render(inputs, request, day, seed, deadline), false))
        .compose(output -> store(output, deadline).map(stored -> {
          OptionalDouble similarity = output.identitySimilarity();
          GenerationResult result = new GenerationResult(stored.key(), engine.name(), seed, stored.info().width(),
              stored.info().height(), stored.size(), TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - accepted),
              similarity.isPresent() ? similarity.getAsDouble() : null);
          LOG.info("Generated {} for user {} on {} ({}{}, engine {}, seed {}, {} ms{})", result.key(), request.userId(),
              request.date(), request.mode(), request.userMode() == null ? "" : ", mode " + request.userMode(),
              engine.name(), seed, result.millis(), similarity.isPresent()
                  ? String.format(Locale.ROOT, ", identity similarity %.3f", similarity.getAsDouble()) : "");
          return result;
        }));
  }

  private Future<Void> requireInputs(GenerationRequest request) {
    Future<BlobInfo> selfie = blobs.stat(request.selfieKey());
    Future<BlobInfo> embedding = blobs.stat(request.embeddingKey());
    return Future.all(selfie, embedding).compose(both -> {
      if (selfie.result() == null) {
        return Future.failedFuture(new ServiceException(SELFIE_NOT_FOUND, "Selfie not found"));
      }
      if (embedding.result() == null) {
        return Future.failedFuture(new ServiceException(EMBEDDING_NOT_FOUND, "Embedding not found"));
      }
      return Future.succeededFuture();
    });
  }

  /** The selfie and, when the engine needs it, the embedding; read in parallel. */
  private Future<Inputs> loadInputs(GenerationRequest request) {
    Future<Selfie> selfie = loadSelfie(request.selfieKey());
    Future<FaceEmbedding> embedding = engine.needsFaceEmbedding()
        ? loadEmbedding(request.embeddingKey(), request.embeddingModel()) : Future.succeededFuture();
    return Future.join(selfie, embedding).transform(done -> {
      if (selfie.failed()) {
        return Future.failedFuture(selfie.cause());
      }
      if (embedding.failed()) {
        return Future.failedFuture(embedding.cause());
      }
      return Future.succeededFuture(new Inputs(selfie.result(), embedding.result()));
    });
  }

  /** The stored {@code .npy} vector with the model recorded for it; the temp copy is gone before this completes. */
  private Future<FaceEmbedding> loadEmbedding(String key, String model) {
    return blobs.downloadToTemp(key, tempDir).compose(file -> context.owner().fileSystem().readFile(file.toString())
            .eventually(() -> deleteTemp(file)))
        .map(npy -> {
          try {
            String recorded = model == null ? PYTHON_SERVICE_MODEL : model;
            return new FaceEmbedding(recorded, NpyFormat.readFloat32(npy.getBytes()));
          } catch (IllegalArgumentException e) {
            throw new GenerationException("The stored embedding " + key + " cannot be read: " + e.getMessage(), e);
          }
        });
  }

  /** Decoding and face detection in parallel; the temp copy is gone before this completes. */
  private Future<Selfie> loadSelfie(String key) {
    Future<BufferedImage> image = blobs.downloadToTemp(key, tempDir).compose(file ->
        context.executeBlocking(() -> SelfieImages.toBufferedImage(intake.read(file).image()), false)
            .eventually(() -> deleteTemp(file)));
    Future<FaceAnalysis> detection = faces.detect(key);
    return Future.join(image, detection).transform(done -> {
      if (image.failed()) {
        return Future.failedFuture(image.cause());
      }
      if (detection.failed()) {
        return Future.failedFuture(detection.cause());
      }
      FaceAnalysis analysis = detection.result();
      if (analysis.chosen() == null) {
        return Future.failedFuture(new ServiceException(NO_FACE, FaceService.NO_FACE_MESSAGE));
      }
      return Future.succeededFuture(new Selfie(image.result(), SelfieImages.geometry(analysis.chosen())));
    });
  }

  private EngineOutput render(Inputs inputs, GenerationRequest request, LocalDate day, long seed, long deadline) {
    GenerationParameters parameters = new GenerationParameters(request.negativePrompt(),
        request.numInferenceSteps(), request.guidanceScale(), request.scale());
    GenerationInput input = new GenerationInput(inputs.selfie().image(), inputs.selfie().face(), day, seed,
        request.prompt(), parameters, inputs.embedding(), control(request.userId(), deadline),
        request.content(day), request.runId());
    long start = System.nanoTime();
    EngineOutput output = engine.generateReported(input);
    AppMetrics.recordGeneration(engine.name(), System.nanoTime() - start);
    output.identitySimilarity().ifPresent(score -> AppMetrics.recordIdentityScore(engine.name(), score));
    return output;
  }

  /** Stops the engine between steps once the job is past its deadline, and logs its progress. */
  private static GenerationControl control(String userId, long deadline) {
    long[] lastLogged = {System.nanoTime()};
    return GenerationControl.of(() -> expired(deadline), (step, steps) -> {
      long now = System.nanoTime();
      if (step == steps || now - lastLogged[0] >= PROGRESS_LOG_INTERVAL_NANOS) {
        lastLogged[0] = now;
        LOG.info("Generation for user {}: step {} of {}", userId, step, steps);
      } else {
        LOG.debug("Generation for user {}: step {} of {}", userId, step, steps);
      }
    });
  }

  /**
   * Stores the PNG under a new name and its variants beside it; when any put fails, every object
   * of the image is deleted again before the job fails, so nothing is left that no row names.
   */
  private Future<Stored> store(EngineOutput output, long deadline) {
    byte[] png = output.png();
    PngInfo info;
    try {
      info = PngInfo.of(png);
    } catch (GenerationException e) {
      return Future.failedFuture(e);
    }
    if (expired(deadline)) {
      // The caller has been told it timed out: store nothing it does not know about.
      return Future.failedFuture(new TimeoutException("timed out before storing the image"));
    }
    String key = StorageKeys.generated(GeneratedNames.next(clock.instant()));
    List<Future<Void>> puts = new ArrayList<>();
    puts.add(blobs.putBytes(key, Buffer.buffer(png), PNG));
    output.variants().forEach((variant, bytes) ->
        puts.add(blobs.putBytes(variant.keyOf(key), Buffer.buffer(bytes), variant.contentType())));
    return Future.join(puts).transform(done -> {
      if (done.succeeded()) {
        return Future.succeededFuture(new Stored(key, info, png.length));
      }
      LOG.warn("Storing {} failed, deleting its objects: {}", key, done.cause().getMessage());
      return ImageVariant.deleteAll(key, blobs::delete)
          .onFailure(error -> LOG.error("Could not delete the objects of {} after a failed store", key, error))
          .transform(cleaned -> Future.failedFuture(done.cause()));
    });
  }

  private Future<Void> deleteTemp(Path file) {
    return context.owner().fileSystem().delete(file.toString())
        .onFailure(error -> LOG.warn("Could not delete temp file {}", file, error))
        .otherwiseEmpty();
  }

  private static boolean expired(long deadline) {
    return System.nanoTime() - deadline >= 0;
  }

  private ServiceException toServiceException(Throwable error, GenerationRequest request) {
    if (error instanceof ServiceException se) {
      return fromFaceService(se);
    }
    if (error instanceof BlobNotFoundException) {
      return new ServiceException(SELFIE_NOT_FOUND, "Selfie not found");
    }
    if (error instanceof NotAnImageException || error instanceof ImageTooLargeException) {
      LOG.warn("Selfie {} cannot be used: {}", request.selfieKey(), error.getMessage());
      return new ServiceException(SELFIE_UNREADABLE, "The stored selfie cannot be read; upload it again");
    }
    if (error instanceof ConcurrencyLimiter.BusyException) {
      LOG.warn("Refused a generation for user {}: at the limit of running and queued jobs", request.userId());
      return new ServiceException(BUSY, "Image generation is busy, try again shortly");
    }
    if (error instanceof TimeoutException || error instanceof GenerationCancelledException) {
      LOG.warn("Generation for user {} took more than {} ms", request.userId(), timeoutMs);
      return new ServiceException(TIMEOUT, "Image generation timed out, try again shortly");
    }
    if (error instanceof ReplyException reply) {
      LOG.warn("Face analysis did not answer for user {}: {}", request.userId(), reply.getMessage());
      return new ServiceException(BUSY, "Face analysis is unavailable, try again shortly");
    }
    if (error instanceof GenerationException) {
      // The engine's own refusal says what to fix (e.g. re-embed with buffalo_l); a stack adds nothing.
      LOG.error("Generation failed for user {} ({}): {}", request.userId(), request.selfieKey(), error.getMessage());
      return new ServiceException(ENGINE_FAILED, "Image generation failed");
    }
    LOG.error("Generation failed for user {} ({})", request.userId(), request.selfieKey(), error);
    return new ServiceException(ENGINE_FAILED, "Image generation failed");
  }

  /** Our own codes pass; the face service's are translated into this contract's. */
  private static ServiceException fromFaceService(ServiceException error) {
    return switch (error.failureCode()) {
      case FaceService.IMAGE_NOT_FOUND -> new ServiceException(SELFIE_NOT_FOUND, "Selfie not found");
      case FaceService.NOT_AN_IMAGE, FaceService.TOO_LARGE ->
          new ServiceException(SELFIE_UNREADABLE, "The stored selfie cannot be read; upload it again");
      case FaceService.UNAVAILABLE -> new ServiceException(BUSY, "Face analysis is busy, try again shortly");
      case FaceService.TIMEOUT -> new ServiceException(TIMEOUT, "Face analysis timed out, try again shortly");
      default -> error;
    };
  }

  private record Selfie(BufferedImage image, FaceGeometry face) {
  }

  /** What the engine gets from storage; {@code embedding} is null for engines that do not need it. */
  private record Inputs(Selfie selfie, FaceEmbedding embedding) {
  }

  private record Stored(String key, PngInfo info, long size) {
  }
}
