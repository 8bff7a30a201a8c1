package ai.motiv8.cluster;

import ai.motiv8.support.ApiClient;
import ai.motiv8.users.User;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.Timeout;
import io.vertx.junit5.VertxExtension;
import io.vertx.junit5.VertxTestContext;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Two api nodes on one database, each caching users for an hour: a change made through one node
 * is seen by the other within moments (the change is published on the clustered event bus), and
 * a deleted account's tokens stop on both.
 */
@ExtendWith(VertxExtension.class)
@Timeout(value = 120, timeUnit = TimeUnit.SECONDS)
class ClusterUserCacheTest {

  private static final Map<String, String> CACHE_FOR_AN_HOUR = Map.of("USER_CACHE_SECONDS", "3600");

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

  private static JsonObject everyDay(boolean value) {
    JsonObject days = new JsonObject();
    User.DAYS.forEach(day -> days.put(day, value));
    return days;
  }

  @Test
  @DisplayName("a change and a deletion through one api node reach the other node's cached user")
  void changesReachOtherNodes(Vertx vertx, VertxTestContext ctx) {
    AtomicReference<JsonObject> seenByB = new AtomicReference<>();
    nodes.start("api", CACHE_FOR_AN_HOUR).compose(a -> nodes.start("api", CACHE_FOR_AN_HOUR).compose(b -> {
      ApiClient viaA = new ApiClient(vertx, a.httpPort());
      ApiClient viaB = new ApiClient(vertx, b.httpPort());
      return viaA.devLogin("cache-" + System.nanoTime() + "@example.org").compose(token -> viaB.get("/auth/me", token)
          .compose(cached -> {
            ctx.verify(() -> assertThat(cached.bodyAsJsonObject().getJsonObject("workout_days")).isEqualTo(everyDay(false)));
            return viaA.put("/api/workout-days", token, new JsonObject().put("workout_days", everyDay(true)));
          })
          .compose(updated -> {
            ctx.verify(() -> assertThat(updated.statusCode()).isEqualTo(200));
            return until(vertx, () -> viaB.get("/auth/me", token).map(me -> {
              seenByB.set(me.bodyAsJsonObject().getJsonObject("workout_days"));
              return everyDay(true).equals(seenByB.get());
            }));
          })
          .compose(changed -> viaA.request(HttpMethod.DELETE, "/api/account", token).send())
          .compose(deleted -> {
            ctx.verify(() -> assertThat(deleted.statusCode()).isEqualTo(200));
            return until(vertx, () -> viaB.get("/auth/me", token).map(me -> me.statusCode() == 401));
          })
          .compose(gone -> viaB.get("/auth/me", token)));
    })).onComplete(ctx.succeeding(me -> ctx.verify(() -> {
      assertThat(seenByB.get()).isEqualTo(everyDay(true));
      assertThat(me.statusCode()).isEqualTo(401);
      assertThat(me.bodyAsJsonObject().getString("detail")).isEqualTo("User not found");
      ctx.completeNow();
    })));
  }

  /** Asks {@code check} every 50 ms until it answers true, for at most 5 s. */
  private static Future<Void> until(Vertx vertx, Supplier<Future<Boolean>> check) {
    return until(vertx, check, System.currentTimeMillis() + 5000);
  }

  private static Future<Void> until(Vertx vertx, Supplier<Future<Boolean>> check, long deadline) {
    return check.get().compose(met -> {
      if (met) {
        return Future.succeededFuture();
      }
      if (System.currentTimeMillis() > deadline) {
        return Future.failedFuture(new AssertionError("not seen on the other node within 5 s"));
      }
      return vertx.timer(50).compose(v -> until(vertx, check, deadline));
    });
  }
}
