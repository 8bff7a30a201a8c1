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
 * call it from a worker thread. Public for the migration commands, which bring both sides of a
 * move to the same schema.
 */
public final class SchemaMigrations {

  /**
   * A database that the Python service made has tables but no Flyway history: it is baselined
   * below version 1, so every migration still runs on it (they are written to be no-ops where the
   * Python schema already has what they create).
   */
  private static final String PYTHON_BASELINE = "0";

  private SchemaMigrations() {
  }

  /** Brings the schema to the latest version; returns that version. */
  public static String migrate(DatabaseConfig config) throws IOException {
    if (config.isPostgres()) {
      return migrate(SqlPools.jdbcUrl(config), config.username(), config.password());
    }
    createParentDirectory(Path.of(config.sqlitePath()));
    return migrate(SqlPools.jdbcUrl(config), null, null);
  }

  /**
   * Brings the schema of the database at {@code jdbcUrl} ({@code jdbc:postgresql:} or
   * {@code jdbc:sqlite:}) to the latest version; returns that version.
   */
  public static String migrate(String jdbcUrl, String username, String password) {
    FluentConfiguration flyway = Flyway.configure()
        .baselineOnMigrate(true)
        .baselineVersion(PYTHON_BASELINE)
        .baselineDescription("schema of the Python service")
        .dataSource(jdbcUrl, username, password);
    if (jdbcUrl.startsWith("jdbc:postgresql:")) {
      flyway.locations("classpath:db/migration/postgresql");
    } else if (jdbcUrl.startsWith("jdbc:sqlite:")) {
      flyway.locations("classpath:db/migration/sqlite")
          .javaMigrations(new GeneratedImagesModeMigration(), new CurrentReleaseColumnsMigration());
    } else {
      throw new IllegalArgumentException("Only PostgreSQL and SQLite databases are supported, not " + jdbcUrl.split("\\?")[0]);
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
