package ai.motiv8.account;

import ai.motiv8.storage.BlobNotFoundException;
import ai.motiv8.storage.BlobStore;
import ai.motiv8.storage.StorageKeys;
import ai.motiv8.users.GeneratedImage;
import ai.motiv8.users.User;
import ai.motiv8.users.UserStore;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.List;

/**
 * {@code GET /api/account/export}: a zip streamed to the client with {@code account.json} (the
 * user's row), {@code generated_images.json} (their rows), {@code selfie/<name>},
 * {@code embedding/<name>.npy} and {@code generated/<name>.png}, each object copied from storage
 * as it is read. An object listed but missing from storage is left out and named in
 * {@code missing.json}. A failure after the first byte cannot become an error answer any more:
 * the connection is reset, so the client sees a broken download, never a short zip that looks whole.
 */
final class AccountExport {

  private static final Logger log = LoggerFactory.getLogger(AccountExport.class);

  private final UserStore users;
  private final BlobStore store;

  AccountExport(UserStore users, BlobStore store) {
    this.users = users;
    this.store = store;
  }

  void send(RoutingContext ctx, User user) {
    users.generatedImagesOf(user.id())
        .onSuccess(images -> stream(ctx, user, images))
        .onFailure(ctx::fail);
  }

  private void stream(RoutingContext ctx, User user, List<GeneratedImage> images) {
    ctx.response()
        .setChunked(true)
        .putHeader("Content-Type", "application/zip")
        .putHeader("Content-Disposition", "attachment; filename=\"motiv8-account.zip\"")
        .putHeader("Cache-Control", "no-store")
        .putHeader("X-Content-Type-Options", "nosniff");
    ZipWriter zip = new ZipWriter(ctx.response());
    List<String> keys = new ArrayList<>();
    if (user.selfieFilename() != null) {
      keys.add(StorageKeys.upload(user.selfieFilename()));
    }
    if (user.selfieEmbeddingFilename() != null) {
      keys.add(StorageKeys.embedding(user.selfieEmbeddingFilename()));
    }
    JsonArray rows = new JsonArray();
    for (GeneratedImage image : images) {
      rows.add(image.toJson());
      if (StorageKeys.isValid(image.s3Key()) && !keys.contains(image.s3Key())) {
        keys.add(image.s3Key());
      }
    }
    JsonArray missing = new JsonArray();
    Future<Void> chain = zip.entry("account.json", user.toJson().toBuffer())
        .compose(v -> zip.entry("generated_images.json", rows.toBuffer()));
    for (String key : keys) {
      chain = chain.compose(v -> copy(zip, key, missing));
    }
    chain.compose(v -> missing.isEmpty() ? Future.<Void>succeededFuture()
            : zip.entry("missing.json", new JsonObject().put("missing", missing).toBuffer()))
        .compose(v -> zip.finish())
        .onSuccess(v -> log.info("Account {} exported: {} objects", user.id(), keys.size() - missing.size()))
        .onFailure(error -> {
          log.warn("Export of account {} stopped: {}", user.id(), error.getMessage());
          if (!zip.closed()) {
            ctx.response().reset();
          }
        });
  }

  /** One object as {@code <folder>/<name>}: uploads become {@code selfie/}, embeddings {@code embedding/}. */
  private Future<Void> copy(ZipWriter zip, String key, JsonArray missing) {
    String name = key.substring(key.indexOf('/') + 1);
    String folder = switch (key.substring(0, key.indexOf('/'))) {
      case StorageKeys.UPLOADS -> "selfie";
      case StorageKeys.EMBEDDINGS -> "embedding";
      default -> "generated";
    };
    return store.open(key)
        .compose(blob -> zip.entry(folder + "/" + name, blob.stream()))
        .recover(error -> {
          if (error instanceof BlobNotFoundException) {
            missing.add(key);
            return Future.succeededFuture();
          }
          return Future.failedFuture(error);
        });
  }
}
