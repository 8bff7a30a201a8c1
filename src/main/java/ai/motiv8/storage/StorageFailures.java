package ai.motiv8.storage;

import ai.motiv8.common.ApiException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns a backend failure into what a request answers: 503 with a detail that says storage is
 * the problem (and, for S3, what the server said), instead of an anonymous 500. A missing object
 * ({@link BlobNotFoundException}), a bad key ({@link IllegalArgumentException}) and failures
 * already mapped pass unchanged, so callers keep telling 404 and 400 apart.
 */
final class StorageFailures {

  private static final Logger LOG = LoggerFactory.getLogger(StorageFailures.class);

  private StorageFailures() {
  }

  static Throwable unavailable(Throwable error, String operation, String key, String reason) {
    if (error instanceof BlobNotFoundException || error instanceof IllegalArgumentException
        || error instanceof ApiException) {
      return error;
    }
    LOG.warn("Storage {} of {} failed: {}", operation, key, reason, error);
    return new ApiException(ApiException.Kind.UNAVAILABLE,
        "Storage is unavailable: " + reason + ". Try again later.", error);
  }
}
