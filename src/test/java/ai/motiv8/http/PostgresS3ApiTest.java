package ai.motiv8.http;

import ai.motiv8.Application;
import ai.motiv8.auth.JwtTokens;
import ai.motiv8.config.AppConfig.DatabaseConfig;
import ai.motiv8.faces.SelfieAdvice;
import ai.motiv8.faces.TestImages;
import ai.motiv8.persistence.TestDatabases;
import ai.motiv8.support.S3TestServer;
import ai.motiv8.storage.StorageKeys;
import ai.motiv8.support.ApiClient;
import ai.motiv8.support.TestConfigs;
import ai.motiv8.users.UserStore;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.Timeout;
import io.vertx.junit5.VertxExtension;
import io.vertx.junit5.VertxTestContext;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The production shape: the service configured only through the deployed stack's variables
 * (DB_*, S3_*, AWS credentials from the default chain) against a real PostgreSQL and a real S3
 * protocol server.
 */
@ExtendWith(VertxExtension.class)
@Timeout(value = 90, timeUnit = TimeUnit.SECONDS)
class PostgresS3ApiTest {

  private static final String BUCKET = "motiv8-api-test";

  @TempDir
  static Path dir;

  static S3TestServer s3;
  static Application app;
  static ApiClient api;

  @BeforeAll
  static void start(Vertx vertx, VertxTestContext ctx) throws Exception {
    s3 = S3TestServer.start(BUCKET);
    DatabaseConfig db = TestDatabases.postgres();
    System.setProperty("aws.accessKeyId", S3TestServer.ACCESS_KEY);
    System.setProperty("aws.secretAccessKey", S3TestServer.SECRET_KEY);
    Map<String, String> env = Map.of(
        "DB_HOST", db.host(), "DB_PORT", Integer.toString(db.port()), "DB_NAME", db.name(),
        "DB_USERNAME", db.username(), "DB_PASSWORD", db.password(),
        // Only the endpoint, as a new user sets it: path-style and checksums-when-required follow from it.
        "S3_BUCKET", BUCKET, "AWS_REGION", "eu-west-1", "S3_ENDPOINT", s3.endpoint());
    Application.deploy(vertx, TestConfigs.local(dir, env)).onComplete(ctx.succeeding(started -> {
      app = started;
      api = new ApiClient(vertx, started.httpPort());
      ctx.completeNow();
    }));
  }

  @AfterAll
  static void stop() throws Exception {
    System.clearProperty("aws.accessKeyId");
    System.clearProperty("aws.secretAccessKey");
    if (s3 != null) {
      s3.close();
    }
  }

  @Test
  @DisplayName("On PostgreSQL + S3: dev login, /auth/me, PUT workout days, /auth/me shows them, and /readiness is UP")
  void workoutDaysOnPostgres(VertxTestContext ctx) {
    JsonObject days = new JsonObject().put("monday", false).put("tuesday", true).put("wednesday", false)
        .put("thursday", true).put("friday", false).put("saturday", true).put("sunday", false);
    assertThat(app.config().database().isPostgres()).isTrue();
    assertThat(app.config().storage().isS3()).isTrue();
    api.devLogin("pg-user@example.org")
        .compose(token -> api.put("/api/workout-days", token, new JsonObject().put("workout_days", days))
            .compose(updated -> api.get("/auth/me", token)))
        .compose(me -> {
          ctx.verify(() -> assertThat(me.bodyAsJsonObject().getJsonObject("workout_days")).isEqualTo(days));
          return api.get("/readiness", null);
        })
        .onComplete(ctx.succeeding(health -> ctx.verify(() -> {
          assertThat(health.statusCode()).as(health.bodyAsString()).isEqualTo(200);
          ctx.completeNow();
        })));
  }

  @Test
  @DisplayName("On PostgreSQL + S3 with only S3_ENDPOINT set: a real selfie uploads, with its quality and no warnings")
  void uploadWithOnlyAnEndpoint(VertxTestContext ctx) {
    assertThat(app.config().storage().s3PathStyle()).isTrue();
    assertThat(app.config().storage().s3ChecksumsWhenRequired()).isTrue();
    api.devLogin("pg-s3-uploader@example.org")
        .compose(token -> api.upload(token, "me.png", TestImages.resource(TestImages.ASTRONAUT), "image/png"))
        .onComplete(ctx.succeeding(response -> ctx.verify(() -> {
          assertThat(response.statusCode()).as(response.bodyAsString()).isEqualTo(200);
          JsonObject body = response.bodyAsJsonObject();
          assertThat(body.getJsonObject("quality").getInteger("face_width_px")).isGreaterThan(SelfieAdvice.SMALL_FACE_PX);
          assertThat(body.getJsonArray("warnings")).isEmpty();
          assertThat(s3.keys(BUCKET)).contains("uploads/" + body.getString("filename"),
              "embeddings/" + body.getString("embedding_filename"));
          ctx.completeNow();
        })));
  }

  @Test
  @DisplayName("On S3: the owner's selfie bytes are streamed from the bucket")
  void selfieFromS3(Vertx vertx, VertxTestContext ctx) {
    String name = "20251129_140000_s3test.jpg";
    Buffer bytes = Buffer.buffer(new byte[64 * 1024]).setByte(0, (byte) 0xFF).setByte(1, (byte) 0xD8);
    UserStore users = UserStore.createProxy(vertx);
    api.devLogin("s3-user@example.org")
        .compose(token -> app.blobStore().putBytes(StorageKeys.upload(name), bytes, "image/jpeg")
            .compose(v -> new JwtTokens(vertx, app.config().auth()).verify(token))
            .compose(id -> users.replaceSelfie(id, name, "20251129_140000_s3test.npy", "test/model"))
            .compose(v -> api.get("/api/selfie/" + name + "?token=" + token, null)))
        .onComplete(ctx.succeeding(selfie -> ctx.verify(() -> {
          assertThat(selfie.statusCode()).isEqualTo(200);
          assertThat(selfie.getHeader("Content-Type")).isEqualTo("image/jpeg");
          assertThat(selfie.body()).isEqualTo(bytes);
          assertThat(s3.keys(BUCKET)).contains("uploads/" + name);
          ctx.completeNow();
        })));
  }
}
