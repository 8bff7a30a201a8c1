package ai.motiv8.support;

import ai.motiv8.Application;
import ai.motiv8.auth.JwtTokens;
import ai.motiv8.faces.FaceService;
import ai.motiv8.faces.NpyFormat;
import ai.motiv8.storage.Blob;
import ai.motiv8.storage.BlobStore;
import ai.motiv8.storage.StorageKeys;
import ai.motiv8.users.UserStore;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.buffer.Buffer;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.UUID;

/**
 * Gives a test user a selfie the way {@code POST /api/upload} will: the photo stored under
 * {@code uploads/}, its embedding computed and stored by the real face worker
 * ({@link FaceService#analyze}), and the user pointed at both ({@link UserStore#replaceSelfie}).
 */
public final class TestSelfies {

  private TestSelfies() {
  }

  /** A signed-in test user: access token, id, e-mail. */
  public record SignedIn(String token, String userId, String email) {
  }

  /** The stored names of a user's selfie and embedding. */
  public record Selfie(String filename, String embeddingFilename) {

    public String key() {
      return StorageKeys.upload(filename);
    }

    public String embeddingKey() {
      return StorageKeys.embedding(embeddingFilename);
    }
  }

  /** Dev-login as a new user with a random address. */
  public static Future<SignedIn> signIn(Application app, ApiClient api) {
    String email = "athlete-" + UUID.randomUUID() + "@motiv8.test";
    return api.devLogin(email).compose(token -> new JwtTokens(app.vertx(), app.config().auth()).verify(token)
        .map(id -> new SignedIn(token, id, email)));
  }

  /** Stores {@code resource} (e.g. {@code /photos/astronaut.png}) as the user's selfie, with its embedding. */
  public static Future<Selfie> install(Application app, String userId, String resource) {
    String base = "test_" + UUID.randomUUID().toString().replace("-", "");
    Selfie selfie = new Selfie(base + extension(resource), base + ".npy");
    return app.blobStore().putBytes(selfie.key(), Buffer.buffer(resource(resource)), "application/octet-stream")
        .compose(v -> FaceService.createProxy(app.vertx()).analyze(selfie.key(), selfie.embeddingKey()))
        .compose(analysis -> UserStore.createProxy(app.vertx())
            .replaceSelfie(userId, selfie.filename(), selfie.embeddingFilename(), analysis.embeddingModel()))
        .map(previous -> selfie);
  }

  /** The whole stored object. */
  public static Future<Buffer> read(BlobStore blobs, String key) {
    return blobs.open(key).compose(TestSelfies::collect);
  }

  /** The float32 vector stored as {@code .npy} at {@code key}. */
  public static Future<float[]> embedding(BlobStore blobs, String key) {
    return read(blobs, key).map(bytes -> NpyFormat.readFloat32(bytes.getBytes()));
  }

  public static byte[] resource(String name) {
    try (InputStream in = TestSelfies.class.getResourceAsStream(name)) {
      if (in == null) {
        throw new IllegalArgumentException("No test resource " + name);
      }
      return in.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static String extension(String resource) {
    int dot = resource.lastIndexOf('.');
    return dot < 0 ? "" : resource.substring(dot);
  }

  private static Future<Buffer> collect(Blob blob) {
    Promise<Buffer> bytes = Promise.promise();
    Buffer buffer = Buffer.buffer();
    blob.stream()
        .exceptionHandler(bytes::tryFail)
        .endHandler(v -> bytes.tryComplete(buffer))
        .handler(buffer::appendBuffer)
        .resume();
    return bytes.future();
  }
}
