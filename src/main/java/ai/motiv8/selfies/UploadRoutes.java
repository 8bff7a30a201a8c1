package ai.motiv8.selfies;

import ai.motiv8.auth.AuthenticationHandler;
import ai.motiv8.common.ApiException;
import ai.motiv8.common.ServiceErrors;
import ai.motiv8.config.AppConfig;
import ai.motiv8.faces.FaceAnalysis;
import ai.motiv8.faces.FaceService;
import ai.motiv8.faces.intake.ImageType;
import ai.motiv8.http.Responses;
import ai.motiv8.storage.BlobStore;
import ai.motiv8.storage.StorageKeys;
import ai.motiv8.users.User;
import ai.motiv8.users.UserStore;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.file.OpenOptions;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.FileUpload;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.file.Path;
import java.time.Clock;
import java.util.List;

/**
 * {@code POST /api/upload}: the selfie is streamed to a temp file, checked by its bytes, stored
 * under a server-made name, analysed (face + embedding), and only then does the user point at it.
 * Any failure removes what this request stored and leaves the previous selfie untouched; the
 * previous files are deleted only after the user row points at the new ones.
 */
public final class UploadRoutes {

  private static final Logger log = LoggerFactory.getLogger(UploadRoutes.class);
  private static final String NOT_AN_IMAGE = "File must be an image";

  private final Vertx vertx;
  private final AppConfig config;
  private final UserStore users;
  private final BlobStore store;
  private final FaceService faces;
  private final StoredNames names = new StoredNames(Clock.systemUTC());

  public UploadRoutes(Vertx vertx, AppConfig config, UserStore users, BlobStore store, FaceService faces) {
    this.vertx = vertx;
    this.config = config;
    this.users = users;
    this.store = store;
    this.faces = faces;
  }

  public void mount(Router router, AuthenticationHandler authenticated) {
    BodyHandler multipart = BodyHandler.create(config.storage().tempDir().resolve("uploads").toString())
        .setBodyLimit(config.http().uploadLimitBytes())
        .setDeleteUploadedFilesOnEnd(true)
        .setMergeFormAttributes(false);
    router.post("/api/upload").handler(multipart).handler(authenticated).handler(this::uploadSelfie);
  }

  private void uploadSelfie(RoutingContext ctx) {
    User user = AuthenticationHandler.currentUser(ctx);
    List<FileUpload> files = ctx.fileUploads().stream().filter(f -> "file".equals(f.name())).toList();
    if (files.size() != 1) {
      ctx.fail(ApiException.badRequest(files.isEmpty()
          ? "No file uploaded: send one image in the multipart field 'file'"
          : "Send exactly one image in the multipart field 'file'"));
      return;
    }
    FileUpload upload = files.get(0);
    sniff(upload)
        .compose(type -> store(user, upload, type))
        .onSuccess(answer -> Responses.ok(ctx, answer))
        .onFailure(ctx::fail);
  }

  /** The type by magic bytes; the client's name and Content-Type are not trusted. */
  private Future<ImageType> sniff(FileUpload upload) {
    if (upload.size() == 0) {
      return Future.failedFuture(ApiException.badRequest(NOT_AN_IMAGE));
    }
    return vertx.fileSystem().open(upload.uploadedFileName(), new OpenOptions().setRead(true).setWrite(false))
        .compose(file -> file.read(Buffer.buffer(ImageType.SNIFF_LENGTH), 0, 0, ImageType.SNIFF_LENGTH)
            .eventually(() -> file.close()))
        .compose(head -> ImageType.sniff(head.getBytes())
            .map(Future::succeededFuture)
            .orElseGet(() -> Future.failedFuture(ApiException.badRequest(NOT_AN_IMAGE))));
  }

