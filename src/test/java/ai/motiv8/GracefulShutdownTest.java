package ai.motiv8;

import ai.motiv8.common.NodeState;
import ai.motiv8.config.AppConfig;
import ai.motiv8.faces.FaceService;
import ai.motiv8.faces.TestImages;
import ai.motiv8.support.ApiClient;
import ai.motiv8.support.Polling;
import ai.motiv8.support.TestConfigs;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.multipart.MultipartForm;
import io.vertx.junit5.Timeout;
import io.vertx.junit5.VertxExtension;
import io.vertx.junit5.VertxTestContext;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/** {@link Application#shutdown()}: what SIGTERM runs before Vert.x closes. */
@ExtendWith(VertxExtension.class)
@Timeout(value = 60, timeUnit = TimeUnit.SECONDS)
class GracefulShutdownTest {

  @TempDir
  Path dir;

  private Future<HttpResponse<Buffer>> upload(ApiClient api, String token) {
    Path file = dir.resolve("client-" + UUID.randomUUID() + ".png");
    try {
      Files.write(file, TestImages.resource(TestImages.ASTRONAUT));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return api.request(HttpMethod.POST, "/api/upload", token)
        .sendMultipartForm(MultipartForm.create().binaryFileUpload("file", "me.png", file.toString(), "image/png"));
  }

  /** Asks a fresh connection for {@code /} until the server refuses it (or gives up after {@code deadlineMs}). */
  private static Future<Void> refusedWithin(Vertx vertx, int port, long deadlineMs) {
    ApiClient fresh = new ApiClient(vertx, port);
    return fresh.get("/", null).transform(answered -> {
      fresh.raw().close();
      if (answered.failed()) {
        return Future.succeededFuture();
      }
      if (System.currentTimeMillis() > deadlineMs) {
        return Future.failedFuture(new AssertionError("still accepting new connections"));
      }
      Promise<Void> retry = Promise.promise();
      vertx.setTimer(50, id -> refusedWithin(vertx, port, deadlineMs).onComplete(retry));
      return retry.future();
    });
  }

  private static long filesIn(Path folder) {
    if (!Files.isDirectory(folder)) {
      return 0;
    }
    try (Stream<Path> files = Files.walk(folder)) {
      return files.filter(Files::isRegularFile).count();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Test
  @DisplayName("An upload in flight when shutdown starts is answered 200; new connections are refused meanwhile; no temp file is left")
  void inFlightUploadCompletes(Vertx vertx, VertxTestContext ctx) {
    AppConfig config = TestConfigs.local(dir, Map.of("SHUTDOWN_GRACE_SECONDS", "20"));
    // Holds face-analysis requests at the worker's door until the test lets them in.
    Promise<Void> release = Promise.promise();
    AtomicInteger held = new AtomicInteger();
    vertx.eventBus().addInboundInterceptor(delivery -> {
      if (FaceService.ADDRESS.equals(delivery.message().address())) {
        held.incrementAndGet();
        release.future().onComplete(v -> delivery.next());
      } else {
        delivery.next();
      }
    });
    long[] shutdownStarted = new long[1];
    Application.deploy(vertx, config).compose(app -> {
      ApiClient api = new ApiClient(vertx, app.httpPort());
      return api.devLogin("stopping-" + UUID.randomUUID() + "@example.org").compose(token -> {
        Future<HttpResponse<Buffer>> inFlight = upload(api, token);
        return Polling.until(vertx, () -> held.get() == 1, 10_000)
            .compose(v -> {
              shutdownStarted[0] = System.nanoTime();
              Future<Void> stopped = app.shutdown();
              return refusedWithin(vertx, app.httpPort(), System.currentTimeMillis() + 5000)
                  .compose(refused -> {
                    ctx.verify(() -> assertThat(stopped.isComplete()).as("shutdown waits for the upload").isFalse());
                    release.complete();
                    return inFlight;
                  })
                  .compose(answer -> stopped.map(answer));
            })
            .map(answer -> {
              ctx.verify(() -> {
                assertThat(answer.statusCode()).as(answer.bodyAsString()).isEqualTo(200);
                assertThat(answer.bodyAsJsonObject().getString("message")).isEqualTo("Selfie uploaded successfully");
                assertThat(TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - shutdownStarted[0]))
                    .as("finished well within the grace period").isLessThan(20);
                assertThat(filesIn(config.storage().tempDir())).isZero();
                String embedding = answer.bodyAsJsonObject().getString("embedding_filename");
                assertThat(config.storage().dataDir().resolve("embeddings").resolve(embedding)).isRegularFile();
              });
              return answer;
            });
      });
    }).onComplete(ctx.succeedingThenComplete());
  }

  @Test
  @DisplayName("A stopping node answers /readiness 503 with the shutdown check down, while /health stays 200")
  void stoppingNodeIsNotReady(Vertx vertx, VertxTestContext ctx) {
    Application.deploy(vertx, TestConfigs.local(dir)).compose(app -> {
      ApiClient api = new ApiClient(vertx, app.httpPort());
      return api.get("/readiness", null).compose(ready -> {
        ctx.verify(() -> assertThat(ready.statusCode()).as(ready.bodyAsString()).isEqualTo(200));
        NodeState.markStopping(vertx);
        return api.get("/readiness", null);
      }).compose(notReady -> api.get("/health", null).map(alive -> new HttpResponse[]{notReady, alive}));
    }).onComplete(ctx.succeeding(answers -> ctx.verify(() -> {
      HttpResponse<?> notReady = answers[0];
      HttpResponse<?> alive = answers[1];
      assertThat(notReady.statusCode()).isEqualTo(503);
      JsonObject shutdownCheck = notReady.bodyAsJsonObject().getJsonArray("checks").stream()
          .map(JsonObject.class::cast).filter(check -> "shutdown".equals(check.getString("id"))).findFirst().orElseThrow();
      assertThat(shutdownCheck.getString("status")).isEqualTo("DOWN");
      assertThat(alive.statusCode()).isEqualTo(200);
      assertThat(alive.bodyAsJsonObject().getString("status")).isEqualTo("UP");
      ctx.completeNow();
    })));
  }
}
