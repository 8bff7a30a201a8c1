package ai.motiv8.cluster;

import ai.motiv8.Main;
import ai.motiv8.faces.FaceService;
import ai.motiv8.faces.TestImages;
import ai.motiv8.support.ApiClient;
import ai.motiv8.support.Polling;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.multipart.MultipartForm;
import io.vertx.junit5.Timeout;
import io.vertx.junit5.VertxExtension;
import io.vertx.junit5.VertxTestContext;
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
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Nodes as separate JVM processes next to a node in this JVM, clustered on loopback: a worker
 * process killed while it holds a request, and an api process sent SIGTERM during an upload.
 */
@ExtendWith(VertxExtension.class)
@Timeout(value = 180, timeUnit = TimeUnit.SECONDS)
class WorkerProcessTest {

  /** The member timeout of {@link ClusterNodes} (4 s), plus detection and a loaded machine's slack. */
  private static final long CRASH_NOTICED_MS = 15_000;

  @TempDir
  Path dir;

  ClusterNodes nodes;
  final List<ChildJvm> children = new ArrayList<>();

  @BeforeEach
  void cluster() {
    nodes = new ClusterNodes(dir);
  }

  @AfterEach
  void stopAll(VertxTestContext ctx) throws InterruptedException {
    for (ChildJvm child : children) {
      child.close();
    }
    nodes.closeAll().onComplete(ctx.succeedingThenComplete());
  }

  private ChildJvm child(String name, String role, int httpPort, String mainClass, String... args) throws IOException {
    ChildJvm child = ChildJvm.start(name, dir, nodes.processEnvironment(role, httpPort), mainClass, args);
    children.add(child);
    return child;
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

  /** Asks {@code uri} every 200 ms until it answers 200 (connection errors and 503s are retried). */
  private static Future<Void> untilOk(Vertx vertx, ApiClient api, String uri, long deadlineMs) {
    return api.get(uri, null).transform(answer -> {
      if (answer.succeeded() && answer.result().statusCode() == 200) {
        return Future.succeededFuture();
      }
      if (System.currentTimeMillis() > deadlineMs) {
        return Future.failedFuture(new AssertionError(uri + " not ready: "
            + (answer.succeeded() ? answer.result().bodyAsString() : answer.cause().getMessage())));
      }
      Promise<Void> retry = Promise.promise();
      vertx.setTimer(200, id -> untilOk(vertx, api, uri, deadlineMs).onComplete(retry));
      return retry.future();
    });
  }

  /** Opens a new connection every 100 ms until one is refused, while the upload in flight is still held. */
  private static Future<Void> untilRefused(Vertx vertx, int port, long deadlineMs) {
    return new ApiClient(vertx, port).get("/", null).transform(fresh -> {
      if (fresh.failed()) {
        return Future.succeededFuture();
      }
      if (System.currentTimeMillis() > deadlineMs) {
        return Future.failedFuture(new AssertionError("still accepting: " + fresh.result().statusCode()));
      }
      Promise<Void> retry = Promise.promise();
      vertx.setTimer(100, id -> untilRefused(vertx, port, deadlineMs).onComplete(retry));
      return retry.future();
    });
  }

  /** Asks the cluster every 200 ms until some node serves face analysis. */
  private static Future<Void> untilWorkers(Vertx vertx, WorkerRouter router, long deadlineMs) {
    return router.workerNodes(FaceService.ADDRESS).transform(nodes -> {
      if (nodes.succeeded() && !nodes.result().isEmpty()) {
        return Future.succeededFuture();
      }
      if (System.currentTimeMillis() > deadlineMs) {
        return Future.failedFuture(new AssertionError("no face-analysis worker joined"));
      }
      Promise<Void> retry = Promise.promise();
      vertx.setTimer(200, id -> untilWorkers(vertx, router, deadlineMs).onComplete(retry));
      return retry.future();
    });
  }

  private static long deadline(long seconds) {
    return System.currentTimeMillis() + TimeUnit.SECONDS.toMillis(seconds);
  }

  @Test
  @DisplayName("A worker process killed (SIGKILL) while it holds the upload makes the API answer 503 within seconds; a new worker process serves the next one")
  void killedWorkerProcess(Vertx vertx, VertxTestContext ctx) throws IOException {
    ChildJvm stalled = child("stalled-worker", "worker", ClusterNodes.freePort(), StalledWorkerMain.class.getName());
    long[] killedAt = new long[1];
    nodes.start("api").compose(api -> {
      ApiClient client = new ApiClient(vertx, api.httpPort());
      WorkerRouter router = WorkerRouter.create(api.vertx());
      // Not /readiness: the stand-in serves face analysis only, so generation keeps the node unready.
      return Polling.until(vertx, () -> stalled.printed(StalledWorkerMain.READY), 60_000)
          .compose(v -> untilWorkers(vertx, router, deadline(30)))
          .onComplete(done -> router.close())
          .compose(v -> client.devLogin("process-" + UUID.randomUUID() + "@example.org"))
          .compose(token -> {
            Future<HttpResponse<Buffer>> held = upload(client, token);
            return Polling.until(vertx, () -> stalled.printed(StalledWorkerMain.CALLED), 10_000)
                .compose(v -> {
                  killedAt[0] = System.nanoTime();
                  stalled.kill();
                  return held;
                })
                .compose(answer -> {
                  long tookMs = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - killedAt[0]);
                  ctx.verify(() -> {
                    assertThat(answer.statusCode()).as(answer.bodyAsString()).isEqualTo(503);
                    assertThat(answer.bodyAsJsonObject().getString("detail")).isEqualTo(WorkerRouter.WORKER_LEFT);
                    assertThat(tookMs).isLessThan(CRASH_NOTICED_MS);
                  });
                  ChildJvm worker;
                  try {
                    worker = child("worker", "worker", ClusterNodes.freePort(), Main.class.getName(), "serve");
                  } catch (IOException e) {
                    return Future.failedFuture(e);
                  }
                  return untilOk(vertx, client, "/readiness", deadline(90))
                      .compose(v -> upload(client, token))
                      .map(again -> {
                        ctx.verify(() -> assertThat(worker.alive()).isTrue());
                        return again;
                      });
                });
          });
    }).onComplete(ctx.succeeding(again -> ctx.verify(() -> {
      assertThat(again.statusCode()).as(again.bodyAsString()).isEqualTo(200);
      assertThat(again.bodyAsJsonObject().getInteger("num_faces")).isEqualTo(1);
      ctx.completeNow();
    })));
  }

