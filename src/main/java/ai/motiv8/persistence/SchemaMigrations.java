package ai.motiv8.persistence;

import ai.motiv8.config.AppConfig.DatabaseConfig;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.configuration.FluentConfiguration;
import org.flywaydb.core.api.output.MigrateResult;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Flyway migrations of {@code db/migration/sqlite} or {@code db/migration/postgresql}. Blocking:
 * call it from a worker thread.
 */
final class SchemaMigrations {

  /**
   * A database that the Python service made has tables but no Flyway history: it is baselined
   * below version 1, so every migration still runs on it (they are written to be no-ops where the
   * Python schema already has what they create).
   */
  private static final String PYTHON_BASELINE = "0";

  private SchemaMigrations() {
  }

  /** Brings the schema to the latest version; returns that version. */
  static String migrate(DatabaseConfig config) throws IOException {
    FluentConfiguration flyway = Flyway.configure()
        .baselineOnMigrate(true)
        .baselineVersion(PYTHON_BASELINE)
        .baselineDescription("schema of the Python service");
    if (config.isPostgres()) {
      flyway.dataSource(SqlPools.jdbcUrl(config), config.username(), config.password())
          .locations("classpath:db/migration/postgresql");
    } else {
      createParentDirectory(Path.of(config.sqlitePath()));
      flyway.dataSource(SqlPools.jdbcUrl(config), null, null)
          .locations("classpath:db/migration/sqlite")
          .javaMigrations(new GeneratedImagesModeMigration());
    }
    MigrateResult result = flyway.load().migrate();
    return result.targetSchemaVersion != null ? result.targetSchemaVersion : result.initialSchemaVersion;
  }

  private static void createParentDirectory(Path file) throws IOException {
    Path parent = file.toAbsolutePath().getParent();
    if (parent != null) {
      Files.createDirectories(parent);
    }
  }
}
