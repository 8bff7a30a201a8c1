package ai.motiv8.selfies;

import ai.motiv8.storage.Blob;
import ai.motiv8.storage.BlobInfo;
import ai.motiv8.storage.BlobStore;
import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;

import java.io.IOException;
import java.nio.file.Path;
import java.util.function.Predicate;

/**
 * Fault injection in front of a real store: writes whose key matches the switch fail as a broken
 * disk or bucket would. Everything else goes to the real store.
 */
final class FaultyBlobStore implements BlobStore {

  private final BlobStore real;
  private volatile Predicate<String> failWritesTo = key -> false;

  FaultyBlobStore(BlobStore real) {
    this.real = real;
  }

  void failWritesTo(Predicate<String> keys) {
    this.failWritesTo = keys;
  }

  private <T> Future<T> broken(String key) {
    return Future.failedFuture(new IOException("Injected storage failure writing " + key));
  }

  @Override
  public Future<Void> putFile(String key, Path file, String contentType) {
    return failWritesTo.test(key) ? broken(key) : real.putFile(key, file, contentType);
  }

  @Override
  public Future<Void> putBytes(String key, Buffer bytes, String contentType) {
    return failWritesTo.test(key) ? broken(key) : real.putBytes(key, bytes, contentType);
  }

  @Override
  public Future<Blob> open(String key) {
    return real.open(key);
  }

  @Override
  public Future<BlobInfo> stat(String key) {
    return real.stat(key);
  }

  @Override
  public Future<Boolean> exists(String key) {
    return real.exists(key);
  }

  @Override
  public Future<Void> delete(String key) {
    return real.delete(key);
  }

  @Override
  public Future<Path> downloadToTemp(String key, Path tempDir) {
    return real.downloadToTemp(key, tempDir);
  }

  @Override
  public Future<java.util.List<ai.motiv8.storage.BlobEntry>> list(String prefix) {
    return real.list(prefix);
  }

  @Override
  public Future<Void> ping() {
    return real.ping();
  }

  @Override
  public String describe() {
    return "fault-injecting " + real.describe();
  }
}
