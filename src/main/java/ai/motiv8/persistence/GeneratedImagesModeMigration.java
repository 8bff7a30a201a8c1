package ai.motiv8.persistence;

import org.flywaydb.core.api.MigrationVersion;
import org.flywaydb.core.api.migration.Context;
import org.flywaydb.core.api.migration.JavaMigration;

import java.sql.SQLException;
import java.sql.Statement;

/**
 * SQLite version 2: adds {@code generated_images.mode} where an early Python database lacks it.
 * A Java migration because SQLite has no {@code ADD COLUMN IF NOT EXISTS}; PostgreSQL's version 2
 * is plain SQL.
 */
final class GeneratedImagesModeMigration implements JavaMigration {

  @Override
  public MigrationVersion getVersion() {
    return MigrationVersion.fromVersion("2");
  }

  @Override
  public String getDescription() {
    return "generated images mode";
  }

  @Override
  public Integer getChecksum() {
    return 2;
  }

  @Override
  public boolean canExecuteInTransaction() {
    return true;
  }

  @Override
  public void migrate(Context context) throws SQLException {
    try (Statement statement = context.getConnection().createStatement()) {
      SqliteColumns.addIfAbsent(statement, "generated_images", "mode", "VARCHAR");
    }
  }
}
