package ai.motiv8.cluster;

import ai.motiv8.Application;
import ai.motiv8.faces.FaceAnalysis;
import ai.motiv8.faces.FaceService;
import ai.motiv8.faces.TestImages;
import ai.motiv8.support.ApiClient;
import ai.motiv8.support.Polling;
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
import io.vertx.serviceproxy.ServiceException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * An api node and worker nodes joined by the clustered event bus (Hazelcast on loopback, several
 * Vert.x instances in this JVM): uploads are analysed on whichever worker is up, and a worker that
 * leaves makes the API answer 503 at once instead of waiting for the event-bus timeout.
 */
@ExtendWith(VertxExtension.class)
@Timeout(value = 120, timeUnit = TimeUnit.SECONDS)
class ClusterFailoverTest {

  /** Far below the 35 s the API would wait for a worker that never answers. */
  private static final long FAST_MS = 5000;

  @TempDir
  Path dir;

  ClusterNodes nodes;

  @BeforeEach
  void cluster() {
    nodes = new ClusterNodes(dir);
  }

  @AfterEach
  void closeNodes(VertxTestContext ctx) {
    nodes.closeAll().onComplete(ctx.succeedingThenComplete());
  }

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

  private static String email() {
    return "cluster-" + UUID.randomUUID() + "@example.org";
  }

  private static boolean embeddingStored(Application app, HttpResponse<Buffer> response) {
    String name = response.bodyAsJsonObject().getString("embedding_filename");
    return Files.isRegularFile(app.config().storage().dataDir().resolve("embeddings").resolve(name));
  }

  @Test
  @DisplayName("Upload and generate on the api node run on the worker node; with the worker gone an upload is 503 at once; a new worker serves it again")
  void uploadThroughTheWorkerNode(Vertx vertx, VertxTestContext ctx) {
    long[] closedAt = new long[1];
    nodes.start("api").compose(api -> nodes.start("worker").compose(worker -> {
      ApiClient client = new ApiClient(vertx, api.httpPort());
      return client.devLogin(email()).compose(token -> upload(client, token)
          .compose(first -> {
            ctx.verify(() -> {
              assertThat(first.statusCode()).as(first.bodyAsString()).isEqualTo(200);
              assertThat(first.bodyAsJsonObject().getInteger("num_faces")).isEqualTo(1);
              assertThat(embeddingStored(api, first)).isTrue();
            });
            return client.post("/api/generate", token, new JsonObject()
                .put("embedding_filename", first.bodyAsJsonObject().getString("embedding_filename")));
          })
          .compose(generated -> {
            ctx.verify(() -> {
              assertThat(generated.statusCode()).as(generated.bodyAsString()).isEqualTo(200);
              String name = generated.bodyAsJsonObject().getString("generated_filename");
              assertThat(api.config().storage().dataDir().resolve("generated").resolve(name)).isRegularFile();
            });
            closedAt[0] = System.nanoTime();
            return worker.vertx().close();
          })
          .compose(v -> upload(client, token))
          .compose(withoutWorker -> {
            long tookMs = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - closedAt[0]);
            ctx.verify(() -> {
              assertThat(withoutWorker.statusCode()).as(withoutWorker.bodyAsString()).isEqualTo(503);
              assertThat(withoutWorker.bodyAsJsonObject().getString("detail")).isEqualTo(WorkerRouter.NO_WORKER);
              assertThat(tookMs).isLessThan(FAST_MS);
            });
            return client.get("/readiness", null);
          })
          .compose(notReady -> {
            ctx.verify(() -> {
              assertThat(notReady.statusCode()).isEqualTo(503);
              assertThat(notReady.bodyAsString()).contains("no face-analysis worker is up");
            });
            return nodes.start("worker");
          })
          .compose(newWorker -> upload(client, token))
          .onComplete(ctx.succeeding(again -> ctx.verify(() -> {
            assertThat(again.statusCode()).as(again.bodyAsString()).isEqualTo(200);
            assertThat(again.bodyAsJsonObject().getBoolean("is_update")).isTrue();
            ctx.completeNow();
          }))));
    })).onFailure(ctx::failNow);
  }

  @Test
  @DisplayName("A worker that leaves while it holds the request makes the upload answer 503 within seconds, not after the timeout")
  void workerLeavingMidRequest(Vertx vertx, VertxTestContext ctx) {
    StalledFaces stalled = new StalledFaces();
    long[] closedAt = new long[1];
    nodes.start("api").compose(api -> nodes.startWorkerWith(stalled).compose(worker -> {
      ApiClient client = new ApiClient(vertx, api.httpPort());
      return client.devLogin(email()).compose(token -> {
        Future<HttpResponse<Buffer>> pending = upload(client, token);
        return Polling.until(vertx, () -> stalled.calls.get() > 0, 10_000)
            .compose(v -> {
              closedAt[0] = System.nanoTime();
              return worker.close();
            })
            .compose(v -> pending);
      });
    })).onComplete(ctx.succeeding(response -> ctx.verify(() -> {
      long tookMs = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - closedAt[0]);
      assertThat(response.statusCode()).as(response.bodyAsString()).isEqualTo(503);
      assertThat(response.getHeader("Content-Type")).startsWith("application/json");
      assertThat(response.bodyAsJsonObject().getString("detail")).isEqualTo(WorkerRouter.WORKER_LEFT);
      assertThat(tookMs).isLessThan(FAST_MS);
      assertThat(stalled.calls.get()).isEqualTo(1);
      ctx.completeNow();
    })));
  }

  @Test
  @DisplayName("A worker that refuses a request as busy (503) is not the end: the request is sent once more to another worker")
  void busyWorkerIsRetriedOnAnother(Vertx vertx, VertxTestContext ctx) {
    BusyFaces busy = new BusyFaces();
    nodes.start("api").compose(api -> nodes.start("worker")
        .compose(worker -> nodes.startWorkerWith(busy))
        .compose(busyWorker -> {
          ApiClient client = new ApiClient(vertx, api.httpPort());
          return client.devLogin(email()).compose(token -> upload(client, token)
              .compose(first -> upload(client, token).map(second -> new HttpResponse[]{first, second})));
        }))
        .onComplete(ctx.succeeding(responses -> ctx.verify(() -> {
          for (HttpResponse<?> response : responses) {
            assertThat(response.statusCode()).as(response.bodyAsString()).isEqualTo(200);
          }
          // Round robin over two workers: one of the two uploads went to the busy one first.
          assertThat(busy.calls.get()).isGreaterThanOrEqualTo(1);
          ctx.completeNow();
        })));
  }

  /** Accepts every request and never answers, like a worker stuck on a long job. */
  static final class StalledFaces implements FaceService {
    final AtomicInteger calls = new AtomicInteger();

    @Override
    public Future<FaceAnalysis> analyze(String imageKey, String embeddingKey) {
      calls.incrementAndGet();
      return Promise.<FaceAnalysis>promise().future();
    }

    @Override
    public Future<FaceAnalysis> detect(String imageKey) {
      return analyze(imageKey, null);
    }
  }

  /** Refuses every request as a worker at its concurrency limit does. */
  static final class BusyFaces implements FaceService {
    final AtomicInteger calls = new AtomicInteger();

    @Override
    public Future<FaceAnalysis> analyze(String imageKey, String embeddingKey) {
      calls.incrementAndGet();
      return Future.failedFuture(new ServiceException(FaceService.UNAVAILABLE, "Too many analyses at once"));
    }

    @Override
    public Future<FaceAnalysis> detect(String imageKey) {
      return analyze(imageKey, null);
    }
  }
}
