package ai.motiv8.migration;

import ai.motiv8.Main;
import ai.motiv8.migration.DatabaseMigration.Options;
import ai.motiv8.migration.DatabaseMigration.Result;
import ai.motiv8.persistence.SchemaMigrations;
import ai.motiv8.support.PythonDatabases;
import ai.motiv8.support.ShippedMigrations;
import ai.motiv8.support.TestPostgres;
import io.vertx.core.Vertx;
import io.vertx.junit5.Timeout;
import io.vertx.junit5.VertxExtension;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code migrate db} from a real SQLite file into a real (embedded) PostgreSQL, and back. */
@ExtendWith(VertxExtension.class)
@Timeout(value = 120, timeUnit = TimeUnit.SECONDS)
@DisplayName("migrate db")
class MigrateDbTest {

  @TempDir
  Path dir;
  DevDeployment deployment;
  DatabaseLocation source;
  DatabaseLocation target;
  String targetUrl;

  @BeforeEach
  void deployment(Vertx vertx) throws Exception {
    deployment = DevDeployment.create(vertx, dir);
    source = DatabaseLocation.sqlite(deployment.database);
    var database = TestPostgres.newDatabase("migrate_db");
    targetUrl = TestPostgres.jdbcUrl(database);
    target = DatabaseLocation.of(database);
  }

  @Test
  @DisplayName("copies a Python-made motiv8.db, upgraded and written to by this service, into PostgreSQL row for row, and verify agrees")
  void pythonDatabaseToPostgres() throws Exception {
    assertThat(Main.run("migrate", "db", "--from", deployment.sqliteUrl(), "--to", targetUrl)).isZero();

    List<Map<String, Object>> users = Sql.query(target, "SELECT * FROM users ORDER BY email");
    assertThat(users).extracting(u -> u.get("email"))
        .containsExactly("ada@example.com", "bob@example.com", "carol@example.com", DevDeployment.DANA_EMAIL);
    Map<String, Object> ada = users.get(0);
    assertThat(ada.get("id")).isEqualTo(PythonDatabases.ADA);
    assertThat(ada.get("google_id")).isEqualTo("google-ada");
    assertThat(ada.get("selfie_filename")).isEqualTo(PythonDatabases.ADA_SELFIE);
    assertThat(Sql.value(target, "SELECT workout_days->>'wednesday' FROM users WHERE id = ?", PythonDatabases.ADA))
        .isEqualTo("true");
    assertThat(Sql.value(target, "SELECT pg_typeof(workout_days)::text FROM users LIMIT 1")).isEqualTo("json");
    assertThat(Sql.value(target, "SELECT EXTRACT(EPOCH FROM created_at)::text FROM users WHERE id = ?", PythonDatabases.ADA))
        .isEqualTo("1766348528.123456");
    assertThat(Sql.value(target, "SELECT embedding_model FROM users WHERE email = ?", DevDeployment.DANA_EMAIL))
        .isEqualTo("default/fr");

    List<Map<String, Object>> images = Sql.query(target,
        "SELECT id, user_id, s3_key, generation_date::text AS day, generated_at_millis, mode, source FROM generated_images ORDER BY generated_at_millis");
    assertThat(images).hasSize(4);
    assertThat(images.get(0)).containsEntry("id", "img-1").containsEntry("day", "2025-12-21")
        .containsEntry("generated_at_millis", 1766300000000L).containsEntry("mode", null);
    assertThat(images.get(3)).containsEntry("user_id", deployment.danaId).containsEntry("mode", "ripped").containsEntry("source", "batch");

    assertThat(Sql.query(target, "SELECT version FROM flyway_schema_history WHERE success ORDER BY installed_rank"))
        .extracting(r -> r.get("version")).containsExactlyElementsOf(ShippedMigrations.versions());
    assertThat(Main.run("migrate", "verify", "--from", deployment.sqliteUrl(), "--to", targetUrl)).isZero();
  }

