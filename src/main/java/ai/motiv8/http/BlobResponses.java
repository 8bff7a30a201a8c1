package ai.motiv8.http;

import ai.motiv8.common.ApiException;
import ai.motiv8.storage.BlobNotFoundException;
import ai.motiv8.storage.BlobStore;
import io.vertx.core.Future;
import io.vertx.ext.web.RoutingContext;

/** Streams a stored object to the client without holding it in memory. */
public final class BlobResponses {

  private BlobResponses() {
  }

  /**
   * Sends the object at {@code key}; a missing object answers 404 with {@code notFoundDetail}.
   *
   * @param contentType the type to send, or null to use what the store knows
   */
  public static void send(RoutingContext ctx, BlobStore store, String key, String contentType, String notFoundDetail) {
    store.open(key)
        .recover(error -> Future.failedFuture(error instanceof BlobNotFoundException
            ? ApiException.notFound(notFoundDetail) : error))
        .onSuccess(blob -> {
          String type = contentType != null ? contentType
              : blob.info().contentType() != null ? blob.info().contentType() : "application/octet-stream";
          ctx.response()
              .putHeader("Content-Type", type)
              .putHeader("Content-Length", Long.toString(blob.info().size()))
              .putHeader("Cache-Control", "private, max-age=3600")
              .putHeader("X-Content-Type-Options", "nosniff");
          blob.stream().pipeTo(ctx.response());
        })
        .onFailure(ctx::fail);
  }
}
