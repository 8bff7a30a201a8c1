package ai.motiv8.storage;

import java.util.Locale;

/**
 * One object of a {@link BlobStore#list(String) listing}.
 *
 * @param key  the storage key, e.g. {@code uploads/<name>}
 * @param size length in bytes
 * @param etag the backend's entity tag without quotes, or null where the backend keeps none (local
 *             files). On S3 it is the hex MD5 of an object stored in one part, and
 *             {@code <hex>-<parts>} for one uploaded in parts (not an MD5 of the content); servers
 *             that encrypt with KMS keys give other values.
 */
public record BlobEntry(String key, long size, String etag) {

  /** The hex MD5 of the content when the ETag is one (32 hex digits), else null. */
  public String md5OrNull() {
    return etag != null && etag.length() == 32 && etag.chars().allMatch(c -> Character.digit(c, 16) >= 0)
        ? etag.toLowerCase(Locale.ROOT)
        : null;
  }
}