  @Test
  @DisplayName("a second run finds every row identical and writes nothing")
  void rerunSkipsIdenticalRows() throws Exception {
    Result first = migrate(Options.defaults(), () -> false);
    Result second = migrate(Options.defaults(), () -> false);

    assertThat(first.clean()).isTrue();
    assertThat(first.table("users").inserted()).isEqualTo(4);
    assertThat(first.table("generated_images").inserted()).isEqualTo(4);
    assertThat(second.clean()).isTrue();
    assertThat(second.tables()).allSatisfy(t -> {
      assertThat(t.inserted()).isZero();
      assertThat(t.identical()).isEqualTo(t.sourceRows());
    });
  }

  @Test
  @DisplayName("a row changed in the target is reported as a conflict and kept, until --update-changed takes the source's values")
  void changedRowIsNeverOverwrittenSilently() throws Exception {
    migrate(Options.defaults(), () -> false);
    Sql.execute(target, "UPDATE users SET workout_days = '{\"monday\": false}' WHERE email = 'ada@example.com'");

    try (LogCapture logs = new LogCapture()) {
      assertThat(Main.run("migrate", "db", "--from", deployment.sqliteUrl(), "--to", targetUrl)).isEqualTo(ExitCodes.DIFFERENCES);
      assertThat(logs.lines()).anySatisfy(line -> assertThat(line)
          .contains("users conflict").contains(PythonDatabases.ADA).contains("workout_days"));
    }
    assertThat(Sql.value(target, "SELECT workout_days::text FROM users WHERE email = 'ada@example.com'"))
        .isEqualTo("{\"monday\": false}");

    assertThat(Main.run("migrate", "db", "--from", deployment.sqliteUrl(), "--to", targetUrl, "--update-changed")).isZero();
    assertThat(Sql.value(target, "SELECT workout_days->>'wednesday' FROM users WHERE email = 'ada@example.com'"))
        .isEqualTo("true");
    assertThat(Main.run("migrate", "verify", "--from", deployment.sqliteUrl(), "--to", targetUrl)).isZero();
  }

  @Test
  @DisplayName("a source row whose e-mail another target row holds is reported, and the rest are copied")
  void takenEmailIsReported() throws Exception {
    SchemaMigrations.migrate(target.jdbcUrl(), target.user(), target.password());
    Sql.execute(target, "INSERT INTO users (id, email) VALUES ('someone-else', 'bob@example.com')");

    Result result = migrate(Options.defaults(), () -> false);

    assertThat(result.clean()).isFalse();
    assertThat(result.table("users").conflicts()).isEqualTo(1);
    assertThat(result.table("users").inserted()).isEqualTo(3);
    assertThat(result.table("generated_images").inserted()).isEqualTo(4);
    assertThat(Sql.value(target, "SELECT id FROM users WHERE email = 'bob@example.com'")).isEqualTo("someone-else");
  }

  @Test
  @DisplayName("--dry-run counts what would be copied and changes neither database")
  void dryRunWritesNothing() throws Exception {
    Path python = PythonDatabases.create(dir.resolve("python-only.db"), PythonDatabases.Version.IMAGES_WITHOUT_MODE);

    assertThat(Main.run("migrate", "db", "--from", python.toString(), "--to", targetUrl, "--dry-run")).isZero();
    Result result = new DatabaseMigration(DatabaseLocation.sqlite(python), target,
        new Options(500, true, false, false, 20, Duration.ofSeconds(5)), () -> false).run();

    assertThat(result.table("users").inserted()).isEqualTo(3);
    assertThat(result.table("generated_images").inserted()).isEqualTo(3);
    assertThat(Sql.value(target, "SELECT COUNT(*) FROM information_schema.tables WHERE table_schema = 'public'"))
        .isEqualTo(0L);
    assertThat(Sql.value(DatabaseLocation.sqlite(python),
        "SELECT COUNT(*) FROM sqlite_master WHERE name = 'flyway_schema_history'")).isEqualTo(0);
  }

