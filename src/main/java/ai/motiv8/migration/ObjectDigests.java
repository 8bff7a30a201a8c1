package ai.motiv8.migration;

import ai.motiv8.common.Await;
import ai.motiv8.storage.BlobEntry;
import ai.motiv8.storage.BlobStore;
import io.vertx.core.Future;
import io.vertx.core.Promise;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * The MD5 of a stored object, to tell whether two objects of the same size hold the same bytes:
 * the S3 ETag where it is one (objects stored in one part), else computed by reading the object
 * through its store (local files, multipart uploads).
 */
final class ObjectDigests {

  private ObjectDigests() {
  }

  /** Blocking: call it from a command's worker thread. */
  static String md5(BlobStore store, BlobEntry entry) throws Exception {
    String etag = entry.md5OrNull();
    return etag != null ? etag : Await.result(read(store, entry.key()));
  }

  static Future<String> read(BlobStore store, String key) {
    return store.open(key).compose(blob -> {
      Promise<String> done = Promise.promise();
      MessageDigest md5 = newMd5();
      blob.stream().exceptionHandler(done::tryFail);
      blob.stream().handler(chunk -> md5.update(chunk.getBytes()));
      blob.stream().endHandler(end -> done.tryComplete(HexFormat.of().formatHex(md5.digest())));
      blob.stream().resume();
      return done.future();
    });
  }

  private static MessageDigest newMd5() {
    try {
      return MessageDigest.getInstance("MD5");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("MD5 is part of every Java runtime", e);
    }
  }
}
