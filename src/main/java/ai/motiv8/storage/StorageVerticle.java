package ai.motiv8.storage;

import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.eventbus.MessageConsumer;
import io.vertx.core.json.JsonObject;
import io.vertx.serviceproxy.ServiceBinder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Serves {@link StorageService} on the event bus (to this process only: the shared state is the
 * store itself) over a {@link BlobStore}. Start fails when the
 * store is not usable (missing bucket, data dir that cannot be written). The store belongs to the
 * caller, who also streams through it directly: stopping the verticle does not close it.
 */
public final class StorageVerticle extends VerticleBase {

  private static final Logger LOG = LoggerFactory.getLogger(StorageVerticle.class);

  private final BlobStore store;
  private MessageConsumer<JsonObject> consumer;

  public StorageVerticle(BlobStore store) {
    this.store = store;
  }

  @Override
  public Future<?> start() {
    LOG.info("Using {}", store.describe());
    return checkStore().compose(v -> bindService());
  }

  @Override
  public Future<?> stop() {
    return consumer == null ? Future.succeededFuture() : consumer.unregister();
  }

  private Future<Void> checkStore() {
    return store.ping().recover(error -> Future.failedFuture(
        new IllegalStateException("Storage is not usable (" + store.describe() + "): " + error.getMessage(), error)));
  }

  private Future<Void> bindService() {
    consumer = new ServiceBinder(vertx)
        .setAddress(StorageService.ADDRESS)
        .registerLocal(StorageService.class, new StorageServiceImpl(store));
    return consumer.completion();
  }
}