  private Future<JsonObject> store(User user, FileUpload upload, ImageType type) {
    String base = names.next();
    String selfieName = base + "." + type.extension();
    String embeddingName = base + ".npy";
    String selfieKey = StorageKeys.upload(selfieName);
    String embeddingKey = StorageKeys.embedding(embeddingName);

    return store.putFile(selfieKey, Path.of(upload.uploadedFileName()), type.contentType())
        .compose(v -> faces.analyze(selfieKey, embeddingKey))
        .compose(analysis -> users.replaceSelfie(user.id(), selfieName, embeddingName, analysis.embeddingModel())
            .compose(previous -> rememberGender(user, selfieName, embeddingName, analysis).map(previous))
            .map(previous -> {
              removePrevious(previous, selfieName, embeddingName);
              return answer(upload, selfieName, embeddingName, analysis, previous.hasSelfie());
            }))
        .recover(error -> removeQuietly(selfieKey, embeddingKey)
            .compose(v -> Future.failedFuture(toApiError(error))));
  }

  /**
   * The pack's gender guess steers the prompts; it is stored beside the new selfie (only while that
   * selfie is still the current one). Not having it only costs the prompts a word, so a failure is
   * logged and never fails the upload.
   */
  private Future<Void> rememberGender(User user, String selfieName, String embeddingName, FaceAnalysis analysis) {
    if (analysis.gender() == null) {
      return Future.succeededFuture();
    }
    return users.storeFace(user.id(), selfieName, embeddingName, analysis.embeddingModel(), analysis.gender())
        .<Void>mapEmpty()
        .otherwise(error -> {
          log.warn("Gender of user {} not stored: {}", user.id(), error.getMessage());
          return null;
        });
  }

  private static JsonObject answer(FileUpload upload, String selfieName, String embeddingName, FaceAnalysis analysis,
                                   boolean isUpdate) {
    return new JsonObject()
        .put("message", isUpdate ? "Selfie updated successfully" : "Selfie uploaded successfully")
        .put("filename", selfieName)
        .put("embedding_filename", embeddingName)
        .put("original_filename", upload.fileName())
        .put("content_type", analysis.contentType())
        .put("size_bytes", upload.size())
        .put("num_faces", analysis.numFaces())
        .put("bbox", new JsonArray(List.copyOf(analysis.bbox())))
        .put("embedding_shape", new JsonArray(List.copyOf(analysis.embeddingShape())))
        .put("embedding_dtype", "float32")
        .put("is_update", isUpdate)
        .put("quality", analysis.quality() == null ? null : analysis.quality().toJson())
        .put("warnings", new JsonArray(List.copyOf(analysis.warnings())));
  }

  private static Throwable toApiError(Throwable error) {
    Throwable mapped = ServiceErrors.toApiException(error);
    if (mapped instanceof ApiException api && api.status() == 404) {
      // The object this request just stored vanished: a storage fault, not a client error.
      return new ApiException(ApiException.Kind.UNAVAILABLE, "Storage is unavailable, try again", error);
    }
    return mapped;
  }

  private void removePrevious(User previous, String newSelfie, String newEmbedding) {
    if (previous.selfieFilename() != null && !previous.selfieFilename().equals(newSelfie)
        && StorageKeys.isSafeName(previous.selfieFilename())) {
      removeQuietly(StorageKeys.upload(previous.selfieFilename()), null);
    }
    if (previous.selfieEmbeddingFilename() != null && !previous.selfieEmbeddingFilename().equals(newEmbedding)
        && StorageKeys.isSafeName(previous.selfieEmbeddingFilename())) {
      removeQuietly(StorageKeys.embedding(previous.selfieEmbeddingFilename()), null);
    }
  }

  /** Best effort: a leftover object is an orphan for the operator, never a wrong answer for the user. */
  private Future<Void> removeQuietly(String first, String second) {
    Future<Void> a = store.delete(first).onFailure(e -> log.warn("Could not delete {}: {}", first, e.getMessage()));
    Future<Void> b = second == null ? Future.succeededFuture()
        : store.delete(second).onFailure(e -> log.warn("Could not delete {}: {}", second, e.getMessage()));
    return Future.join(a, b).otherwiseEmpty().mapEmpty();
  }
}
