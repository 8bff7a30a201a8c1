package ai.motiv8.storage;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.file.CopyOptions;
import io.vertx.core.file.FileSystem;
import io.vertx.core.file.FileSystemException;
import io.vertx.core.file.OpenOptions;

import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.UUID;

/**
 * Objects as files under a data directory ({@code <dataDir>/uploads/...}), through the Vert.x
 * async file system. Writes go to a hidden temp file in the same folder and are moved into place,
 * so a reader never sees half an object.
 */
public final class LocalBlobStore implements BlobStore {

  private final FileSystem fs;
  private final Path dataDir;

  public LocalBlobStore(Vertx vertx, Path dataDir) {
    this.fs = vertx.fileSystem();
    this.dataDir = dataDir.toAbsolutePath().normalize();
  }

  @Override
  public Future<Void> putFile(String key, Path file, String contentType) {
    return resolve(key).compose(target -> {
      String staging = stagingPath(target);
      return ensureParent(target)
          .compose(v -> fs.copy(file.toString(), staging))
          .compose(v -> moveIntoPlace(staging, target));
    });
  }

  @Override
  public Future<Void> putBytes(String key, Buffer bytes, String contentType) {
    return resolve(key).compose(target -> {
      String staging = stagingPath(target);
      return ensureParent(target)
          .compose(v -> fs.writeFile(staging, bytes))
          .compose(v -> moveIntoPlace(staging, target));
    });
  }

  @Override
  public Future<Blob> open(String key) {
    return resolve(key).compose(path -> fs.props(path.toString())
        .recover(error -> Future.failedFuture(notFoundOr(error, key)))
        .compose(props -> fs.open(path.toString(), new OpenOptions().setRead(true).setWrite(false).setCreate(false))
            .map(file -> {
              file.pause();
              return new Blob(new BlobInfo(key, props.size(), ContentTypes.guess(key)), file);
            })));
  }

  @Override
  public Future<BlobInfo> stat(String key) {
    return resolve(key).compose(path -> fs.props(path.toString())
        .map(props -> props.isRegularFile() ? new BlobInfo(key, props.size(), ContentTypes.guess(key)) : null)
        .recover(error -> isNotFound(error) ? Future.succeededFuture(null) : Future.failedFuture(error)));
  }

  @Override
  public Future<Boolean> exists(String key) {
    return stat(key).map(info -> info != null);
  }

  @Override
  public Future<Void> delete(String key) {
    return resolve(key).compose(path -> fs.delete(path.toString())
        .recover(error -> isNotFound(error) ? Future.succeededFuture() : Future.failedFuture(error)));
  }

  @Override
  public Future<Path> downloadToTemp(String key, Path tempDir) {
    return resolve(key).compose(source -> {
      Path target = tempDir.resolve("blob-" + UUID.randomUUID() + suffix(key));
      return fs.mkdirs(tempDir.toString())
          .compose(v -> fs.copy(source.toString(), target.toString()))
          .map(v -> target)
          .recover(error -> fs.delete(target.toString()).otherwiseEmpty()
              .compose(v -> Future.failedFuture(notFoundOr(error, key))));
    });
  }

  @Override
  public Future<Void> ping() {
    return fs.mkdirs(dataDir.toString()).compose(v -> fs.props(dataDir.toString())).mapEmpty();
  }

  @Override
  public String describe() {
    return "local filesystem storage at " + dataDir;
  }

  private Future<Path> resolve(String key) {
    try {
      Path path = dataDir.resolve(StorageKeys.validate(key)).normalize();
      if (!path.startsWith(dataDir)) {
        throw new IllegalArgumentException("Invalid storage key: " + key);
      }
      return Future.succeededFuture(path);
    } catch (IllegalArgumentException e) {
      return Future.failedFuture(e);
    }
  }

  private Future<Void> ensureParent(Path target) {
    return fs.mkdirs(target.getParent().toString());
  }

  private Future<Void> moveIntoPlace(String staging, Path target) {
    return fs.move(staging, target.toString(), new CopyOptions().setReplaceExisting(true).setAtomicMove(true))
        .recover(error -> fs.delete(staging).otherwiseEmpty().compose(v -> Future.failedFuture(error)));
  }

  private static String stagingPath(Path target) {
    return target.resolveSibling("." + target.getFileName() + "." + UUID.randomUUID() + ".part").toString();
  }

  private static String suffix(String key) {
    int dot = key.lastIndexOf('.');
    return dot > key.lastIndexOf('/') ? key.substring(dot) : "";
  }

  private static Throwable notFoundOr(Throwable error, String key) {
    return isNotFound(error) ? new BlobNotFoundException(key) : error;
  }

  private static boolean isNotFound(Throwable error) {
    for (Throwable t = error; t != null; t = t.getCause()) {
      if (t instanceof NoSuchFileException || t instanceof java.io.FileNotFoundException) {
        return true;
      }
      if (t instanceof FileSystemException && t.getMessage() != null && t.getMessage().contains("No such file")) {
        return true;
      }
    }
    return false;
  }
}
