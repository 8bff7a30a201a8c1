package ai.motiv8.storage;

import ai.motiv8.common.ServiceErrors;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.serviceproxy.ServiceException;

/** {@link StorageService} over a {@link BlobStore}: a bad key fails with {@link StorageService#BAD_KEY}. */
final class StorageServiceImpl implements StorageService {

  private final BlobStore store;

  StorageServiceImpl(BlobStore store) {
    this.store = store;
  }

  @Override
  public Future<Boolean> exists(String key) {
    return store.exists(key).recover(StorageServiceImpl::toServiceFailure);
  }

  @Override
  public Future<JsonObject> stat(String key) {
    return store.stat(key)
        .map(info -> info == null ? null : new JsonObject()
            .put("key", info.key())
            .put("size", info.size())
            .put("content_type", info.contentType()))
        .recover(StorageServiceImpl::toServiceFailure);
  }

  @Override
  public Future<Void> delete(String key) {
    return store.delete(key).recover(StorageServiceImpl::toServiceFailure);
  }

  @Override
  public Future<Void> ping() {
    return store.ping().recover(StorageServiceImpl::toServiceFailure);
  }

  private static <T> Future<T> toServiceFailure(Throwable error) {
    if (error instanceof IllegalArgumentException) {
      return Future.failedFuture(new ServiceException(BAD_KEY, error.getMessage()));
    }
    return Future.failedFuture(ServiceErrors.toServiceException(error));
  }
}
