package ai.motiv8.storage;

import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;

import java.nio.file.Path;
import java.util.List;

/**
 * Where selfies, embeddings and generated images live: local folders in development, S3 in
 * production. Keys are {@code uploads/<name>}, {@code embeddings/<name>} or
 * {@code generated/<name>} and are checked by {@link StorageKeys#validate(String)}; every method
 * fails its Future with {@link IllegalArgumentException} for a bad key. Implementations are
 * thread-safe and never block the calling event loop.
 */
public interface BlobStore extends AutoCloseable {

  /** Stores the local file at {@code key}, streaming it (never whole in the heap). */
  Future<Void> putFile(String key, Path file, String contentType);

  Future<Void> putBytes(String key, Buffer bytes, String contentType);

  /** Opens the object for streaming; fails with {@link BlobNotFoundException} when absent. */
  Future<Blob> open(String key);

  /**
   * Opens the object as a local file, for zero-copy sending, when this store keeps objects in
   * files of this machine; completes with null otherwise (use {@link #open}). Fails with
   * {@link BlobNotFoundException} when absent. The caller closes the file.
   */
  default Future<LocalFile> openLocalFile(String key) {
    return Future.succeededFuture(null);
  }

  /** The object's metadata, or null when absent. */
  Future<BlobInfo> stat(String key);

  Future<Boolean> exists(String key);

  /** Deletes the object; deleting an absent object succeeds. */
  Future<Void> delete(String key);

  /**
   * Copies the object to a new file under {@code tempDir}; the caller deletes it. Fails with
   * {@link BlobNotFoundException} when absent, leaving no file behind.
   */
  Future<Path> downloadToTemp(String key, Path tempDir);

  /**
   * Every object under one of the three prefixes ({@code uploads}, {@code embeddings} or
   * {@code generated}, with or without the trailing slash), sorted by key. Only valid keys are
   * listed: a local staging file or an S3 key with deeper folders is left out. The whole listing
   * is held in memory (about 150 bytes an object): meant for maintenance commands such as
   * {@code storage sync}, not for request paths. Fails with {@link IllegalArgumentException} for
   * any other prefix.
   */
  Future<List<BlobEntry>> list(String prefix);

  /** Checks the backend is reachable (bucket exists / data dir writable). */
  Future<Void> ping();

  /** One line for the start-up log, e.g. {@code local filesystem storage at /srv/motiv8}. */
  String describe();

  @Override
  default void close() {
  }
}
