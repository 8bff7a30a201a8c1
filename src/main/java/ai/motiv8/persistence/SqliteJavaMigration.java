package ai.motiv8.persistence;

import org.flywaydb.core.api.MigrationVersion;
import org.flywaydb.core.api.migration.Context;
import org.flywaydb.core.api.migration.JavaMigration;

import java.sql.SQLException;
import java.sql.Statement;

/**
 * A SQLite schema version written in Java, because SQLite has no {@code ADD COLUMN IF NOT EXISTS}
 * (see {@link SqliteColumns}). The version number doubles as the checksum: the SQL a version runs
 * never changes once released.
 */
abstract class SqliteJavaMigration implements JavaMigration {

  private final int version;
  private final String description;

  SqliteJavaMigration(int version, String description) {
    this.version = version;
    this.description = description;
  }

  /** Runs the version's statements, in the migration's transaction. */
  abstract void migrate(Statement statement) throws SQLException;

  @Override
  public final MigrationVersion getVersion() {
    return MigrationVersion.fromVersion(String.valueOf(version));
  }

  @Override
  public final String getDescription() {
    return description;
  }

  @Override
  public final Integer getChecksum() {
    return version;
  }

  @Override
  public final boolean canExecuteInTransaction() {
    return true;
  }

  @Override
  public final void migrate(Context context) throws SQLException {
    try (Statement statement = context.getConnection().createStatement()) {
      migrate(statement);
    }
  }
}
