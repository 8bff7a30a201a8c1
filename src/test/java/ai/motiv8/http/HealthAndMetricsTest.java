package ai.motiv8.http;

import ai.motiv8.Application;
import ai.motiv8.VertxFactory;
import ai.motiv8.config.AppConfig;
import ai.motiv8.faces.TestImages;
import ai.motiv8.mail.MailService;
import ai.motiv8.mail.MotivationMail;
import ai.motiv8.storage.StorageKeys;
import ai.motiv8.support.ApiClient;
import ai.motiv8.support.TestConfigs;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.multipart.MultipartForm;
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
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code /health} (liveness), {@code /readiness} and {@code /metrics} on a node started as {@code serve} starts it. */
@ExtendWith(VertxExtension.class)
@Timeout(value = 60, timeUnit = TimeUnit.SECONDS)
class HealthAndMetricsTest {

  @TempDir
  static Path dir;

  static Vertx node;
  static Application app;
  static ApiClient api;

  @BeforeAll
  static void start(VertxTestContext ctx) {
    AppConfig config = TestConfigs.local(dir);
    VertxFactory.create(config)
        .compose(vertx -> {
          node = vertx;
          return Application.deploy(vertx, config);
        })
        .onComplete(ctx.succeeding(started -> {
          app = started;
          api = new ApiClient(node, started.httpPort());
          ctx.completeNow();
        }));
  }

  @AfterAll
  static void stop(VertxTestContext ctx) {
    node.close().onComplete(ctx.succeedingThenComplete());
  }

  private static Map<String, String> statuses(HttpResponse<Buffer> response) {
    JsonArray checks = response.bodyAsJsonObject().getJsonArray("checks");
    return checks.stream().map(JsonObject.class::cast)
        .collect(Collectors.toMap(check -> check.getString("id"), check -> check.getString("status")));
  }

  @Test
  @DisplayName("/health is liveness: 200, status UP, one process check")
  void liveness(VertxTestContext ctx) {
    api.get("/health", null).onComplete(ctx.succeeding(health -> ctx.verify(() -> {
      assertThat(health.statusCode()).isEqualTo(200);
      assertThat(health.bodyAsJsonObject().getString("status")).isEqualTo("UP");
      assertThat(statuses(health)).isEqualTo(Map.of("process", "UP"));
      ctx.completeNow();
    })));
  }

  @Test
  @DisplayName("/readiness of a node with every role reports database, storage, mail, workers, models and shutdown, each UP")
  void readiness(VertxTestContext ctx) {
    api.get("/readiness", null).onComplete(ctx.succeeding(ready -> ctx.verify(() -> {
      assertThat(ready.statusCode()).as(ready.bodyAsString()).isEqualTo(200);
      assertThat(statuses(ready)).isEqualTo(Map.of("shutdown", "UP", "database", "UP", "storage", "UP",
          "mail", "UP", "workers", "UP", "models", "UP"));
      ctx.completeNow();
    })));
  }

  @Test
  @DisplayName("/metrics shows HTTP latency per route, event-bus request latency per address, ONNX time per model and mail outcomes")
  void prometheusMetrics(VertxTestContext ctx) {
    String imageKey = StorageKeys.generated("metrics-" + UUID.randomUUID() + ".png");
    Path photo = dir.resolve("photo-" + UUID.randomUUID() + ".png");
    node.fileSystem().writeFile(photo.toString(), Buffer.buffer(TestImages.resource(TestImages.ASTRONAUT)))
        .compose(v -> api.devLogin("metrics-" + UUID.randomUUID() + "@example.org"))
        .compose(token -> api.request(HttpMethod.POST, "/api/upload", token).sendMultipartForm(
            MultipartForm.create().binaryFileUpload("file", "me.png", photo.toString(), "image/png")))
        .compose(uploaded -> {
          ctx.verify(() -> assertThat(uploaded.statusCode()).as(uploaded.bodyAsString()).isEqualTo(200));
          return app.blobStore().putBytes(imageKey, Buffer.buffer(TestImages.resource(TestImages.ASTRONAUT)), "image/png");
        })
        .compose(v -> MailService.createProxy(node).sendMotivation(
            new MotivationMail("metrics@example.org", "2025-01-06", imageKey, UUID.randomUUID().toString())))
        .compose(mailed -> api.get("/metrics", null))
        .onComplete(ctx.succeeding(metrics -> ctx.verify(() -> {
          assertThat(metrics.statusCode()).isEqualTo(200);
          String text = metrics.bodyAsString();
          assertThat(text).contains("vertx_http_server_response_time_seconds_bucket")
              .containsPattern("vertx_http_server_response_time_seconds_count\\{[^}]*route=\"/api/upload\"")
              .containsPattern("motiv8_eventbus_request_seconds_count\\{address=\"motiv8.users\",outcome=\"success\"}")
              .containsPattern("motiv8_eventbus_request_seconds_count\\{address=\"motiv8.faces\",outcome=\"success\"}")
              .containsPattern("motiv8_onnx_run_seconds_count\\{model=\"default/detect\"}")
              .containsPattern("motiv8_onnx_run_seconds_count\\{model=\"default/[^\"]+\"}")
              .containsPattern("motiv8_mail_total\\{outcome=\"outbox\",transport=\"outbox\"}");
          ctx.completeNow();
        })));
  }

  @Test
  @DisplayName("A worker-only node serves health, readiness (storage and models, no database) and metrics, and no API")
  void workerNodeServesOnlyOperations(Vertx vertx, VertxTestContext ctx) {
    Path workerDir = dir.resolve("worker-" + UUID.randomUUID());
    AppConfig config = TestConfigs.local(workerDir, Map.of("MOTIV8_ROLE", "worker"));
    Application.deploy(vertx, config).compose(worker -> {
      ApiClient ops = new ApiClient(vertx, worker.httpPort());
      return ops.get("/readiness", null).compose(ready -> ops.get("/api/hello", null)
          .compose(hello -> ops.get("/metrics", null).map(metrics -> new HttpResponse[]{ready, hello, metrics})));
    }).onComplete(ctx.succeeding(answers -> ctx.verify(() -> {
      @SuppressWarnings("unchecked")
      HttpResponse<Buffer> ready = answers[0];
      assertThat(ready.statusCode()).as(ready.bodyAsString()).isEqualTo(200);
      assertThat(statuses(ready).keySet()).isEqualTo(Set.of("shutdown", "storage", "models"));
      assertThat(answers[1].statusCode()).isEqualTo(404);
      assertThat(answers[2].statusCode()).isEqualTo(200);
      ctx.completeNow();
    })));
  }

  @Test
  @DisplayName("A worker node that runs the batch scheduler also reports its database and mail in /readiness")
  void batchWorkerReportsDatabaseAndMail(Vertx vertx, VertxTestContext ctx) {
    Path workerDir = dir.resolve("batch-worker-" + UUID.randomUUID());
    AppConfig config = TestConfigs.local(workerDir, Map.of("MOTIV8_ROLE", "worker", "BATCH_ENABLED", "true",
        "BATCH_TIME", "23:59"));
    Application.deploy(vertx, config)
        .compose(worker -> new ApiClient(vertx, worker.httpPort()).get("/readiness", null))
        .onComplete(ctx.succeeding(ready -> ctx.verify(() -> {
          assertThat(ready.statusCode()).as(ready.bodyAsString()).isEqualTo(200);
          assertThat(statuses(ready)).isEqualTo(Map.of("shutdown", "UP", "storage", "UP", "models", "UP",
              "database", "UP", "mail", "UP"));
          ctx.completeNow();
        })));
  }
}
