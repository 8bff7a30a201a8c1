package ai.motiv8.users;

import ai.motiv8.Application;
import ai.motiv8.config.AppConfig.DatabaseConfig;
import ai.motiv8.faces.TestImages;
import ai.motiv8.support.ApiClient;
import ai.motiv8.support.TestConfigs;
import ai.motiv8.support.TestPostgres;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.junit5.Timeout;
import io.vertx.junit5.VertxExtension;
import io.vertx.junit5.VertxTestContext;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The current release's user settings end to end on the real app, on the database of each
 * subclass: {@code /auth/me}'s new fields, {@code PUT /api/mode}, the legacy
 * {@code PUT /api/anti-motivation-mode}, the gender stored at upload, and {@code POST /api/generate}
 * without an embedding name for a selfie whose face was never found (a row of the original).
 */
@ExtendWith(VertxExtension.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@Timeout(value = 120, timeUnit = TimeUnit.SECONDS)
abstract class ModesContractTest {

  private Application app;
  private ApiClient api;

  /** The database variables of this backend. */
  abstract Map<String, String> backend();

  @BeforeAll
  void start(Vertx vertx, VertxTestContext ctx) throws Exception {
    Path dir = Files.createTempDirectory(Path.of("target"), "modes-");
    Application.deploy(vertx, TestConfigs.local(dir, backend())).onComplete(ctx.succeeding(started -> {
      app = started;
      api = new ApiClient(vertx, started.httpPort());
      ctx.completeNow();
    }));
  }

  @Test
  @DisplayName("/auth/me of a new user: no name or gender, anti-motivation off, mode ripped by the original's rule")
  void newUserDefaults(VertxTestContext ctx) {
    api.devLogin(newEmail())
        .compose(token -> api.get("/auth/me", token))
        .onComplete(ctx.succeeding(me -> ctx.verify(() -> {
          JsonObject user = me.bodyAsJsonObject();
          assertThat(me.statusCode()).isEqualTo(200);
          assertThat(user.fieldNames()).contains("name", "gender", "anti_motivation_mode", "mode");
          assertThat(user.getValue("name")).isNull();
          assertThat(user.getValue("gender")).isNull();
          assertThat(user.getBoolean("anti_motivation_mode")).isFalse();
          assertThat(user.getString("mode")).isEqualTo("ripped");
          ctx.completeNow();
        })));
  }

  @Test
  @DisplayName("PUT /api/mode takes each of the four modes, answers the user and keeps it for /auth/me")
  void everyModeIsKept(VertxTestContext ctx) {
    api.devLogin(newEmail()).compose(token -> setMode(token, "shame")
            .compose(v -> setMode(token, "toned"))
            .compose(v -> setMode(token, "furry"))
            .compose(v -> setMode(token, "ripped"))
            .compose(v -> setMode(token, "toned"))
            .compose(v -> api.get("/auth/me", token)))
        .onComplete(ctx.succeeding(me -> ctx.verify(() -> {
          assertThat(me.bodyAsJsonObject().getString("mode")).isEqualTo("toned");
          ctx.completeNow();
        })));
  }

  @Test
  @DisplayName("PUT /api/mode refuses anything but the four names with 400 {detail} and keeps the old mode")
  void badModesAreRefused(VertxTestContext ctx) {
    List<Object> bad = List.of("angry", "TONED", "", 3, true, new JsonObject());
    api.devLogin(newEmail()).compose(token -> setMode(token, "shame")
            .compose(v -> Future.all(bad.stream()
                .map(mode -> api.put("/api/mode", token, new JsonObject().put("mode", mode))).toList()))
            .compose(answers -> api.put("/api/mode", token, new JsonObject()).map(missing -> {
              List<HttpResponse<Buffer>> all = new java.util.ArrayList<>(answers.list());
              all.add(missing);
              return all;
            }))
            .compose(answers -> api.get("/auth/me", token).map(me -> Map.entry(answers, me))))
        .onComplete(ctx.succeeding(result -> ctx.verify(() -> {
          for (HttpResponse<Buffer> answer : result.getKey()) {
            assertThat(answer.statusCode()).as(answer.bodyAsString()).isEqualTo(400);
            assertThat(answer.bodyAsJsonObject().getString("detail")).contains("mode");
          }
          assertThat(result.getValue().bodyAsJsonObject().getString("mode")).isEqualTo("shame");
          ctx.completeNow();
        })));
  }

  @Test
  @DisplayName("PUT /api/mode and /api/anti-motivation-mode need a signed-in user (401)")
  void settingsNeedSignIn(VertxTestContext ctx) {
    Future.all(api.put("/api/mode", null, new JsonObject().put("mode", "toned")),
            api.put("/api/anti-motivation-mode", null, new JsonObject().put("anti_motivation_mode", true)))
        .onComplete(ctx.succeeding(answers -> ctx.verify(() -> {
          for (int i = 0; i < answers.size(); i++) {
            HttpResponse<Buffer> answer = answers.resultAt(i);
            assertThat(answer.statusCode()).isEqualTo(401);
            assertThat(answer.bodyAsJsonObject().getString("detail")).isNotBlank();
          }
          ctx.completeNow();
        })));
  }

  @Test
  @DisplayName("PUT /api/anti-motivation-mode sets the flag (true and false), refuses a non-boolean")
  void antiMotivationMode(VertxTestContext ctx) {
    api.devLogin(newEmail()).compose(token -> api.put("/api/anti-motivation-mode", token,
                new JsonObject().put("anti_motivation_mode", true))
            .compose(on -> api.put("/api/anti-motivation-mode", token,
                    new JsonObject().put("anti_motivation_mode", "yes"))
                .compose(bad -> api.get("/auth/me", token)
                    .compose(meOn -> api.put("/api/anti-motivation-mode", token,
                            new JsonObject().put("anti_motivation_mode", false))
                        .map(off -> List.of(on, bad, meOn, off))))))
        .onComplete(ctx.succeeding(answers -> ctx.verify(() -> {
          assertThat(answers.get(0).statusCode()).isEqualTo(200);
          assertThat(answers.get(0).bodyAsJsonObject().getBoolean("anti_motivation_mode")).isTrue();
          assertThat(answers.get(1).statusCode()).isEqualTo(400);
          assertThat(answers.get(1).bodyAsJsonObject().getString("detail")).contains("anti_motivation_mode");
          assertThat(answers.get(2).bodyAsJsonObject().getBoolean("anti_motivation_mode")).isTrue();
          assertThat(answers.get(3).bodyAsJsonObject().getBoolean("anti_motivation_mode")).isFalse();
          ctx.completeNow();
        })));
  }

  @Test
  @DisplayName("An upload stores the face model's gender guess; /auth/me shows it")
  void uploadStoresGender(VertxTestContext ctx) {
    api.devLogin(newEmail()).compose(token -> api.upload(token, "me.png",
                TestImages.resource(TestImages.ASTRONAUT), "image/png")
            .compose(upload -> api.get("/auth/me", token).map(me -> List.of(upload, me))))
        .onComplete(ctx.succeeding(answers -> ctx.verify(() -> {
          assertThat(answers.get(0).statusCode()).as(answers.get(0).bodyAsString()).isEqualTo(200);
          assertThat(answers.get(1).bodyAsJsonObject().getString("gender")).isIn("male", "female");
          ctx.completeNow();
        })));
  }

  @Test
  @DisplayName("POST /api/generate with no embedding name, for a selfie whose face was never found: face first, then the day's prompts for the user's mode")
  void generateFindsTheFaceFirst(Vertx vertx, VertxTestContext ctx) {
    String email = newEmail();
    api.devLogin(email).compose(token -> api.upload(token, "me.png", TestImages.resource(TestImages.ASTRONAUT),
                "image/png")
            // As the original leaves a selfie whose face it did not find: no embedding, no gender. Behind
            // the store's back, so before a change through it (a node's cache keeps the row a change returns).
            .compose(upload -> vertx.executeBlocking(() -> forgetFace(email)))
            .compose(forgotten -> api.put("/api/mode", token, new JsonObject().put("mode", "shame")))
            .compose(mode -> api.get("/auth/me", token)
                .compose(before -> api.post("/api/generate", token, new JsonObject().put("num_inference_steps", 20)
                        .put("seed", 7).put("ip_adapter_scale", 0.6))
                    .compose(generated -> api.get("/auth/me", token)
                        .map(after -> List.of(before, generated, after))))))
        .onComplete(ctx.succeeding(answers -> ctx.verify(() -> {
          JsonObject before = answers.get(0).bodyAsJsonObject();
          assertThat(before.getValue("selfie_embedding_filename")).isNull();
          HttpResponse<Buffer> generated = answers.get(1);
          assertThat(generated.statusCode()).as(generated.bodyAsString()).isEqualTo(200);
          JsonObject body = generated.bodyAsJsonObject();
          JsonObject after = answers.get(2).bodyAsJsonObject();
          assertThat(after.getString("selfie_embedding_filename")).endsWith(".npy");
          assertThat(after.getString("gender")).isIn("male", "female");
          assertThat(body.getString("embedding_filename")).isEqualTo(after.getString("selfie_embedding_filename"));
          assertThat(body.getString("mode")).isEqualTo("shame");
          assertThat(body.getString("person_prompt")).isNotBlank();
          assertThat(body.getString("background_prompt")).isNotBlank().isNotEqualTo(body.getString("person_prompt"));
          assertThat(body.getString("generated_filename")).endsWith(".png");
          assertThat(body.getString("message")).isEqualTo("Image generated successfully");
          ctx.completeNow();
        })));
  }

  private Future<Void> setMode(String token, String mode) {
    return api.put("/api/mode", token, new JsonObject().put("mode", mode)).compose(answer -> {
      if (answer.statusCode() != 200 || !mode.equals(answer.bodyAsJsonObject().getString("mode"))
          || !"Mode updated successfully".equals(answer.bodyAsJsonObject().getString("message"))) {
        return Future.failedFuture("PUT /api/mode " + mode + ": " + answer.statusCode() + " " + answer.bodyAsString());
      }
      return Future.succeededFuture();
    });
  }

  private Integer forgetFace(String email) throws SQLException {
    DatabaseConfig database = app.config().database();
    String url = database.isPostgres() ? TestPostgres.jdbcUrl(database) : "jdbc:sqlite:" + database.sqlitePath();
    try (Connection connection = DriverManager.getConnection(url);
         PreparedStatement forget = connection.prepareStatement(
             "UPDATE users SET selfie_embedding_filename = NULL, gender = NULL WHERE email = ?")) {
      forget.setString(1, email);
      return forget.executeUpdate();
    }
  }

  private static String newEmail() {
    return "mode-" + UUID.randomUUID() + "@motiv8.test";
  }
}
