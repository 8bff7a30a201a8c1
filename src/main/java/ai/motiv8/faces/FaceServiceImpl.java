package ai.motiv8.faces;

import ai.motiv8.common.ApiException;
import ai.motiv8.common.ServiceErrors;
import ai.motiv8.faces.intake.ImageTooLargeException;
import ai.motiv8.faces.intake.NotAnImageException;
import ai.motiv8.storage.BlobNotFoundException;
import ai.motiv8.storage.BlobStore;
import ai.motiv8.storage.StorageKeys;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.serviceproxy.ServiceException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;

/**
 * The inference worker's side of {@link FaceService}: image from the blob store into the temp
 * folder, analysis on the worker pool, {@code .npy} back to the blob store, temp file deleted on
 * every path. Bounded by a {@link ConcurrencyLimiter} and a per-request timeout. Runs on the
 * {@link InferenceVerticle}'s context.
 */
final class FaceServiceImpl implements FaceService {

  private static final Logger LOG = LoggerFactory.getLogger(FaceServiceImpl.class);
  private static final String NPY_CONTENT_TYPE = "application/octet-stream";

  private final Context context;
  private final FaceAnalyzer analyzer;
  private final BlobStore blobs;
  private final Path tempDir;
  private final long timeoutMs;
  private final ConcurrencyLimiter limiter;

  FaceServiceImpl(Context context, FaceAnalyzer analyzer, BlobStore blobs, Path tempDir, long timeoutMs,
                  ConcurrencyLimiter limiter) {
    this.context = context;
    this.analyzer = analyzer;
    this.blobs = blobs;
    this.tempDir = tempDir;
    this.timeoutMs = timeoutMs;
    this.limiter = limiter;
  }

  @Override
  public Future<FaceAnalysis> analyze(String imageKey, String embeddingKey) {
    if (!validKey(imageKey) || !validKey(embeddingKey)) {
      return Future.failedFuture(new ServiceException(INVALID_KEY, "Invalid storage key"));
    }
    return bounded(deadline -> process(imageKey, embeddingKey, deadline));
  }

  @Override
  public Future<FaceAnalysis> detect(String imageKey) {
    if (!validKey(imageKey)) {
      return Future.failedFuture(new ServiceException(INVALID_KEY, "Invalid storage key"));
    }
    return bounded(deadline -> process(imageKey, null, deadline));
  }

  private Future<FaceAnalysis> bounded(Function<Long, Future<FaceAnalysis>> job) {
    long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(timeoutMs);
    return limiter.submit(() -> job.apply(deadline))
        .timeout(timeoutMs, TimeUnit.MILLISECONDS)
        .recover(error -> Future.failedFuture(toServiceException(error)));
  }

  /** Download, analyse, store; the temp file is deleted before this completes. */
  private Future<FaceAnalysis> process(String imageKey, String embeddingKey, long deadline) {
    if (expired(deadline)) {
      return Future.failedFuture(new TimeoutException("timed out in the queue"));
    }
    return blobs.downloadToTemp(imageKey, tempDir).compose(file ->
        context.executeBlocking(() -> analyzer.analyze(file, embeddingKey != null), false)
            .compose(result -> store(result, embeddingKey, deadline))
            .eventually(() -> context.owner().fileSystem().delete(file.toString())
                .onFailure(error -> LOG.warn("Could not delete temp file {}", file, error))
                .otherwiseEmpty()));
  }

  private Future<FaceAnalysis> store(FaceAnalyzer.Result result, String embeddingKey, long deadline) {
    String model = analyzer.pack().embeddingModel();
    if (embeddingKey == null) {
      return Future.succeededFuture(result.toAnalysis(null, model));
    }
    if (expired(deadline)) {
      // The caller has been told it timed out: store nothing it does not know about.
      return Future.failedFuture(new TimeoutException("timed out before storing the embedding"));
    }
    Buffer npy = Buffer.buffer(NpyFormat.writeFloat32(result.embedding()));
    return blobs.putBytes(embeddingKey, npy, NPY_CONTENT_TYPE).map(v -> result.toAnalysis(embeddingKey, model));
  }

  private static boolean expired(long deadline) {
    return System.nanoTime() - deadline >= 0;
  }

  private static boolean validKey(String key) {
    try {
      StorageKeys.validate(key);
      return true;
    } catch (IllegalArgumentException e) {
      return false;
    }
  }

  private ServiceException toServiceException(Throwable error) {
    if (error instanceof ServiceException se) {
      return se;
    }
    if (error instanceof NotAnImageException) {
      LOG.debug("Not an image: {}", error.getMessage());
      return new ServiceException(NOT_AN_IMAGE, NOT_AN_IMAGE_MESSAGE);
    }
    if (error instanceof NoFaceException) {
      return new ServiceException(NO_FACE, NO_FACE_MESSAGE);
    }
    if (error instanceof FaceTooSmallException tooSmall) {
      return new ServiceException(FACE_TOO_SMALL, tooSmall.getMessage());
    }
    if (error instanceof ApiException api) {
      // A storage failure (503 with its detail) and the like keep their status across the bus.
      return ServiceErrors.toServiceException(api);
    }
    if (error instanceof ImageTooLargeException tooLarge) {
      return new ServiceException(TOO_LARGE, tooLarge.getMessage());
    }
    if (error instanceof BlobNotFoundException) {
      return new ServiceException(IMAGE_NOT_FOUND, "Image not found");
    }
    if (error instanceof ConcurrencyLimiter.BusyException) {
      LOG.warn("Refused a face analysis: {}", error.getMessage());
      return new ServiceException(UNAVAILABLE, error.getMessage());
    }
    if (error instanceof TimeoutException) {
      LOG.warn("Face analysis took more than {} ms", timeoutMs);
      return new ServiceException(TIMEOUT, "Face analysis timed out, try again shortly");
    }
    LOG.error("Face analysis failed", error);
    return new ServiceException(500, "Face analysis failed");
  }
}
