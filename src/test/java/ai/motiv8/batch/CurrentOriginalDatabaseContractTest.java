package ai.motiv8.batch;

import ai.motiv8.Application;
import ai.motiv8.config.AppConfig;
import ai.motiv8.config.AppConfig.BatchConfig;
import ai.motiv8.config.AppConfig.DatabaseConfig;
import ai.motiv8.faces.FaceService;
import ai.motiv8.faces.TestImages;
import ai.motiv8.persistence.TestQueries;
import ai.motiv8.storage.StorageKeys;
import ai.motiv8.support.ApiClient;
import ai.motiv8.support.ShippedMigrations;
import ai.motiv8.support.TestConfigs;
import ai.motiv8.support.TestPostgres;
import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.ServerSetup;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.Timeout;
import io.vertx.junit5.VertxExtension;
import io.vertx.junit5.VertxTestContext;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static ai.motiv8.batch.BatchFixture.MONDAY;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * A database as the original's <em>current</em> release creates it ({@code models.py} through
 * SQLAlchemy's {@code create_all}: {@code anti_motivation_mode} and {@code mode} NOT NULL with no
 * default, {@code name}, {@code apple_id}, {@code gender}, {@code generated_images.mode}), with its
 * rows, is upgraded in place when the service starts on it; the service then creates users, sets
 * modes and runs the daily batch: a selfie whose face the original never found gets its embedding
 * and gender first, every image is recorded with the user's mode, {@code BATCH_EMAIL_FILTER} limits a
 * run to its users and {@code --resend} mails them again.
 */
@ExtendWith(VertxExtension.class)
@Timeout(value = 180, timeUnit = TimeUnit.SECONDS)
abstract class CurrentOriginalDatabaseContractTest {

  static final String ADA = "6f1a0000-0000-4000-8000-00000000000a";
  static final String BEA = "6f1a0000-0000-4000-8000-00000000000b";
  static final String CY = "6f1a0000-0000-4000-8000-00000000000c";
  static final String ADA_SELFIE = "20260301_070000_ada00001.png";
  static final String BEA_SELFIE = "20260301_070000_bea00001.png";
  static final String BEA_EMBEDDING = "20260301_070000_bea00001.npy";

  @RegisterExtension
  static final GreenMailExtension GREEN_MAIL = new GreenMailExtension(
      new ServerSetup(0, "127.0.0.1", ServerSetup.PROTOCOL_SMTP).dynamicPort());

  @TempDir
  Path dir;

  /** Creates the original's tables and rows in a fresh database; returns the variables that point the app at it. */
  abstract Map<String, String> createOriginalDatabase(Path dir) throws SQLException;

  /** The JDBC URL (with credentials) of the app's database. */
  static String jdbcUrl(DatabaseConfig database) {
    return database.isPostgres() ? TestPostgres.jdbcUrl(database) : "jdbc:sqlite:" + database.sqlitePath();
  }

  /**
   * The original's tables as {@code create_all} makes them, and the rows every backend starts with.
   *
   * @param timestamp the dialect's type for SQLAlchemy's {@code DateTime(timezone=True)}
   * @param now the column default of {@code server_default=func.now()}
   * @param yes the dialect's literal for true ({@code no} for false)
   */
  static void createOriginalTables(Statement sql, String timestamp, String now, String yes, String no)
      throws SQLException {
    sql.execute("""
        CREATE TABLE users (
            id VARCHAR NOT NULL, email VARCHAR NOT NULL, name VARCHAR, google_id VARCHAR, apple_id VARCHAR,
            selfie_filename VARCHAR, selfie_embedding_filename VARCHAR, gender VARCHAR, workout_days JSON,
            anti_motivation_mode BOOLEAN NOT NULL, mode VARCHAR NOT NULL,
            created_at %1$s DEFAULT %2$s, updated_at %1$s,
            PRIMARY KEY (id))""".formatted(timestamp, now));
    sql.execute("CREATE UNIQUE INDEX ix_users_email ON users (email)");
    sql.execute("CREATE UNIQUE INDEX ix_users_google_id ON users (google_id)");
    sql.execute("CREATE UNIQUE INDEX ix_users_apple_id ON users (apple_id)");
    sql.execute("CREATE INDEX ix_users_id ON users (id)");
    sql.execute("""
        CREATE TABLE generated_images (
            id VARCHAR NOT NULL, user_id VARCHAR NOT NULL, s3_key VARCHAR NOT NULL, generation_date DATE NOT NULL,
            generated_at_millis BIGINT NOT NULL, mode VARCHAR,
            PRIMARY KEY (id), FOREIGN KEY(user_id) REFERENCES users (id))""");
    sql.execute("CREATE INDEX ix_generated_images_id ON generated_images (id)");
    sql.execute("CREATE INDEX ix_generated_images_user_id ON generated_images (user_id)");
    sql.execute("CREATE INDEX ix_generated_images_generation_date ON generated_images (generation_date)");
    insertOriginalRows(sql, yes, no);
  }

