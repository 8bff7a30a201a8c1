package ai.motiv8.persistence;

import ai.motiv8.config.AppConfig.DatabaseConfig;
import ai.motiv8.support.PythonDatabases;
import ai.motiv8.support.ShippedMigrations;
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

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * An SQLite {@code motiv8.db} written by the Python service is upgraded in place: every row and
 * field is kept, and the result has the schema of a database that this service created.
 */
@ExtendWith(VertxExtension.class)
@Timeout(value = 60, timeUnit = TimeUnit.SECONDS)
@DisplayName("A Python-made SQLite database")
class PythonSqliteUpgradeTest {

  private static final String ADA = PythonDatabases.ADA;
  private static final String BOB = PythonDatabases.BOB;
  private static final String CAROL = PythonDatabases.CAROL;

  @Test
  @DisplayName("without generated images keeps every user and field, and takes writes")
  void usersOnly(Vertx vertx, VertxTestContext testContext) throws SQLException {
    Path file = pythonDatabase(PythonDatabases.Version.USERS_ONLY);
    UserStore store = UserStore.createProxy(vertx);
    vertx.deployVerticle(new PersistenceVerticle(TestDatabases.sqliteAt(file)))
        .compose(deployed -> readPythonUsers(store, testContext))
        .compose(read -> writeToPythonUsers(store, testContext))
        .onComplete(testContext.succeedingThenComplete());
  }

  @Test
  @DisplayName("with generated images that have no mode column keeps them and records new ones")
  void imagesWithoutMode(Vertx vertx, VertxTestContext testContext) throws SQLException {
    Path file = pythonDatabase(PythonDatabases.Version.IMAGES_WITHOUT_MODE);
    UserStore store = UserStore.createProxy(vertx);
    vertx.deployVerticle(new PersistenceVerticle(TestDatabases.sqliteAt(file)))
        .compose(deployed -> readPythonUsers(store, testContext))
        .compose(read -> store.latestGeneratedImage(ADA, "2025-12-21"))
        .onSuccess(latest -> testContext.verify(() -> {
          assertThat(latest.toJson()).isEqualTo(new GeneratedImage("img-2", ADA, "generated_images/ada-2.png",
              "2025-12-21", 1_766_349_000_000L, null, null, null).toJson());
        }))
        .compose(read -> writeToPythonUsers(store, testContext))
        .onComplete(testContext.succeedingThenComplete());
  }

  @Test
  @DisplayName("with generated images and their mode keeps them and records new ones")
  void imagesWithMode(Vertx vertx, VertxTestContext testContext) throws SQLException {
    Path file = pythonDatabase(PythonDatabases.Version.IMAGES_WITH_MODE);
    UserStore store = UserStore.createProxy(vertx);
    vertx.deployVerticle(new PersistenceVerticle(TestDatabases.sqliteAt(file)))
        .compose(deployed -> store.latestGeneratedImage(ADA, "2025-12-21"))
        .onSuccess(latest -> testContext.verify(() -> {
          assertThat(latest.id()).isEqualTo("img-2");
          assertThat(latest.mode()).isEqualTo("ripped");
        }))
        .compose(read -> writeToPythonUsers(store, testContext))
        .onComplete(testContext.succeedingThenComplete());
  }

  @Test
  @DisplayName("moves batch/on_demand written into mode by our earlier release to source, and writes the user's mode")
  void earlierReleaseModeValues(Vertx vertx, VertxTestContext testContext) throws SQLException {
    Path file = pythonDatabase(PythonDatabases.Version.IMAGES_WITH_MODE);
    try (Connection connection = DriverManager.getConnection("jdbc:sqlite:" + file);
         Statement sql = connection.createStatement()) {
      sql.execute("INSERT INTO generated_images (id, user_id, s3_key, generation_date, generated_at_millis, mode)"
          + " VALUES ('img-ours', '" + ADA + "', 'generated/ours.png', '2025-12-24', 1766600000000, 'batch')");
    }
    UserStore store = UserStore.createProxy(vertx);
    vertx.deployVerticle(new PersistenceVerticle(TestDatabases.sqliteAt(file)))
        .compose(deployed -> store.latestGeneratedImage(ADA, "2025-12-24"))
        .onSuccess(ours -> testContext.verify(() -> {
          assertThat(ours.id()).isEqualTo("img-ours");
          assertThat(ours.source()).isEqualTo("batch");
          assertThat(ours.mode()).isEqualTo("ripped");
        }))
        .compose(checked -> store.latestGeneratedImage(ADA, "2025-12-21"))
        .onSuccess(python -> testContext.verify(() -> {
          assertThat(python.mode()).isEqualTo("ripped");
          assertThat(python.source()).isNull();
        }))
        .onComplete(testContext.succeedingThenComplete());
  }