  @Test
  @DisplayName("An api process sent SIGTERM during an upload refuses new connections, answers the upload 200, then exits")
  void sigtermDuringUpload(Vertx vertx, VertxTestContext ctx) throws IOException {
    int apiPort = ClusterNodes.freePort();
    ChildJvm apiProcess = child("api", "api", apiPort, Main.class.getName(), "serve");
    ApiClient client = new ApiClient(vertx, apiPort);
    Promise<Void> release = Promise.promise();
    AtomicInteger held = new AtomicInteger();
    nodes.start("worker").compose(worker -> {
      // Face analyses wait at this worker's door until the api process has been told to stop.
      worker.vertx().eventBus().addInboundInterceptor(delivery -> {
        if (FaceService.ADDRESS.equals(delivery.message().address())) {
          held.incrementAndGet();
          release.future().onComplete(v -> delivery.next());
        } else {
          delivery.next();
        }
      });
      return untilOk(vertx, client, "/readiness", deadline(90));
    }).compose(v -> client.devLogin("sigterm-" + UUID.randomUUID() + "@example.org")).compose(token -> {
      Future<HttpResponse<Buffer>> inFlight = upload(client, token);
      return Polling.until(vertx, () -> held.get() == 1, 10_000)
          .compose(v -> {
            apiProcess.terminate();
            return Polling.until(vertx, () -> apiProcess.printed("Stopping: no new requests"), 10_000)
                .onFailure(e -> System.out.println("after SIGTERM: " + apiProcess.describe()));
          })
          // The log line comes as the HTTP server is told to stop; its socket closes a moment later.
          .compose(v -> untilRefused(vertx, apiPort, deadline(10)))
          .transform(refused -> {
            ctx.verify(() -> assertThat(refused.succeeded()).as("a new connection while stopping is refused").isTrue());
            release.complete();
            return inFlight;
          });
    }).compose(answer -> Polling.until(vertx, () -> !apiProcess.alive(), 30_000).map(answer))
        .onComplete(ctx.succeeding(answer -> ctx.verify(() -> {
          assertThat(answer.statusCode()).as(answer.bodyAsString()).isEqualTo(200);
          assertThat(answer.bodyAsJsonObject().getString("message")).isEqualTo("Selfie uploaded successfully");
          assertThat(apiProcess.printed("Stopped HTTP API")).isTrue();
          ctx.completeNow();
        })));
  }
}