  @Test
  @DisplayName("stopped after its first batch (as by Ctrl-C), a run keeps what it committed and the next run completes it")
  void interruptedRunResumes() throws Exception {
    // Stops at the first check once a batch of users is in: tables without parents that sort before
    // users (batch_runs, empty here) are copied first.
    BooleanSupplier stopAtFirstCheck = () -> {
      try {
        return ((Number) Sql.value(target, "SELECT COUNT(*) FROM users")).longValue() > 0;
      } catch (Exception e) {
        throw new IllegalStateException(e);
      }
    };
    Options smallBatches = new Options(3, false, false, false, 20, Duration.ofSeconds(5));

    Result stopped = migrate(smallBatches, stopAtFirstCheck);
    assertThat(stopped.interrupted()).isTrue();
    assertThat(Sql.value(target, "SELECT COUNT(*) FROM users")).isEqualTo(3L);
    assertThat(Sql.value(target, "SELECT COUNT(*) FROM generated_images")).isEqualTo(0L);

    Result resumed = migrate(smallBatches, () -> false);
    assertThat(resumed.clean()).isTrue();
    assertThat(resumed.table("users").identical()).isEqualTo(3);
    assertThat(resumed.table("users").inserted()).isEqualTo(1);
    assertThat(verify().clean()).isTrue();
  }

  @Test
  @DisplayName("a table added by a later migration comes along: parents first, booleans, timestamps, JSON and decimals converted")
  void laterTablesComeAlong() throws Exception {
    migrate(Options.defaults(), () -> false);
    Sql.execute(source, """
        CREATE TABLE deliveries (id INTEGER PRIMARY KEY, user_id VARCHAR NOT NULL REFERENCES users (id),
            sent BOOLEAN NOT NULL, sent_at DATETIME, details JSON, cost NUMERIC, note TEXT)""",
        "INSERT INTO deliveries VALUES (1, '" + PythonDatabases.ADA + "', 1, '2025-12-21 07:00:00.250000', '{\"to\": \"ada\"}', 0.10, NULL)",
        "INSERT INTO deliveries VALUES (2, '" + PythonDatabases.ADA + "', 0, NULL, NULL, NULL, 'bounced')",
        "INSERT INTO deliveries VALUES (3, '" + deployment.danaId + "', 'true', 1767340800000, '[1, 2]', 2, '')");
    Sql.execute(target, """
        CREATE TABLE deliveries (id BIGINT PRIMARY KEY, user_id VARCHAR NOT NULL REFERENCES users (id),
            sent BOOLEAN NOT NULL, sent_at TIMESTAMP WITH TIME ZONE, details JSONB, cost NUMERIC, note TEXT)""");

    Result result = migrate(new Options(2, false, false, false, 20, Duration.ofSeconds(5)), () -> false);

    assertThat(result.clean()).isTrue();
    assertThat(result.tables()).extracting(DatabaseMigration.TableResult::table)
        .containsSubsequence("users", "deliveries");
    assertThat(result.table("deliveries").inserted()).isEqualTo(3);
    List<Map<String, Object>> rows = Sql.query(target,
        "SELECT id, sent, EXTRACT(EPOCH FROM sent_at)::text AS at, details->>'to' AS recipient, cost::text AS cost, note"
            + " FROM deliveries ORDER BY id");
    assertThat(rows.get(0)).containsEntry("sent", true).containsEntry("at", "1766300400.250000")
        .containsEntry("recipient", "ada").containsEntry("cost", "0.1");
    assertThat(rows.get(1)).containsEntry("sent", false).containsEntry("at", null).containsEntry("note", "bounced");
    assertThat(rows.get(2)).containsEntry("sent", true).containsEntry("at", "1767340800.000000");
    assertThat(verify().clean()).isTrue();
  }

