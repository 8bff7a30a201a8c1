package ai.motiv8.cluster;

import ai.motiv8.VertxFactory;
import ai.motiv8.config.AppConfig;
import ai.motiv8.config.ConfigLoader;
import ai.motiv8.faces.FaceAnalysis;
import ai.motiv8.faces.FaceService;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.serviceproxy.ServiceBinder;

import java.util.List;
import java.util.Map;

/**
 * A worker node, as a process of its own, that accepts face analyses and never answers (a job
 * stuck on a long model run), so that a test can kill it while it holds a request. Configured by
 * the environment like {@code motiv8 serve}; prints {@value #READY} once reachable and
 * {@value #CALLED} for each request it accepts.
 */
public final class StalledWorkerMain {

  static final String READY = "STALLED_WORKER_READY";
  static final String CALLED = "STALLED_WORKER_CALLED";

  private StalledWorkerMain() {
  }

  public static void main(String[] args) throws Exception {
    AppConfig config = ConfigLoader.forProcess().load(null, Map.of());
    Vertx vertx = VertxFactory.create(config).toCompletionStage().toCompletableFuture().get();
    new ServiceBinder(vertx).setAddress(FaceService.ADDRESS).register(FaceService.class, new FaceService() {
      @Override
      public Future<FaceAnalysis> analyze(String imageKey, String embeddingKey) {
        System.out.println(CALLED + " " + imageKey);
        return Promise.<FaceAnalysis>promise().future();
      }

      @Override
      public Future<FaceAnalysis> detect(String imageKey) {
        return analyze(imageKey, null);
      }
    });
    vertx.deployVerticle(new WorkerRelayVerticle(List.of(FaceService.ADDRESS), 600_000, 1000))
        .toCompletionStage().toCompletableFuture().get();
    System.out.println(READY);
  }
}
