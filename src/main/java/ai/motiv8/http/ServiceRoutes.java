package ai.motiv8.http;

import ai.motiv8.config.AppConfig;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;

/** {@code /}, {@code /api/config}, {@code /api/hello}; health, readiness and metrics are {@link HealthRoutes}. */
public final class ServiceRoutes {

  private final AppConfig config;

  public ServiceRoutes(AppConfig config) {
    this.config = config;
  }

  public void mount(Router router) {
    router.get("/").handler(ctx -> Responses.ok(ctx, new JsonObject().put("status", "ok").put("service", "motiv8-api")));
    router.get("/api/hello").handler(ctx -> Responses.ok(ctx, new JsonObject().put("message", "hello")));
    router.get("/api/config").handler(ctx -> Responses.ok(ctx, new JsonObject()
        .put("environment", config.environment().jsonName())
        .put("features", new JsonObject().put("onDemandGeneration", onDemandGeneration(config)))));
  }

  public static boolean onDemandGeneration(AppConfig config) {
    return !config.isProduction() || config.generation().onDemand();
  }
}
