package ai.motiv8.generation;

import ai.motiv8.Application;
import ai.motiv8.auth.JwtTokens;
import ai.motiv8.storage.ImageVariant;
import ai.motiv8.support.ApiClient;
import ai.motiv8.support.Polling;
import ai.motiv8.support.TestConfigs;
import ai.motiv8.support.TestSelfies;
import ai.motiv8.users.UserStore;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.junit5.Timeout;
import io.vertx.junit5.VertxExtension;
import io.vertx.junit5.VertxTestContext;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Production turns on-demand generation off unless {@code GENERATION_ON_DEMAND=true}. Each test
 * runs its own app (a fresh Vert.x per test method); production has no dev login, so the user is
 * created in the store and given a token directly.
 */
@ExtendWith(VertxExtension.class)
@Timeout(value = 60, timeUnit = TimeUnit.SECONDS)
class GenerateProductionTest {

  @TempDir
  Path dir;

  private Future<Application> production(Vertx vertx, Map<String, String> extra) {
    Map<String, String> env = new HashMap<>(Map.of(
        "ENVIRONMENT", "production",
        "JWT_SECRET_KEY", "a-production-secret-that-is-long-enough-0123456789",
        "UNSUBSCRIBE_SECRET_KEY", "an-unsubscribe-secret-that-is-long-enough-0123456789",
        "FRONTEND_URL", "https://app.motiv8.example"));
    env.putAll(extra);
    return Application.deploy(vertx, TestConfigs.local(dir, env));
  }

  /** A user with the astronaut selfie asks for generation; the answer. */
  private static Future<HttpResponse<Buffer>> generateAsNewUser(Application app) {
    ApiClient api = new ApiClient(app.vertx(), app.httpPort());
    return UserStore.createProxy(app.vertx()).findOrCreateByEmail("prod-" + UUID.randomUUID() + "@motiv8.test")
        .compose(user -> TestSelfies.install(app, user.id(), "/photos/astronaut.png")
            .compose(selfie -> api.post("/api/generate", new JwtTokens(app.vertx(), app.config().auth()).issue(user.id()),
                new JsonObject().put("embedding_filename", selfie.embeddingFilename()))));
  }

  @Test
  @DisplayName("In production without generation.onDemand the caller's own valid request is 403")
  void disabledInProduction(Vertx vertx, VertxTestContext ctx) {
    production(vertx, Map.of())
        .compose(GenerateProductionTest::generateAsNewUser)
        .onComplete(ctx.succeeding(response -> ctx.verify(() -> {
          assertThat(response.statusCode()).isEqualTo(403);
          assertThat(response.bodyAsJsonObject().getString("detail")).isEqualTo(GenerateRoutes.DISABLED);
          assertThat(Polling.filesIn(dir.resolve("data").resolve("generated"))).isZero();
          ctx.completeNow();
        })));
  }

  @Test
  @DisplayName("With GENERATION_ON_DEMAND=true production generates; the outbox copy is not 'sent'")
  void enabledByConfig(Vertx vertx, VertxTestContext ctx) {
    production(vertx, Map.of("GENERATION_ON_DEMAND", "true"))
        .compose(GenerateProductionTest::generateAsNewUser)
        .onComplete(ctx.succeeding(response -> ctx.verify(() -> {
          assertThat(response.statusCode()).as(response.bodyAsString()).isEqualTo(200);
          assertThat(response.bodyAsJsonObject().getBoolean("email_sent")).isFalse();
          // The image and its stored variants (2x, JPEG forms, preview).
          assertThat(Polling.filesIn(dir.resolve("data").resolve("generated")))
              .isEqualTo(1 + ImageVariant.siblingKeys("generated/x.png").size());
          assertThat(Polling.filesIn(dir.resolve("outbox"))).as(".eml in the outbox").isEqualTo(1);
          ctx.completeNow();
        })));
  }
}
