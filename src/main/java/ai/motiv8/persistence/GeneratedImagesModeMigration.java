package ai.motiv8.persistence;

import java.sql.SQLException;
import java.sql.Statement;

/**
 * SQLite version 2: adds {@code generated_images.mode} where an early Python database lacks it.
 * PostgreSQL's version 2 is plain SQL.
 */
final class GeneratedImagesModeMigration extends SqliteJavaMigration {

  GeneratedImagesModeMigration() {
    super(2, "generated images mode");
  }

  @Override
  void migrate(Statement statement) throws SQLException {
    SqliteColumns.addIfAbsent(statement, "generated_images", "mode", "VARCHAR");
  }
}
