package ai.motiv8.config;

/**
 * Defaults for S3-compatible servers. With {@code S3_ENDPOINT} set (MinIO, S3Proxy, Ceph...), the
 * AWS SDK's own defaults fail every upload: its request checksums (a trailing
 * {@code x-amz-checksum-crc32} with {@code x-amz-content-sha256: STREAMING-UNSIGNED-PAYLOAD-TRAILER})
 * are rejected by servers that do not implement them ("x-amz-content-sha256 header does not
 * match"), and virtual-hosted addressing ({@code bucket.host}) needs DNS that such servers rarely
 * have. So an unset setting means: path-style addressing and checksums only when required when an
 * endpoint is set, the SDK's defaults against AWS itself. An explicit {@code true}/{@code false}
 * always wins.
 */
public final class S3Compatibility {

  private S3Compatibility() {
  }

  /** {@code explicit} when set, else true exactly when a custom endpoint is set. */
  public static boolean pathStyle(Boolean explicit, String endpoint) {
    return explicit != null ? explicit : hasEndpoint(endpoint);
  }

  /** {@code explicit} when set, else true exactly when a custom endpoint is set. */
  public static boolean checksumsWhenRequired(Boolean explicit, String endpoint) {
    return explicit != null ? explicit : hasEndpoint(endpoint);
  }

  private static boolean hasEndpoint(String endpoint) {
    return endpoint != null && !endpoint.isBlank();
  }
}
