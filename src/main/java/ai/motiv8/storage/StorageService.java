package ai.motiv8.storage;

import ai.motiv8.common.Addresses;
import io.vertx.codegen.annotations.ProxyGen;
import io.vertx.codegen.annotations.VertxGen;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.serviceproxy.ServiceProxyBuilder;

/**
 * The storage verticle's event-bus face: operations that need no local file, so that any node
 * of a cluster can ask them. Streaming reads and writes use {@link BlobStore} directly.
 */
@ProxyGen
@VertxGen
public interface StorageService {

  String ADDRESS = Addresses.STORAGE;

  int BAD_KEY = 400;

  static StorageService createProxy(Vertx vertx) {
    return new ServiceProxyBuilder(vertx).setAddress(ADDRESS).build(StorageService.class);
  }

  Future<Boolean> exists(String key);

  /** {@code {"key", "size", "content_type"}} or null when absent. */
  Future<JsonObject> stat(String key);

  Future<Void> delete(String key);

  Future<Void> ping();
}