  @Test
  @DisplayName("ends with the same schema as a new database, and a restart migrates nothing more")
  void sameSchemaAsNewDatabase(Vertx vertx, VertxTestContext testContext) throws SQLException {
    Path python = pythonDatabase(PythonDatabases.Version.IMAGES_WITHOUT_MODE);
    DatabaseConfig fresh = TestDatabases.sqlite();
    vertx.deployVerticle(new PersistenceVerticle(TestDatabases.sqliteAt(python)))
        .compose(id -> vertx.undeploy(id))
        .compose(undeployed -> vertx.deployVerticle(new PersistenceVerticle(TestDatabases.sqliteAt(python))))
        .compose(again -> vertx.deployVerticle(new PersistenceVerticle(fresh)))
        .compose(deployed -> vertx.executeBlocking(() -> {
          testContext.verify(() -> {
            assertThat(schema(python)).isEqualTo(schema(Path.of(fresh.sqlitePath())));
            assertThat(appliedVersions(python)).containsExactlyElementsOf(ShippedMigrations.versionsAfterPythonBaseline());
            assertThat(appliedVersions(Path.of(fresh.sqlitePath()))).containsExactlyElementsOf(ShippedMigrations.versions());
          });
          return null;
        }))
        .onComplete(testContext.succeedingThenComplete());
  }

  private static Future<Void> readPythonUsers(UserStore store, VertxTestContext testContext) {
    return Future.all(store.findById(ADA), store.findById(BOB), store.findById(CAROL)).map(all -> {
      testContext.verify(() -> assertPythonUsers(all.resultAt(0), all.resultAt(1), all.resultAt(2)));
      return null;
    });
  }

  private static void assertPythonUsers(User ada, User bob, User carol) {
    assertThat(ada.toJson()).isEqualTo(new JsonObject()
        .put("id", ADA)
        .put("email", "ada@example.com")
        .put("name", null)
        .put("google_id", "google-ada")
        .put("apple_id", null)
        .put("selfie_filename", "20251221_202208_ab12cd34.jpg")
        .put("selfie_embedding_filename", "20251221_202208_ab12cd34.npy")
        .put("embedding_model", null)
        .put("gender", null)
        .put("anti_motivation_mode", false)
        .put("mode", "ripped")
        .put("email_opt_out", false)
        .put("time_zone", null)
        .put("send_time", null)
        .put("deletion_requested_at_millis", null)
        .put("next_send_at_millis", null)
        .put("next_send_date", null)
        .put("workout_days", User.normalizeDays(new JsonObject().put("monday", true).put("wednesday", true)))
        .put("created_at", "2025-12-21T20:22:08+00:00")
        .put("updated_at", "2025-12-22T07:00:00+00:00"));
    assertThat(bob.email()).isEqualTo("bob@example.com");
    assertThat(bob.googleId()).isNull();
    assertThat(bob.hasSelfie()).isFalse();
    assertThat(bob.workoutDays()).isEqualTo(User.normalizeDays(null));
    assertThat(bob.createdAt()).isEqualTo("2025-12-20T09:15:00+00:00");
    assertThat(bob.updatedAt()).isNull();
    assertThat(carol.workoutDays()).isEqualTo(User.normalizeDays(new JsonObject().put("friday", true)));
    assertThat(carol.createdAt()).isEqualTo("2025-11-01T00:00:00+00:00");
  }

