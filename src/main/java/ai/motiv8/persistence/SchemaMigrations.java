package ai.motiv8.persistence;

import ai.motiv8.config.AppConfig.DatabaseConfig;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.configuration.FluentConfiguration;
import org.flywaydb.core.api.output.MigrateResult;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;

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

  /**
   * Opening a SQLite file sets WAL mode, which needs the file for a moment: while another process
   * (a second instance starting beside this one) migrates it, the open fails with SQLITE_BUSY
   * before {@code busy_timeout} applies, so the migration is tried again a few times.
   */
  private static final int SQLITE_BUSY_TRIES = 20;
  private static final long SQLITE_BUSY_PAUSE_MS = 250;

  /**
   * The PostgreSQL advisory lock that instances starting at once take around their migration:
   * Flyway locks its history table, but two instances on an empty database both try to create it
   * (one then fails with "unable to baseline ... already exists, and is empty").
   */
  private static final long POSTGRES_MIGRATION_LOCK = 0x6d6f746976385f6dL;

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
    MigrateResult result = jdbcUrl.startsWith("jdbc:sqlite:") ? migrateWhenFree(flyway.load())
        : migrateUnderLock(flyway.load(), jdbcUrl, username, password);
    return result.targetSchemaVersion != null ? result.targetSchemaVersion : result.initialSchemaVersion;
  }

  private static MigrateResult migrateUnderLock(Flyway flyway, String jdbcUrl, String username, String password) {
    try (Connection lock = DriverManager.getConnection(jdbcUrl, username, password)) {
      advisory(lock, "SELECT pg_advisory_lock(?)");
      try {
        return flyway.migrate();
      } finally {
        advisory(lock, "SELECT pg_advisory_unlock(?)");
      }
    } catch (SQLException e) {
      throw new IllegalStateException("Could not take the migration lock on " + jdbcUrl.split("\\?")[0] + ": "
          + e.getMessage(), e);
    }
  }

  private static void advisory(Connection connection, String sql) throws SQLException {
    try (PreparedStatement statement = connection.prepareStatement(sql)) {
      statement.setLong(1, POSTGRES_MIGRATION_LOCK);
      statement.execute();
    }
  }

  private static MigrateResult migrateWhenFree(Flyway flyway) {
    for (int attempt = 1; ; attempt++) {
      try {
        return flyway.migrate();
      } catch (RuntimeException failure) {
        if (attempt >= SQLITE_BUSY_TRIES || !isBusy(failure)) {
          throw failure;
        }
        try {
          Thread.sleep(SQLITE_BUSY_PAUSE_MS);
        } catch (InterruptedException interrupted) {
          Thread.currentThread().interrupt();
          throw failure;
        }
      }
    }
  }

  private static boolean isBusy(Throwable failure) {
    for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
      if (cause.getMessage() != null && cause.getMessage().contains("SQLITE_BUSY")) {
        return true;
      }
    }
    return false;
  }

  private static void createParentDirectory(Path file) throws IOException {
    Path parent = file.toAbsolutePath().getParent();
    if (parent != null) {
      Files.createDirectories(parent);
    }
  }
}
