package ai.motiv8.http;

import ai.motiv8.common.ApiException;
import ai.motiv8.storage.BlobInfo;
import ai.motiv8.storage.BlobNotFoundException;
import ai.motiv8.storage.BlobStore;
import ai.motiv8.storage.LocalFile;
import io.vertx.core.Future;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.ext.web.RoutingContext;

/**
 * Sends a stored object to the client without holding it in memory: a local file with
 * {@code sendfile} (zero-copy, as nginx does), an S3 object as a stream with back-pressure.
 */
public final class BlobResponses {

  private BlobResponses() {
  }

  /**
   * Sends the object at {@code key}; a missing object answers 404 with {@code notFoundDetail}.
   *
   * @param contentType the type to send, or null to use what the store knows
   */
  public static void send(RoutingContext ctx, BlobStore store, String key, String contentType, String notFoundDetail) {
    store.openLocalFile(key)
        .compose(local -> local != null ? sendLocal(ctx, local, contentType) : sendStream(ctx, store, key, contentType))
        .onFailure(error -> {
          if (!ctx.response().headWritten()) {
            ctx.fail(error instanceof BlobNotFoundException ? ApiException.notFound(notFoundDetail) : error);
          } else if (!ctx.response().ended()) {
            ctx.response().reset(); // cut off half-way: the client must not take it for the whole object
          }
        });
  }

  private static Future<Void> sendLocal(RoutingContext ctx, LocalFile local, String contentType) {
    HttpServerResponse response = headers(ctx, local.info(), contentType);
    return response.sendFile(local.file(), 0, local.info().size()).onComplete(done -> local.closeQuietly());
  }

  private static Future<Void> sendStream(RoutingContext ctx, BlobStore store, String key, String contentType) {
    return store.open(key).compose(blob -> {
      headers(ctx, blob.info(), contentType).putHeader("Content-Length", Long.toString(blob.info().size()));
      return blob.stream().pipeTo(ctx.response());
    });
  }

  private static HttpServerResponse headers(RoutingContext ctx, BlobInfo info, String contentType) {
    String type = contentType != null ? contentType
        : info.contentType() != null ? info.contentType() : "application/octet-stream";
    return ctx.response()
        .putHeader("Content-Type", type)
        .putHeader("Cache-Control", "private, max-age=3600")
        .putHeader("X-Content-Type-Options", "nosniff");
  }
}
