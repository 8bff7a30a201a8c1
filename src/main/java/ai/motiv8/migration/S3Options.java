package ai.motiv8.migration;

import ai.motiv8.config.AppConfig.StorageConfig;
import ai.motiv8.config.S3Compatibility;
import ai.motiv8.storage.S3BlobStore;
import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.util.Map;

/**
 * S3 client settings of the storage commands, from options or else the variables the service
 * reads ({@code AWS_REGION}, {@code S3_ENDPOINT}, {@code S3_PATH_STYLE},
 * {@code S3_CHECKSUMS_WHEN_REQUIRED}). Credentials come from the default AWS chain
 * ({@code AWS_ACCESS_KEY_ID}/{@code AWS_SECRET_ACCESS_KEY}, a profile, an instance role...). Both
 * sides of a sync use the same settings.
 */
public final class S3Options {

  private static final long MIB = 1024L * 1024;

  @Option(names = "--s3-endpoint", paramLabel = "URL",
      description = "S3-compatible server, e.g. http://minio:9000 (env S3_ENDPOINT; default: AWS).")
  String endpoint;

  @Option(names = "--s3-region", paramLabel = "REGION", description = "Region (env AWS_REGION; default us-east-1).")
  String region;

  @Option(names = "--s3-path-style", arity = "0..1", paramLabel = "BOOL",
      description = "Path-style URLs, as MinIO and most S3-compatible servers want (env S3_PATH_STYLE; "
          + "default: on when an endpoint is set).")
  Boolean pathStyle;

  @Option(names = "--s3-checksums-when-required", arity = "0..1", paramLabel = "BOOL",
      description = "Send request checksums only where S3 requires them, for servers that reject the SDK's defaults "
          + "(env S3_CHECKSUMS_WHEN_REQUIRED; default: on when an endpoint is set).")
  Boolean checksumsWhenRequired;

  @Option(names = "--s3-multipart-threshold-mib", paramLabel = "MIB", defaultValue = "16",
      description = "Files of this many MiB or more are uploaded in parts (default ${DEFAULT-VALUE}).")
  long multipartThresholdMib;

  @Option(names = "--s3-part-size-mib", paramLabel = "MIB", defaultValue = "8",
      description = "Part size of multipart uploads, at least 5 (default ${DEFAULT-VALUE}).")
  long partSizeMib;

  /** The service's storage settings for {@code bucket}, options first, then {@code environment}. */
  StorageConfig config(String bucket, Path tempDir, Map<String, String> environment, StorageConfig fallback) {
    String resolvedRegion = first(region, environment.get("AWS_REGION"), fallback == null ? null : fallback.s3Region(),
        S3BlobStore.DEFAULT_REGION);
    String resolvedEndpoint = first(endpoint, environment.get("S3_ENDPOINT"), fallback == null ? null : fallback.s3Endpoint());
    // Unset everywhere means automatic: on for a custom endpoint (S3Compatibility).
    boolean resolvedPathStyle = S3Compatibility.pathStyle(
        flag(pathStyle, environment.get("S3_PATH_STYLE"), fallback == null ? null : fallback.s3PathStyle()),
        resolvedEndpoint);
    boolean resolvedChecksums = S3Compatibility.checksumsWhenRequired(
        flag(checksumsWhenRequired, environment.get("S3_CHECKSUMS_WHEN_REQUIRED"),
            fallback == null ? null : fallback.s3ChecksumsWhenRequired()),
        resolvedEndpoint);
    return new StorageConfig(tempDir, tempDir, bucket, resolvedRegion, resolvedEndpoint, resolvedPathStyle, resolvedChecksums);
  }

  long multipartThresholdBytes() {
    return multipartThresholdMib * MIB;
  }

  long partSizeBytes() {
    return partSizeMib * MIB;
  }

  private static String first(String... values) {
    for (String value : values) {
      if (value != null && !value.isBlank()) {
        return value.trim();
      }
    }
    return null;
  }

  /** The option, else the variable, else the service's (already resolved) setting; null when none says. */
  private static Boolean flag(Boolean option, String variable, Boolean fallback) {
    if (option != null) {
      return option;
    }
    if (variable != null && !variable.isBlank() && !variable.trim().equalsIgnoreCase("auto")) {
      return Boolean.parseBoolean(variable.trim()) || variable.trim().equals("1");
    }
    return fallback;
  }
}