  private static void insertOriginalRows(Statement sql, String yes, String no) throws SQLException {
    String monday = "'{\"monday\": true, \"tuesday\": false, \"wednesday\": false, \"thursday\": false,"
        + " \"friday\": false, \"saturday\": false, \"sunday\": false}'";
    sql.execute("INSERT INTO users (id, email, name, google_id, apple_id, selfie_filename, selfie_embedding_filename,"
        + " gender, workout_days, anti_motivation_mode, mode, created_at) VALUES ('" + ADA + "', 'ada@example.com',"
        + " 'Ada', 'google-ada', NULL, '" + ADA_SELFIE + "', NULL, NULL, " + monday + ", " + yes + ", 'shame',"
        + " '2026-03-01 07:00:00')");
    sql.execute("INSERT INTO users (id, email, name, google_id, apple_id, selfie_filename, selfie_embedding_filename,"
        + " gender, workout_days, anti_motivation_mode, mode, created_at) VALUES ('" + BEA + "', 'bea@example.com',"
        + " NULL, NULL, 'apple-bea', '" + BEA_SELFIE + "', '" + BEA_EMBEDDING + "', 'female', " + monday + ", " + no
        + ", 'toned', '2026-03-02 07:00:00')");
    sql.execute("INSERT INTO users (id, email, name, google_id, apple_id, selfie_filename, selfie_embedding_filename,"
        + " gender, workout_days, anti_motivation_mode, mode, created_at) VALUES ('" + CY + "', 'cy@example.com',"
        + " 'Cy', 'google-cy', NULL, NULL, NULL, NULL, NULL, " + no + ", 'ripped', '2026-03-03 07:00:00')");
    sql.execute("INSERT INTO generated_images (id, user_id, s3_key, generation_date, generated_at_millis, mode)"
        + " VALUES ('orig-img-1', '" + BEA + "', 'generated_images/bea-1.png', '2026-03-02', 1772434800000, 'toned')");
  }

