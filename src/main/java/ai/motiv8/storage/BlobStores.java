package ai.motiv8.storage;

import ai.motiv8.config.AppConfig.StorageConfig;
import io.vertx.core.Vertx;

import java.nio.file.Path;

/** Chooses the backend from configuration: S3 when a bucket is set, local files otherwise. */
public final class BlobStores {

  private BlobStores() {
  }

  public static BlobStore create(Vertx vertx, StorageConfig config) {
    if (config.isS3()) {
      return new S3BlobStore(vertx, config);
    }
    Path dataDir = config.dataDir() != null ? config.dataDir() : Path.of("");
    return new LocalBlobStore(vertx, dataDir);
  }
}
