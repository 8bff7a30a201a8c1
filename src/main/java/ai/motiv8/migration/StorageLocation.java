package ai.motiv8.migration;

import ai.motiv8.config.AppConfig.StorageConfig;
import ai.motiv8.config.ConfigLoader;
import ai.motiv8.storage.BlobStore;
import ai.motiv8.storage.LocalBlobStore;
import ai.motiv8.storage.S3BlobStore;
import io.vertx.core.Vertx;

import java.nio.file.Path;
import java.util.Map;

/**
 * A storage named on the command line: {@code local:<data dir>} (the folder that holds
 * {@code uploads/}, {@code embeddings/} and {@code generated/}), {@code s3://<bucket>[/prefix]}, or
 * {@code env}: the storage the service itself would use (conf/, .env, {@code S3_BUCKET} /
 * {@code DATA_DIR}).
 *
 * @param dataDir   the local data dir, or null for S3
 * @param bucket    the S3 bucket, or null for local
 * @param keyPrefix key prefix inside the bucket, empty for none
 * @param fallback  S3 settings of the service's configuration ({@code env}), or null
 */
record StorageLocation(Path dataDir, String bucket, String keyPrefix, StorageConfig fallback) {

  static StorageLocation parse(String text, Map<String, String> environment, Path confFile) {
    if (text == null || text.isBlank()) {
      throw new IllegalArgumentException("A storage is required: local:<dir>, s3://<bucket>[/prefix] or env");
    }
    String value = text.trim();
    if (value.equals("env")) {
      StorageConfig config = new ConfigLoader(Path.of("conf"), Path.of(".env"), environment)
          .load(confFile, Map.of()).storage();
      return config.isS3()
          ? new StorageLocation(null, config.s3Bucket(), "", config)
          : new StorageLocation(config.dataDir(), null, "", null);
    }
    if (value.startsWith("local:")) {
      String dir = value.substring("local:".length());
      if (dir.isBlank()) {
        throw new IllegalArgumentException("local: needs a directory, e.g. local:/srv/motiv8");
      }
      return new StorageLocation(Path.of(dir), null, "", null);
    }
    if (value.startsWith("s3://")) {
      String rest = value.substring("s3://".length());
      int slash = rest.indexOf('/');
      String bucket = slash < 0 ? rest : rest.substring(0, slash);
      String prefix = slash < 0 ? "" : rest.substring(slash + 1).replaceAll("/+$", "");
      if (bucket.isBlank()) {
        throw new IllegalArgumentException("s3:// needs a bucket, e.g. s3://motiv8-prod");
      }
      return new StorageLocation(null, bucket, prefix, null);
    }
    throw new IllegalArgumentException("Unknown storage '" + value + "': use local:<dir>, s3://<bucket>[/prefix] or env");
  }

  boolean isS3() {
    return bucket != null;
  }

  BlobStore open(Vertx vertx, S3Options s3, Path tempDir, Map<String, String> environment, int concurrency) {
    if (!isS3()) {
      return new LocalBlobStore(vertx, dataDir);
    }
    return S3BlobStore.builder(vertx, s3.config(bucket, tempDir, environment, fallback))
        .keyPrefix(keyPrefix)
        .multipartThreshold(s3.multipartThresholdBytes())
        .partSize(s3.partSizeBytes())
        .maxConcurrency(Math.max(16, concurrency * 2))
        .build();
  }

  @Override
  public String toString() {
    return isS3() ? "s3://" + bucket + (keyPrefix.isEmpty() ? "" : "/" + keyPrefix) : "local:" + dataDir;
  }
}
