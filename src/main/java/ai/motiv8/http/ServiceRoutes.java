package ai.motiv8.http;

import ai.motiv8.config.AppConfig;
import ai.motiv8.storage.StorageService;
import ai.motiv8.users.UserStore;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.healthchecks.HealthChecks;
import io.vertx.ext.healthchecks.Status;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.healthchecks.HealthCheckHandler;

/** {@code /}, {@code /health}, {@code /api/config}, {@code /api/hello}. */
public final class ServiceRoutes {

  private static final long CHECK_TIMEOUT_MS = 3000;

  private final Vertx vertx;
  private final AppConfig config;
  private final UserStore users;
  private final StorageService storage;

  public ServiceRoutes(Vertx vertx, AppConfig config, UserStore users, StorageService storage) {
    this.vertx = vertx;
    this.config = config;
    this.users = users;
    this.storage = storage;
  }

  public void mount(Router router) {
    router.get("/").handler(ctx -> Responses.ok(ctx, new JsonObject().put("status", "ok").put("service", "motiv8-api")));
    router.get("/api/hello").handler(ctx -> Responses.ok(ctx, new JsonObject().put("message", "hello")));
    router.get("/api/config").handler(ctx -> Responses.ok(ctx, new JsonObject()
        .put("environment", config.environment().jsonName())
        .put("features", new JsonObject().put("onDemandGeneration", onDemandGeneration(config)))));
    router.get("/health").handler(HealthCheckHandler.createWithHealthChecks(healthChecks()));
  }

  public static boolean onDemandGeneration(AppConfig config) {
    return !config.isProduction() || config.generation().onDemand();
  }

  private HealthChecks healthChecks() {
    HealthChecks checks = HealthChecks.create(vertx);
    checks.register("database", CHECK_TIMEOUT_MS, promise -> report(users.ping(), config.database().describe())
        .onComplete(promise));
    checks.register("storage", CHECK_TIMEOUT_MS, promise -> report(storage.ping(),
        config.storage().isS3() ? "s3://" + config.storage().s3Bucket() : "local").onComplete(promise));
    return checks;
  }

  private static Future<Status> report(Future<Void> check, String target) {
    return check.map(v -> Status.OK(new JsonObject().put("target", target)))
        .otherwise(error -> Status.KO(new JsonObject().put("target", target).put("error", String.valueOf(error.getMessage()))));
  }
}
