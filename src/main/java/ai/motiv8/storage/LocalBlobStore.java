package ai.motiv8.storage;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.file.CopyOptions;
import io.vertx.core.file.FileSystem;
import io.vertx.core.file.FileSystemException;
import io.vertx.core.file.OpenOptions;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.UUID;
import java.util.function.Function;

/**
 * Objects as files under a data directory ({@code <dataDir>/uploads/...}), through the Vert.x
 * async file system. Writes go to a hidden temp file in the same folder and are moved into place,
 * so a reader never sees half an object. Content types are not stored: they follow from the
 * key's extension. An opened file is closed when its stream ends, fails or is detached.
 */
public final class LocalBlobStore implements BlobStore {

  private final Vertx vertx;
  private final FileSystem fs;
  private final Path dataDir;

  public LocalBlobStore(Vertx vertx, Path dataDir) {
    this.vertx = vertx;
    this.fs = vertx.fileSystem();
    this.dataDir = dataDir.toAbsolutePath().normalize();
  }

  @Override
  public Future<Void> putFile(String key, Path file, String contentType) {
    return resolve(key).compose(target -> write(target, staging -> fs.copy(file.toString(), staging)));
  }

  @Override
  public Future<Void> putBytes(String key, Buffer bytes, String contentType) {
    return resolve(key).compose(target -> write(target, staging -> fs.writeFile(staging, bytes)));
  }

  @Override
  public Future<Blob> open(String key) {
    return resolve(key).compose(path -> fs.props(path.toString())
        .compose(props -> props.isRegularFile()
            ? fs.open(path.toString(), new OpenOptions().setRead(true).setWrite(false).setCreate(false))
            : Future.failedFuture(new BlobNotFoundException(key)))
        .recover(error -> Future.failedFuture(notFoundOr(error, key)))
        // The size of the opened file, not of the path: a concurrent put may have replaced it.
        .compose(file -> file.size()
            .map(size -> new Blob(new BlobInfo(key, size, ContentTypes.guess(key)), new ClosingFileStream(file)))
            .onFailure(error -> file.close())));
  }

  /** One worker hop: opening the file and reading its length are blocking calls. */
  @Override
  public Future<LocalFile> openLocalFile(String key) {
    return resolve(key).compose(path -> vertx.executeBlocking(() -> {
      if (!Files.isRegularFile(path)) {
        throw new BlobNotFoundException(key);
      }
      RandomAccessFile file = new RandomAccessFile(path.toFile(), "r");
      try {
        return new LocalFile(new BlobInfo(key, file.length(), ContentTypes.guess(key)), file);
      } catch (IOException e) {
        file.close();
        throw e;
      }
    }, false).recover(error -> Future.failedFuture(notFoundOr(error, key))));
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
      Path target = tempDir.resolve("blob-" + UUID.randomUUID() + StorageKeys.suffix(key));
      return fs.mkdirs(tempDir.toString())
          .compose(v -> fs.copy(source.toString(), target.toString()))
          .map(v -> target)
          .recover(error -> fs.delete(target.toString()).otherwiseEmpty()
              .compose(v -> Future.failedFuture(notFoundOr(error, key))));
    });
  }

  /** Reads the prefix's folder on a worker thread; a missing folder is an empty listing. */
  @Override
  public Future<List<BlobEntry>> list(String prefix) {
    String bare;
    try {
      bare = StorageKeys.validatePrefix(prefix);
    } catch (IllegalArgumentException e) {
      return Future.failedFuture(e);
    }
    return vertx.executeBlocking(() -> listFolder(bare, dataDir.resolve(bare)), false);
  }

  private static List<BlobEntry> listFolder(String prefix, Path folder) throws IOException {
    List<BlobEntry> entries = new ArrayList<>();
    if (!Files.isDirectory(folder)) {
      return entries;
    }
    try (DirectoryStream<Path> files = Files.newDirectoryStream(folder)) {
      for (Path file : files) {
        // Staging files start with a dot, so they are not safe names either.
        String name = file.getFileName().toString();
        if (!StorageKeys.isSafeName(name)) {
          continue;
        }
        BasicFileAttributes attributes;
        try {
          attributes = Files.readAttributes(file, BasicFileAttributes.class);
        } catch (NoSuchFileException deletedMeanwhile) {
          continue;
        }
        if (attributes.isRegularFile()) {
          entries.add(new BlobEntry(prefix + "/" + name, attributes.size(), null));
        }
      }
    }
    entries.sort(Comparator.comparing(BlobEntry::key));
    return entries;
  }

  /** Checks the data dir exists (creating it) and takes a write, by writing and removing a probe file. */
  @Override
  public Future<Void> ping() {
    String probe = dataDir.resolve(".ping-" + UUID.randomUUID()).toString();
    return fs.mkdirs(dataDir.toString())
        .compose(v -> fs.writeFile(probe, Buffer.buffer("ok")))
        .compose(v -> fs.delete(probe))
        .recover(error -> Future.failedFuture(new IllegalStateException(
            "Data directory " + dataDir + " is not usable: " + rootCause(error).toString(), error)));
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

  /** Writes through a hidden staging file next to the target, removed on every failure. */
  private Future<Void> write(Path target, Function<String, Future<Void>> writeStaging) {
    String staging = target.resolveSibling("." + target.getFileName() + "." + UUID.randomUUID() + ".part").toString();
    return fs.mkdirs(target.getParent().toString())
        .compose(v -> writeStaging.apply(staging))
        .compose(v -> fs.move(staging, target.toString(),
            new CopyOptions().setReplaceExisting(true).setAtomicMove(true)))
        .recover(error -> fs.delete(staging).otherwiseEmpty().compose(v -> Future.failedFuture(
            StorageFailures.unavailable(error, "write", dataDir.relativize(target).toString(),
                "the data folder could not be written (" + rootCause(error).getClass().getSimpleName() + ")"))));
  }

  private static Throwable rootCause(Throwable error) {
    Throwable t = error;
    while (t.getCause() != null && t.getCause() != t) {
      t = t.getCause();
    }
    return t;
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
