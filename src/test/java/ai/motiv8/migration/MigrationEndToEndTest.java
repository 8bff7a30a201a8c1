package ai.motiv8.migration;

import ai.motiv8.Application;
import ai.motiv8.Main;
import ai.motiv8.support.ApiClient;
import ai.motiv8.support.PythonDatabases;
import ai.motiv8.support.S3TestServer;
import ai.motiv8.support.TestConfigs;
import ai.motiv8.users.User;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
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
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The operator's path from the migration guide: a development deployment (a Python-made
 * {@code motiv8.db}, upgraded and used by this service, and its data folder) moved with
 * {@code migrate db} and {@code storage sync}, checked with {@code migrate verify}, then the
 * service started on PostgreSQL + S3 serves the same users, selfies and images.
 */
@ExtendWith(VertxExtension.class)
@Timeout(value = 180, timeUnit = TimeUnit.SECONDS)
@DisplayName("A development deployment moved to PostgreSQL and S3")
class MigrationEndToEndTest {

  private static S3TestServer server;

  @TempDir
  Path dir;

  @BeforeAll
  static void startServer() throws Exception {
    server = S3TestServer.start();
    S3Credentials.useTestServer();
  }

  @AfterAll
  static void stopServer() throws Exception {
    S3Credentials.clear();
    server.close();
  }

  @Test
  @DisplayName("verifies clean, and the service on the new settings serves the same users, workout days, selfies and images")
  void serviceServesTheSameData(Vertx vertx, VertxTestContext ctx) throws Exception {
    MovedDeployment moved = MovedDeployment.create(vertx, dir.resolve("old"), server, "motiv8-prod");
    assertThat(Main.run(moved.migrateDb())).isZero();
    assertThat(Main.run(moved.syncStorage())).isZero();
    assertThat(Main.run(moved.verify())).isZero();
    DevDeployment old = moved.source;

    Application.deploy(vertx, TestConfigs.local(dir.resolve("new"), moved.serviceEnvironment()))
        .compose(app -> {
          ctx.verify(() -> {
            assertThat(app.config().database().isPostgres()).isTrue();
            assertThat(app.blobStore().describe()).startsWith("S3 storage: bucket=motiv8-prod");
          });
          ApiClient api = new ApiClient(vertx, app.httpPort());
          return checkAda(api, old, ctx)
              .compose(v -> checkDana(api, old, ctx))
              .compose(v -> api.devLogin("bob@example.com").compose(token -> api.get("/auth/me", token)))
              .map(bob -> {
                ctx.verify(() -> {
                  assertThat(bob.bodyAsJsonObject().getString("id")).isEqualTo(PythonDatabases.BOB);
                  assertThat(bob.bodyAsJsonObject().getJsonObject("workout_days")).isEqualTo(User.normalizeDays(null));
                });
                return null;
              });
        })
        .onComplete(ctx.succeedingThenComplete());
  }

  private static Future<Void> checkAda(ApiClient api, DevDeployment old, VertxTestContext ctx) {
    return api.devLogin("ada@example.com").compose(token -> api.get("/auth/me", token)
        .compose(me -> {
          ctx.verify(() -> {
            JsonObject body = me.bodyAsJsonObject();
            assertThat(body.getString("id")).isEqualTo(PythonDatabases.ADA);
            assertThat(body.getString("created_at")).isEqualTo("2025-12-21T20:22:08+00:00");
            assertThat(body.getBoolean("has_selfie")).isTrue();
            assertThat(body.getString("selfie_filename")).isEqualTo(PythonDatabases.ADA_SELFIE);
            assertThat(body.getJsonObject("workout_days")).isEqualTo(
                User.normalizeDays(new JsonObject().put("monday", true).put("wednesday", true)));
          });
          return api.get("/api/selfie/" + PythonDatabases.ADA_SELFIE + "?token=" + token, null);
        })
        .compose(selfie -> {
          ctx.verify(() -> assertBytes(selfie, old.objects.get("uploads/" + PythonDatabases.ADA_SELFIE)));
          return api.get("/api/daily-motivation?date_str=2025-12-21", token);
        })
        .compose(daily -> {
          ctx.verify(() -> assertThat(daily.bodyAsJsonObject()).isEqualTo(new JsonObject()
              .put("filename", "ada-2.png").put("s3_key", "generated_images/ada-2.png")
              .put("generated_at_millis", 1766349000000L)));
          return api.get("/api/generated/ada-2.png", null);
        })
        .map(image -> {
          ctx.verify(() -> assertBytes(image, old.objects.get("generated/ada-2.png")));
          return null;
        }));
  }

  private static Future<Void> checkDana(ApiClient api, DevDeployment old, VertxTestContext ctx) {
    return api.devLogin(DevDeployment.DANA_EMAIL).compose(token -> api.get("/auth/me", token)
        .compose(me -> {
          ctx.verify(() -> {
            assertThat(me.bodyAsJsonObject().getString("id")).isEqualTo(old.danaId);
            assertThat(me.bodyAsJsonObject().getJsonObject("workout_days")).isEqualTo(DevDeployment.DANA_DAYS);
          });
          return api.get("/api/selfie/" + DevDeployment.DANA_SELFIE + "?token=" + token, null);
        })
        .compose(selfie -> {
          ctx.verify(() -> assertBytes(selfie, old.objects.get("uploads/" + DevDeployment.DANA_SELFIE)));
          return api.get("/api/generated/dana-1.png", null);
        })
        .map(image -> {
          ctx.verify(() -> assertBytes(image, old.objects.get("generated/dana-1.png")));
          return null;
        }));
  }

  private static void assertBytes(HttpResponse<Buffer> response, byte[] expected) {
    assertThat(response.statusCode()).as(response.bodyAsString()).isEqualTo(200);
    assertThat(response.body().getBytes()).isEqualTo(expected);
  }
}
