package ai.motiv8.http;

import ai.motiv8.Application;
import ai.motiv8.support.ApiClient;
import ai.motiv8.support.TestConfigs;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.Timeout;
import io.vertx.junit5.VertxExtension;
import io.vertx.junit5.VertxTestContext;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** What production turns off or narrows: dev login, selfie removal, on-demand generation, CORS. */
@ExtendWith(VertxExtension.class)
@Timeout(value = 30, timeUnit = TimeUnit.SECONDS)
class ProductionModeTest {

  @TempDir
  static Path dir;

  static ApiClient api;

  @BeforeAll
  static void start(Vertx vertx, VertxTestContext ctx) {
    Map<String, String> env = Map.of(
        "ENVIRONMENT", "production",
        "JWT_SECRET_KEY", "a-production-secret-that-is-long-enough-0123456789",
        "UNSUBSCRIBE_SECRET_KEY", "an-unsubscribe-secret-that-is-long-enough-0123456789",
        "FRONTEND_URL", "https://app.motiv8.example");
    Application.deploy(vertx, TestConfigs.local(dir, env)).onComplete(ctx.succeeding(app -> {
      api = new ApiClient(vertx, app.httpPort());
      ctx.completeNow();
    }));
  }

  @Test
  @DisplayName("Production hides the development login and reports on-demand generation as off")
  void developmentFeaturesAreOff(VertxTestContext ctx) {
    api.post("/auth/dev-login", null, new JsonObject().put("email", "someone@example.org"))
        .compose(devLogin -> {
          ctx.verify(() -> assertThat(devLogin.statusCode()).isEqualTo(404));
          return api.get("/api/config", null);
        })
        .onComplete(ctx.succeeding(config -> ctx.verify(() -> {
          assertThat(config.bodyAsJsonObject()).isEqualTo(new JsonObject().put("environment", "production")
              .put("features", new JsonObject().put("onDemandGeneration", false)));
          ctx.completeNow();
        })));
  }

  @Test
  @DisplayName("Production allows only the front end's origin")
  void corsOnlyForTheFrontEnd(VertxTestContext ctx) {
    api.request(HttpMethod.GET, "/api/hello", null).putHeader("Origin", "https://app.motiv8.example").send()
        .compose(allowed -> {
          ctx.verify(() -> assertThat(allowed.getHeader("Access-Control-Allow-Origin")).isEqualTo("https://app.motiv8.example"));
          return api.request(HttpMethod.GET, "/api/hello", null).putHeader("Origin", "https://evil.example").send();
        })
        .onComplete(ctx.succeeding(refused -> ctx.verify(() -> {
          assertThat(refused.getHeader("Access-Control-Allow-Origin")).isNull();
          ctx.completeNow();
        })));
  }
}
