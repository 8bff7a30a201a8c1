package ai.motiv8.persistence;

import ai.motiv8.config.AppConfig.DatabaseConfig;
import ai.motiv8.users.GeneratedImage;
import ai.motiv8.users.User;
import ai.motiv8.users.UserStore;
import io.vertx.core.Future;
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
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

@ExtendWith(VertxExtension.class)
@Timeout(value = 60, timeUnit = TimeUnit.SECONDS)
@DisplayName("A Python-made PostgreSQL database")
class PythonPostgresUpgradeTest {

  private static final String ADA = "0b0c4a52-5c1e-4d3e-9a55-0f5b3c1d2e01";
  private static final String BOB = "0b0c4a52-5c1e-4d3e-9a55-0f5b3c1d2e02";

  @Test
  @DisplayName("is upgraded in place, keeping users and images, and takes writes")
  void upgradesInPlace(Vertx vertx, VertxTestContext testContext) throws SQLException {
    DatabaseConfig database = TestDatabases.postgres();
    createPythonSchema(database);
    UserStore store = UserStore.createProxy(vertx);
    vertx.deployVerticle(new PersistenceVerticle(database))
        .compose(deployed -> Future.all(store.findById(ADA), store.findById(BOB),
            store.latestGeneratedImage(ADA, "2025-12-21")))
        .compose(read -> {
          testContext.verify(() -> {
            User ada = read.resultAt(0);
            User bob = read.resultAt(1);
            GeneratedImage image = read.resultAt(2);
            assertThat(ada.createdAt()).isEqualTo("2025-12-21T20:22:08+00:00");
            assertThat(ada.googleId()).isEqualTo("google-ada");
            assertThat(ada.selfieFilename()).isEqualTo("ada.jpg");
            assertThat(ada.workoutDays()).isEqualTo(User.normalizeDays(new JsonObject().put("monday", true)));
            assertThat(bob.workoutDays()).isEqualTo(User.normalizeDays(null));
            assertThat(bob.updatedAt()).isNull();
            assertThat(image.s3Key()).isEqualTo("generated_images/ada-1.png");
            assertThat(image.mode()).isNull();
          });
          return store.updateWorkoutDays(BOB, new JsonObject().put("sunday", true))
              .compose(bob -> store.replaceSelfie(ADA, "new.jpg", "new.npy", "default/fr"))
              .compose(previous -> store.recordGeneratedImage(
                  new GeneratedImage(null, ADA, "generated/new.png", "2025-12-21", 1_766_400_000_000L, "ripped", "batch", null)))
              .compose(recorded -> store.latestGeneratedImage(ADA, "2025-12-21"));
        })
        .onComplete(testContext.succeeding(latest -> testContext.verify(() -> {
          assertThat(latest.s3Key()).isEqualTo("generated/new.png");
          testContext.completeNow();
        })));
  }

  /** The tables as SQLAlchemy created them on PostgreSQL, before generated_images had a mode. */
  private static void createPythonSchema(DatabaseConfig database) throws SQLException {
    String url = "jdbc:postgresql://" + database.host() + ":" + database.port() + "/" + database.name();
    try (Connection connection = DriverManager.getConnection(url, database.username(), database.password());
         Statement sql = connection.createStatement()) {
      sql.execute("""
          CREATE TABLE users (id VARCHAR NOT NULL, email VARCHAR NOT NULL, google_id VARCHAR,
              selfie_filename VARCHAR, selfie_embedding_filename VARCHAR, workout_days JSON,
              created_at TIMESTAMP WITH TIME ZONE DEFAULT now(), updated_at TIMESTAMP WITH TIME ZONE,
              PRIMARY KEY (id))""");
      sql.execute("CREATE UNIQUE INDEX ix_users_email ON users (email)");
      sql.execute("CREATE UNIQUE INDEX ix_users_google_id ON users (google_id)");
      sql.execute("""
          CREATE TABLE generated_images (id VARCHAR NOT NULL, user_id VARCHAR NOT NULL, s3_key VARCHAR NOT NULL,
              generation_date DATE NOT NULL, generated_at_millis BIGINT NOT NULL, PRIMARY KEY (id),
              FOREIGN KEY (user_id) REFERENCES users (id))""");
      sql.execute("INSERT INTO users VALUES ('" + ADA + "', 'ada@example.com', 'google-ada', 'ada.jpg', 'ada.npy',"
          + " '{\"monday\": true}', '2025-12-21 21:22:08.123456+01', '2025-12-22 07:00:00+00')");
      sql.execute("INSERT INTO users (id, email) VALUES ('" + BOB + "', 'bob@example.com')");
      sql.execute("INSERT INTO generated_images VALUES ('img-1', '" + ADA + "', 'generated_images/ada-1.png',"
          + " '2025-12-21', 1766300000000)");
    }
  }
}
