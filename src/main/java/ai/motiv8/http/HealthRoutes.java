package ai.motiv8.http;

import ai.motiv8.cluster.WorkerRouter;
import ai.motiv8.common.NodeState;
import ai.motiv8.config.AppConfig;
import ai.motiv8.config.AppConfig.Role;
import ai.motiv8.faces.FaceService;
import ai.motiv8.generation.GenerationService;
import ai.motiv8.mail.MailService;
import ai.motiv8.metrics.AppMetrics;
import ai.motiv8.storage.BlobStore;
import ai.motiv8.users.UserStore;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.internal.VertxInternal;
import io.vertx.core.json.JsonObject;
import io.vertx.core.spi.cluster.ClusterManager;
import io.vertx.ext.healthchecks.HealthChecks;
import io.vertx.ext.healthchecks.Status;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.healthchecks.HealthCheckHandler;
import io.vertx.micrometer.PrometheusScrapingHandler;

import java.lang.management.ManagementFactory;
import java.util.List;

/**
 * Operations endpoints, on every node (the API's server, or a worker's small one):
 * <ul>
 *   <li>{@code /health}: liveness. 200 {@code {"status":"UP","checks":[{"id":"process",...}]}} as
 *       long as the process answers; dependencies never make it fail, so an orchestrator does not
 *       restart a healthy process because the database is down.</li>
 *   <li>{@code /readiness}: whether this node should get traffic. Each check reported; 503 when any
 *       is down: database, storage, mail and workers (face analysis, generation) on api nodes;
 *       storage and loaded models on worker nodes, with database and mail where the worker runs the
 *       batch scheduler; cluster membership when clustered; and a stopping node is never ready.
 *       A worker configured for the diffusion engine whose pack is missing stays ready (it makes
 *       posters); its {@code models} check says {@code engine poster} and names the missing pack
 *       file in {@code generationProblem}.</li>
 *   <li>{@code /metrics}: Prometheus text format, when {@code metrics.enabled}.</li>
 * </ul>
 */
public final class HealthRoutes {

  private static final long CHECK_TIMEOUT_MS = 3000;

  private final Vertx vertx;
  private final AppConfig config;
  private final BlobStore store;
  private final WorkerRouter workers;

  public HealthRoutes(Vertx vertx, AppConfig config, BlobStore store, WorkerRouter workers) {
    this.vertx = vertx;
    this.config = config;
    this.store = store;
    this.workers = workers;
  }

  public void mount(Router router) {
    router.get("/health").handler(HealthCheckHandler.createWithHealthChecks(liveness()));
    router.get("/readiness").handler(HealthCheckHandler.createWithHealthChecks(readiness()));
    if (config.metrics().enabled()) {
      router.get("/metrics").handler(PrometheusScrapingHandler.create(AppMetrics.registry()));
    }
  }

  private HealthChecks liveness() {
    HealthChecks checks = HealthChecks.create(vertx);
    checks.register("process", promise -> promise.complete(Status.OK(new JsonObject()
        .put("roles", AppConfig.Role.describe(config.roles()))
        .put("uptimeSeconds", ManagementFactory.getRuntimeMXBean().getUptime() / 1000)
        .put("stopping", NodeState.isStopping(vertx)))));
    return checks;
  }

  private HealthChecks readiness() {
    HealthChecks checks = HealthChecks.create(vertx);
    checks.register("shutdown", promise -> promise.complete(NodeState.isStopping(vertx)
        ? Status.KO(new JsonObject().put("stopping", true)) : Status.OK()));
    if (config.needsDatabaseAndMail()) {
      UserStore users = UserStore.createProxy(vertx);
      checks.register("database", CHECK_TIMEOUT_MS, promise -> report(users.ping(), config.database().describe())
          .onComplete(promise));
    }
    checks.register("storage", CHECK_TIMEOUT_MS, promise -> report(store.ping(),
        config.storage().isS3() ? "s3://" + config.storage().s3Bucket() : "local").onComplete(promise));
    if (config.needsDatabaseAndMail()) {
      MailService mail = MailService.createProxy(vertx);
      checks.register("mail", CHECK_TIMEOUT_MS, promise -> mail.status()
          .map(Status::OK)
          .otherwise(error -> Status.KO(new JsonObject().put("error", String.valueOf(error.getMessage()))))
          .onComplete(promise));
    }
    if (config.runs(Role.API)) {
      checks.register("workers", CHECK_TIMEOUT_MS, promise -> workerNodes()
          .otherwise(error -> Status.KO(new JsonObject().put("error", String.valueOf(error.getMessage()))))
          .onComplete(promise));
    }
    if (config.runs(Role.WORKER)) {
      checks.register("models", promise -> {
        String faces = NodeState.serving(vertx, FaceService.ADDRESS);
        String generation = NodeState.serving(vertx, GenerationService.ADDRESS);
        JsonObject data = new JsonObject().put("faces", faces).put("generation", generation);
        String generationProblem = NodeState.problem(vertx, GenerationService.ADDRESS);
        if (generationProblem != null) {
          // Still ready: the fallback engine makes images. The problem is shown for operators to fix.
          data.put("generationProblem", generationProblem);
        }
        promise.complete(faces != null && generation != null ? Status.OK(data)
            : Status.KO(data.put("error", faces == null ? "face pack not loaded" : "generation engine not loaded")));
      });
    }
    if (vertx.isClustered()) {
      ClusterManager cluster = ((VertxInternal) vertx).clusterManager();
      checks.register("cluster", promise -> promise.complete(cluster.isActive()
          ? Status.OK(new JsonObject().put("name", config.cluster().name()).put("node", cluster.getNodeId())
              .put("members", cluster.getNodes().size()))
          : Status.KO(new JsonObject().put("name", config.cluster().name()).put("error", "not a cluster member"))));
    }
    return checks;
  }

  /** How many nodes serve face analysis and generation; down when either has none. */
  private Future<Status> workerNodes() {
    Future<Integer> faces = workers.workerNodes(FaceService.ADDRESS).map(List::size);
    Future<Integer> generation = workers.workerNodes(GenerationService.ADDRESS).map(List::size);
    return Future.all(faces, generation).map(both -> {
      JsonObject data = new JsonObject().put("faceAnalysis", faces.result()).put("generation", generation.result());
      if (faces.result() == 0) {
        return Status.KO(data.put("error", "no face-analysis worker is up"));
      }
      return generation.result() == 0 ? Status.KO(data.put("error", "no generation worker is up")) : Status.OK(data);
    });
  }

  private static Future<Status> report(Future<Void> check, String target) {
    return check.map(v -> Status.OK(new JsonObject().put("target", target)))
        .otherwise(error -> Status.KO(new JsonObject().put("target", target)
            .put("error", String.valueOf(error.getMessage()))));
  }
}
