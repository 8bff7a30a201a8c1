package ai.motiv8.http;

import ai.motiv8.cluster.WorkerRouter;
import ai.motiv8.common.ApiException;
import ai.motiv8.config.AppConfig;
import ai.motiv8.storage.BlobStore;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.ext.web.Router;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.concurrent.TimeUnit;

/**
 * The HTTP server of a node without the API (a {@code worker}): only {@code /health},
 * {@code /readiness} and {@code /metrics} ({@link HealthRoutes}), on {@code http.host}:{@code http.port},
 * so that orchestrators and Prometheus see workers like any other node.
 */
public final class OpsVerticle extends VerticleBase {

  private static final Logger log = LoggerFactory.getLogger(OpsVerticle.class);

  private final AppConfig config;
  private final BlobStore store;
  private WorkerRouter workers;
  private HttpServer server;

  public OpsVerticle(AppConfig config, BlobStore store) {
    this.config = config;
    this.store = store;
  }

  @Override
  public Future<?> start() {
    workers = WorkerRouter.create(vertx);
    Router router = Router.router(vertx);
    new HealthRoutes(vertx, config, store, workers).mount(router);
    router.route().last().handler(ctx -> ctx.fail(ApiException.notFound("Not Found")));
    router.route().failureHandler(new FailureHandler());
    return vertx.createHttpServer(new HttpServerOptions().setHost(config.http().host()).setPort(config.http().port()))
        .requestHandler(router)
        .listen()
        .onSuccess(listening -> {
          server = listening;
          log.info("Health and metrics listening on {}:{}", config.http().host(), listening.actualPort());
        });
  }

  @Override
  public Future<?> stop() {
    Future<Void> stopped = server == null ? Future.succeededFuture()
        : server.shutdown(config.shutdown().graceSeconds(), TimeUnit.SECONDS);
    return stopped.andThen(done -> workers.close());
  }

  public int actualPort() {
    return server == null ? -1 : server.actualPort();
  }
}