  @Test
  @DisplayName("moves back from PostgreSQL to a new SQLite file that reads like one this service wrote")
  void postgresBackToSqlite() throws Exception {
    migrate(Options.defaults(), () -> false);
    DatabaseLocation back = DatabaseLocation.sqlite(dir.resolve("back/motiv8.db"));

    Result result = new DatabaseMigration(target, back, Options.defaults(), () -> false).run();

    assertThat(result.clean()).isTrue();
    assertThat(Sql.value(back, "SELECT created_at FROM users WHERE id = ?", PythonDatabases.ADA))
        .isEqualTo("2025-12-21 20:22:08.123456");
    assertThat(Sql.value(back, "SELECT generation_date FROM generated_images WHERE id = 'img-1'")).isEqualTo("2025-12-21");
    assertThat(new DatabaseVerification(source, back, 100, 20, Duration.ofSeconds(5), () -> false).run().clean()).isTrue();
  }

  @Test
  @DisplayName("rows only the target has are reported by verify and removed by --delete-extra")
  void deleteExtra() throws Exception {
    migrate(Options.defaults(), () -> false);
    Sql.execute(target, "INSERT INTO users (id, email) VALUES ('stale', 'gone@example.com')",
        "INSERT INTO generated_images (id, user_id, s3_key, generation_date, generated_at_millis)"
            + " VALUES ('stale-img', 'stale', 'generated/x.png', '2025-01-01', 1)");
    assertThat(verify().table("users").extra()).isEqualTo(1);

    Result result = migrate(new Options(500, false, false, true, 20, Duration.ofSeconds(5)), () -> false);

    assertThat(result.table("users").deleted()).isEqualTo(1);
    assertThat(result.table("generated_images").deleted()).isEqualTo(1);
    assertThat(verify().clean()).isTrue();
  }

  @Test
  @DisplayName("refuses the same database on both sides and a missing SQLite source, with usage exit codes")
  void badArguments() {
    assertThat(Main.run("migrate", "db", "--from", deployment.sqliteUrl(), "--to", "sqlite:" + deployment.sqliteUrl()))
        .isEqualTo(ExitCodes.USAGE);
    assertThat(Main.run("migrate", "db", "--from", dir.resolve("nothing.db").toString(), "--to", targetUrl))
        .isEqualTo(ExitCodes.USAGE);
    assertThat(Files.exists(dir.resolve("nothing.db"))).isFalse();
    assertThat(Main.run("migrate", "db", "--from", deployment.sqliteUrl())).isEqualTo(ExitCodes.USAGE);
    assertThat(Main.run("migrate")).isEqualTo(ExitCodes.USAGE);
  }

  @Test
  @DisplayName("without --to, copies into the PostgreSQL that DB_* configure (as the deployed stack sets them), and says so")
  void targetDefaultsToTheConfiguredDatabase() throws Exception {
    var database = TestPostgres.newDatabase("migrate_env");
    MigrateDbCommand command = new MigrateDbCommand();
    command.environment = Map.of("DB_HOST", database.host(), "DB_PORT", Integer.toString(database.port()),
        "DB_NAME", database.name(), "DB_USERNAME", database.username(), "DB_PASSWORD", database.password());
    assertThat(new CommandLine(command).execute("--from", deployment.database.toString())).isZero();

    List<Map<String, Object>> users = Sql.query(DatabaseLocation.of(database), "SELECT email FROM users ORDER BY email");
    assertThat(users).extracting(u -> u.get("email"))
        .containsExactly("ada@example.com", "bob@example.com", "carol@example.com", DevDeployment.DANA_EMAIL);

    MigrateDbCommand withoutDatabase = new MigrateDbCommand();
    withoutDatabase.environment = Map.of();
    assertThat(new CommandLine(withoutDatabase).execute("--from", deployment.database.toString()))
        .isEqualTo(ExitCodes.USAGE);
  }

  private Result migrate(Options options, BooleanSupplier stop) throws Exception {
    return new DatabaseMigration(source, target, options, stop).run();
  }

  private DatabaseVerification.Result verify() throws Exception {
    return new DatabaseVerification(source, target, 100, 20, Duration.ofSeconds(5), () -> false).run();
  }
}