  private static Future<Void> writeToPythonUsers(UserStore store, VertxTestContext testContext) {
    return store.updateWorkoutDays(BOB, new JsonObject().put("sunday", true))
        .compose(bob -> store.replaceSelfie(ADA, "new.jpg", "new.npy", "default/fr"))
        .compose(previous -> store.recordGeneratedImage(
                new GeneratedImage(null, ADA, "generated/new.png", "2025-12-21", 1_766_400_000_000L, "ripped", "batch", null))
            .compose(recorded -> store.latestGeneratedImage(ADA, "2025-12-21"))
            .compose(latest -> store.findOrCreateByEmail("carol@example.com")
                .compose(carol -> store.signInWithGoogle("google-ada", "ada@example.com", null)
                    .compose(ada -> store.findById(BOB)
                        .map(bob -> {
                          testContext.verify(() -> {
                            assertThat(previous.selfieFilename()).isEqualTo("20251221_202208_ab12cd34.jpg");
                            assertThat(ada.selfieFilename()).isEqualTo("new.jpg");
                            assertThat(ada.embeddingModel()).isEqualTo("default/fr");
                            assertThat(ada.createdAt()).isEqualTo("2025-12-21T20:22:08+00:00");
                            assertThat(latest.s3Key()).isEqualTo("generated/new.png");
                            assertThat(carol.id()).isEqualTo(CAROL);
                            assertThat(bob.workoutDays()).isEqualTo(User.normalizeDays(new JsonObject().put("sunday", true)));
                            assertThat(bob.updatedAt()).isNotNull();
                          });
                          return null;
                        })))));
  }

  /** The tables as the Python service left them. */
  private static Path pythonDatabase(PythonDatabases.Version version) throws SQLException {
    return PythonDatabases.create(TestDatabases.newSqliteFile(), version);
  }

  /** Columns (name, declared type, primary key) and unique column sets of both tables. */
  private static List<String> schema(Path file) throws SQLException {
    List<String> schema = new ArrayList<>();
    try (Connection connection = DriverManager.getConnection("jdbc:sqlite:" + file);
         Statement sql = connection.createStatement()) {
      for (String table : List.of("users", "generated_images")) {
        try (ResultSet columns = sql.executeQuery("PRAGMA table_info(" + table + ")")) {
          while (columns.next()) {
            schema.add(table + "." + columns.getString("name") + " " + columns.getString("type")
                + (columns.getInt("pk") > 0 ? " pk" : ""));
          }
        }
        schema.add(table + " unique " + uniqueColumnSets(connection, table));
        schema.add(table + " indexed " + indexedColumnSets(connection, table));
      }
    }
    return schema;
  }

  private static Set<String> uniqueColumnSets(Connection connection, String table) throws SQLException {
    return columnSets(connection, table, true);
  }

  private static Set<String> indexedColumnSets(Connection connection, String table) throws SQLException {
    return columnSets(connection, table, false);
  }

  private static Set<String> columnSets(Connection connection, String table, boolean unique) throws SQLException {
    Set<String> sets = new TreeSet<>();
    List<String> indexes = new ArrayList<>();
    try (Statement sql = connection.createStatement();
         ResultSet list = sql.executeQuery("PRAGMA index_list(" + table + ")")) {
      while (list.next()) {
        if (list.getInt("unique") == (unique ? 1 : 0)) {
          indexes.add(list.getString("name"));
        }
      }
    }
    for (String index : indexes) {
      List<String> columns = new ArrayList<>();
      try (Statement sql = connection.createStatement();
           ResultSet info = sql.executeQuery("PRAGMA index_info('" + index + "')")) {
        while (info.next()) {
          columns.add(info.getString("name"));
        }
      }
      sets.add(String.join(",", columns));
    }
    return sets;
  }

  private static List<String> appliedVersions(Path file) throws SQLException {
    List<String> versions = new ArrayList<>();
    try (Connection connection = DriverManager.getConnection("jdbc:sqlite:" + file);
         Statement sql = connection.createStatement();
         ResultSet rows = sql.executeQuery(
             "SELECT version FROM flyway_schema_history WHERE success = 1 ORDER BY installed_rank")) {
      while (rows.next()) {
        versions.add(rows.getString("version"));
      }
    }
    return versions;
  }
}
