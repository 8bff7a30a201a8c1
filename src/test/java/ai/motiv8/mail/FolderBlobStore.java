package ai.motiv8.mail;

import ai.motiv8.storage.Blob;
import ai.motiv8.storage.BlobInfo;
import ai.motiv8.storage.BlobNotFoundException;
import ai.motiv8.storage.BlobStore;
import ai.motiv8.storage.StorageKeys;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.file.CopyOptions;
import io.vertx.core.file.FileSystem;
import io.vertx.core.file.OpenOptions;

import java.nio.file.Path;

/**
 * Test-only {@link BlobStore} over a folder and the Vert.x file system, until the storage
 * branch's local implementation lands on main. Opened files are not closed at the end of their
 * stream (good enough for short tests).
 */
final class FolderBlobStore implements BlobStore {

  private final FileSystem fs;
  private final Path root;

  FolderBlobStore(Vertx vertx, Path root) {
    this.fs = vertx.fileSystem();
    this.root = root;
  }

  @Override
  public Future<Void> putFile(String key, Path file, String contentType) {
    return path(key).compose(target -> fs.mkdirs(target.getParent().toString())
        .compose(v -> fs.copy(file.toString(), target.toString(), new CopyOptions().setReplaceExisting(true))));
  }

  @Override
  public Future<Void> putBytes(String key, Buffer bytes, String contentType) {
    return path(key).compose(target -> fs.mkdirs(target.getParent().toString())
        .compose(v -> fs.writeFile(target.toString(), bytes)));
  }

  @Override
  public Future<Blob> open(String key) {
    return stat(key).compose(info -> {
      if (info == null) {
        return Future.failedFuture(new BlobNotFoundException(key));
      }
      return fs.open(root.resolve(key).toString(), new OpenOptions().setRead(true).setWrite(false).setCreate(false))
          .map(file -> new Blob(info, file.pause()));
    });
  }

  @Override
  public Future<BlobInfo> stat(String key) {
    return path(key).compose(path -> fs.exists(path.toString()).compose(exists -> exists
        ? fs.props(path.toString()).map(props -> new BlobInfo(key, props.size(), contentType(key)))
        : Future.succeededFuture()));
  }

  @Override
  public Future<Boolean> exists(String key) {
    return path(key).compose(path -> fs.exists(path.toString()));
  }

  @Override
  public Future<Void> delete(String key) {
    return path(key).compose(path -> fs.exists(path.toString())
        .compose(exists -> exists ? fs.delete(path.toString()) : Future.succeededFuture()));
  }

  @Override
  public Future<Path> downloadToTemp(String key, Path tempDir) {
    return stat(key).compose(info -> {
      if (info == null) {
        return Future.failedFuture(new BlobNotFoundException(key));
      }
      return fs.createTempFile(tempDir.toString(), "blob-", ".tmp", (String) null)
          .compose(temp -> fs.copy(root.resolve(key).toString(), temp, new CopyOptions().setReplaceExisting(true))
              .map(v -> Path.of(temp)));
    });
  }

  @Override
  public Future<Void> ping() {
    return fs.mkdirs(root.toString());
  }

  @Override
  public String describe() {
    return "test folder storage at " + root;
  }

  private Future<Path> path(String key) {
    try {
      return Future.succeededFuture(root.resolve(StorageKeys.validate(key)));
    } catch (IllegalArgumentException e) {
      return Future.failedFuture(e);
    }
  }

  private static String contentType(String key) {
    return key.endsWith(".png") ? "image/png" : "application/octet-stream";
  }
}
