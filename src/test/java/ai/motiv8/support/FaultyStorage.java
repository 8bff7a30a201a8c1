package ai.motiv8.support;

import ai.motiv8.storage.Blob;
import ai.motiv8.storage.BlobEntry;
import ai.motiv8.storage.BlobInfo;
import ai.motiv8.storage.BlobStore;
import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Predicate;

/**
 * Fault injection in front of a real store, as a broken disk or bucket would fail: writes, reads
 * ({@code open}, which the mail service uses) and deletes whose key matches their switch. Everything else goes to the real store. Tests use it to prove that a failure half-way
 * leaves the database and storage consistent.
 */
public final class FaultyStorage implements BlobStore {

  private final BlobStore real;
  private volatile Predicate<String> failWrites = key -> false;
  private volatile Predicate<String> failOpens = key -> false;
  private volatile Predicate<String> failDeletes = key -> false;

  public FaultyStorage(BlobStore real) {
    this.real = real;
  }

  public void failWrites(Predicate<String> keys) {
    this.failWrites = keys;
  }

  public void failOpens(Predicate<String> keys) {
    this.failOpens = keys;
  }

  public void failDeletes(Predicate<String> keys) {
    this.failDeletes = keys;
  }

  public void heal() {
    failWrites = key -> false;
    failOpens = key -> false;
    failDeletes = key -> false;
  }

  private static <T> Future<T> broken(String what, String key) {
    return Future.failedFuture(new IOException("Injected storage failure " + what + " " + key));
  }

  @Override
  public Future<Void> putFile(String key, Path file, String contentType) {
    return failWrites.test(key) ? broken("writing", key) : real.putFile(key, file, contentType);
  }

  @Override
  public Future<Void> putBytes(String key, Buffer bytes, String contentType) {
    return failWrites.test(key) ? broken("writing", key) : real.putBytes(key, bytes, contentType);
  }

  @Override
  public Future<Blob> open(String key) {
    return failOpens.test(key) ? broken("reading", key) : real.open(key);
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
    return failDeletes.test(key) ? broken("deleting", key) : real.delete(key);
  }

  @Override
  public Future<Path> downloadToTemp(String key, Path tempDir) {
    return real.downloadToTemp(key, tempDir);
  }

  @Override
  public Future<List<BlobEntry>> list(String prefix) {
    return real.list(prefix);
  }

  @Override
  public void close() {
    real.close();
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
