package ai.motiv8.selfies;

import ai.motiv8.auth.AuthenticationHandler;
import ai.motiv8.common.ApiException;
import ai.motiv8.config.AppConfig;
import ai.motiv8.http.BlobResponses;
import ai.motiv8.http.Responses;
import ai.motiv8.storage.BlobStore;
import ai.motiv8.storage.StorageKeys;
import ai.motiv8.users.User;
import ai.motiv8.users.UserStore;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Serving and removing the caller's selfie. */
public final class SelfieRoutes {

  private static final Logger log = LoggerFactory.getLogger(SelfieRoutes.class);

  private final AppConfig config;
  private final UserStore users;
  private final BlobStore store;

  public SelfieRoutes(AppConfig config, UserStore users, BlobStore store) {
    this.config = config;
    this.users = users;
    this.store = store;
  }

  public void mount(Router router, AuthenticationHandler authenticated, AuthenticationHandler authenticatedByQuery) {
    router.get("/api/selfie/:filename").handler(authenticatedByQuery).handler(this::serveSelfie);
    router.delete("/api/selfie").handler(authenticated).handler(this::removeSelfie);
  }

  private void serveSelfie(RoutingContext ctx) {
    User user = AuthenticationHandler.currentUser(ctx);
    String filename = ctx.pathParam("filename");
    if (!StorageKeys.isSafeName(filename) || !filename.equals(user.selfieFilename())) {
      ctx.fail(ApiException.forbidden("Access denied"));
      return;
    }
    BlobResponses.send(ctx, store, StorageKeys.upload(filename), null, "Selfie not found");
  }

  private void removeSelfie(RoutingContext ctx) {
    if (config.isProduction()) {
      ctx.fail(ApiException.forbidden("Selfie removal is only available in development"));
      return;
    }
    User user = AuthenticationHandler.currentUser(ctx);
    if (user.selfieFilename() == null && user.selfieEmbeddingFilename() == null) {
      ctx.fail(ApiException.notFound("No selfie to remove"));
      return;
    }
    users.clearSelfie(user.id())
        .onSuccess(previous -> {
          deleteQuietly(previous.selfieFilename() == null ? null : StorageKeys.upload(previous.selfieFilename()));
          deleteQuietly(previous.selfieEmbeddingFilename() == null ? null
              : StorageKeys.embedding(previous.selfieEmbeddingFilename()));
          Responses.ok(ctx, new JsonObject().put("message", "Selfie removed successfully."));
        })
        .onFailure(ctx::fail);
  }

  /** The row no longer points at the file, so a failed delete leaves an orphan, not an error. */
  private Future<Void> deleteQuietly(String key) {
    if (key == null) {
      return Future.succeededFuture();
    }
    return store.delete(key).onFailure(error -> log.warn("Could not delete {}: {}", key, error.getMessage()))
        .otherwiseEmpty();
  }
}