  @Test
  @DisplayName("is upgraded in place with every row kept; then sign-ups, modes and the batch work on it")
  void upgradedAndUsed(Vertx vertx, VertxTestContext ctx) throws Exception {
    Map<String, String> env = new HashMap<>(createOriginalDatabase(dir));
    env.putAll(BatchFixture.smtp(GREEN_MAIL));
    AppConfig config = TestConfigs.local(dir, env);
    DatabaseConfig database = config.database();

    Application.deploy(vertx, config).compose(app -> {
      ApiClient api = new ApiClient(vertx, app.httpPort());
      byte[] photo = TestImages.resource(TestImages.ASTRONAUT);
      return app.blobStore().putBytes(StorageKeys.upload(ADA_SELFIE), Buffer.buffer(photo), "image/png")
          .compose(v -> app.blobStore().putBytes(StorageKeys.upload(BEA_SELFIE), Buffer.buffer(photo), "image/png"))
          // Bea's embedding file, as the original stored it next to her selfie.
          .compose(v -> FaceService.createProxy(vertx).analyze(StorageKeys.upload(BEA_SELFIE),
              StorageKeys.embedding(BEA_EMBEDDING)))
          .compose(v -> vertx.executeBlocking(() -> rows(database,
              "SELECT id, email, name, apple_id, gender, mode FROM users ORDER BY id")))
          .compose(kept -> {
            ctx.verify(() -> {
              assertThat(kept).hasSize(3);
              assertThat(kept.get(0)).containsEntry("email", "ada@example.com").containsEntry("name", "Ada")
                  .containsEntry("mode", "shame");
              assertThat(kept.get(1)).containsEntry("apple_id", "apple-bea").containsEntry("gender", "female")
                  .containsEntry("mode", "toned");
              assertThat(kept.get(2)).containsEntry("mode", "ripped");
              assertThat(TestQueries.text(database,
                  "SELECT mode FROM generated_images WHERE id = 'orig-img-1'")).isEqualTo("toned");
              assertThat(versions(database)).containsExactlyElementsOf(ShippedMigrations.versionsAfterPythonBaseline());
            });
            // A new user (insert into NOT NULL columns without defaults), who picks a mode; Cy changes hers.
            return api.devLogin("dee@example.com")
                .compose(token -> api.put("/api/mode", token, new JsonObject().put("mode", "furry")))
                .compose(dee -> api.devLogin("cy@example.com")
                    .compose(token -> api.put("/api/mode", token, new JsonObject().put("mode", "toned"))
                        .compose(cy -> api.get("/auth/me", token).map(me -> List.of(dee.bodyAsJsonObject(),
                            me.bodyAsJsonObject())))));
          })
          .compose(answers -> {
            ctx.verify(() -> {
              assertThat(answers.get(0).getString("mode")).isEqualTo("furry");
              assertThat(answers.get(1).getString("id")).isEqualTo(CY);
              assertThat(answers.get(1).getString("name")).isEqualTo("Cy");
              assertThat(answers.get(1).getString("mode")).isEqualTo("toned");
            });
            return batch(app, app.config().batch()).run(MONDAY, BatchOptions.all(2));
          })
          .compose(first -> vertx.executeBlocking(() -> rows(database,
                  "SELECT u.email, u.selfie_embedding_filename, u.gender, g.mode, g.source FROM users u"
                      + " JOIN generated_images g ON g.user_id = u.id WHERE g.generation_date = '" + MONDAY + "'"
                      + " ORDER BY u.email"))
              .map(images -> Map.entry(first, images)))
          .compose(firstRun -> {
            ctx.verify(() -> {
              assertThat(firstRun.getKey().mailed()).as(firstRun.getKey().toString()).isEqualTo(2);
              List<Map<String, Object>> images = firstRun.getValue();
              assertThat(images).extracting(row -> row.get("email")).containsExactly("ada@example.com",
                  "bea@example.com");
              assertThat(images.get(0)).containsEntry("mode", "shame").containsEntry("source", "batch");
              assertThat((String) images.get(0).get("selfie_embedding_filename")).endsWith(".npy");
              assertThat(images.get(0).get("gender")).isIn("male", "female");
              assertThat(images.get(1)).containsEntry("mode", "toned").containsEntry("gender", "female")
                  .containsEntry("selfie_embedding_filename", BEA_EMBEDDING);
              assertThat(BatchFixture.mailsByRecipient(GREEN_MAIL))
                  .containsOnly(Map.entry("ada@example.com", 1), Map.entry("bea@example.com", 1));
            });
            // The original's tester re-send: only Bea, whatever the day; mailed again only with --resend.
            BatchConfig onlyBea = withFilter(app.config().batch(), List.of("bea@example.com"));
            return batch(app, onlyBea).run(MONDAY, BatchOptions.all(2))
                .compose(withoutResend -> batch(app, onlyBea).run(MONDAY, new BatchOptions(false, 2, 0, true))
                    .map(resent -> List.of(withoutResend, resent)));
          })
          .compose(filtered -> vertx.executeBlocking(() -> TestQueries.text(database,
                  "SELECT CAST(resends AS VARCHAR) FROM daily_deliveries WHERE user_id = '" + BEA + "'"))
              .map(resends -> Map.entry(filtered, resends)));
    }).onComplete(ctx.succeeding(filtered -> ctx.verify(() -> {
      BatchSummary withoutResend = filtered.getKey().get(0);
      BatchSummary resent = filtered.getKey().get(1);
      assertThat(withoutResend.due()).as(withoutResend.toString()).isEqualTo(1);
      assertThat(withoutResend.mailed()).isZero();
      assertThat(resent.mailed()).as(resent.toString()).isEqualTo(1);
      assertThat(filtered.getValue()).isEqualTo("1");
      assertThat(BatchFixture.mailsByRecipient(GREEN_MAIL))
          .containsOnly(Map.entry("ada@example.com", 1), Map.entry("bea@example.com", 2));
      ctx.completeNow();
    })));
  }

  private static DailyBatch batch(Application app, BatchConfig config) {
    return new DailyBatch(app.vertx(), config, app.config().generation(), Clock.systemUTC());
  }

  private static BatchConfig withFilter(BatchConfig config, List<String> emails) {
    return new BatchConfig(config.enabled(), config.time(), config.zone(), config.concurrency(),
        config.leaseSeconds(), config.maxAttempts(), config.retryDelaySeconds(), config.catchUpMinutes(), emails);
  }

  private static List<String> versions(DatabaseConfig database) throws SQLException {
    List<String> versions = new ArrayList<>();
    for (Map<String, Object> row : rows(database,
        "SELECT version FROM flyway_schema_history WHERE success ORDER BY installed_rank")) {
      versions.add(String.valueOf(row.get("version")));
    }
    return versions;
  }

  private static List<Map<String, Object>> rows(DatabaseConfig database, String query) throws SQLException {
    List<Map<String, Object>> rows = new ArrayList<>();
    try (Connection connection = DriverManager.getConnection(jdbcUrl(database));
         Statement sql = connection.createStatement();
         ResultSet result = sql.executeQuery(query)) {
      int columns = result.getMetaData().getColumnCount();
      while (result.next()) {
        Map<String, Object> row = new LinkedHashMap<>();
        for (int i = 1; i <= columns; i++) {
          row.put(result.getMetaData().getColumnLabel(i).toLowerCase(), result.getObject(i));
        }
        rows.add(row);
      }
    }
    return rows;
  }
}
