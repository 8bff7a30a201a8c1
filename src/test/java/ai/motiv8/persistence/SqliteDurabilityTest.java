package ai.motiv8.persistence;

import ai.motiv8.config.AppConfig.DatabaseConfig;
import ai.motiv8.users.UserStore;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.Timeout;
import io.vertx.junit5.VertxExtension;
import io.vertx.junit5.VertxTestContext;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Writes on SQLite are committed when the store answers, also after a transaction ran on the same
 * pooled connection (the JDBC client once left such connections with autocommit off).
 */
@ExtendWith(VertxExtension.class)
@Timeout(value = 30, timeUnit = TimeUnit.SECONDS)
class SqliteDurabilityTest {

  @Test
  @DisplayName("Writes after a transaction are visible to another connection at once, which can write too")
  void writesAfterATransactionAreCommitted(Vertx vertx, VertxTestContext ctx) {
    DatabaseConfig database = TestDatabases.sqlite();
    JsonObject mondays = new JsonObject().put("monday", true);
    JsonObject fridays = new JsonObject().put("friday", true);
    vertx.deployVerticle(new PersistenceVerticle(database))
        .compose(id -> {
          UserStore users = UserStore.createProxy(vertx);
          return users.findOrCreateByEmail("durable@example.org")
              .compose(user -> users.updateWorkoutDays(user.id(), mondays)
                  .compose(v -> users.replaceSelfie(user.id(), "a.jpg", "a.npy", "test/model"))
                  .compose(v -> users.updateWorkoutDays(user.id(), fridays))
                  .compose(v -> users.recordGeneratedImage(new ai.motiv8.users.GeneratedImage(
                      null, user.id(), "generated/x.png", "2025-12-26", 1L, "ripped", "batch", null))));
        })
        .compose(v -> vertx.executeBlocking(() -> readWithAnotherConnection(database.sqlitePath())))
        .onComplete(ctx.succeeding(seen -> ctx.verify(() -> {
          assertThat(new JsonObject(seen.getString("days")).getBoolean("friday")).isTrue();
          assertThat(new JsonObject(seen.getString("days")).getBoolean("monday")).isFalse();
          assertThat(seen.getString("selfie")).isEqualTo("a.jpg");
          assertThat(seen.getInteger("images")).isEqualTo(1);
          ctx.completeNow();
        })));
  }

  private static JsonObject readWithAnotherConnection(String path) throws Exception {
    try (Connection connection = DriverManager.getConnection("jdbc:sqlite:" + path);
         Statement statement = connection.createStatement()) {
      JsonObject seen = new JsonObject();
      try (ResultSet user = statement.executeQuery(
          "SELECT workout_days, selfie_filename FROM users WHERE email = 'durable@example.org'")) {
        user.next();
        seen.put("days", user.getString(1)).put("selfie", user.getString(2));
      }
      try (ResultSet images = statement.executeQuery("SELECT COUNT(*) FROM generated_images")) {
        images.next();
        seen.put("images", images.getInt(1));
      }
      // Another process can write too: the service holds no write lock between requests.
      statement.executeUpdate("UPDATE users SET updated_at = updated_at WHERE email = 'durable@example.org'");
      return seen;
    }
  }
}
