package ai.motiv8.persistence;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

/** SQLite has no {@code ADD COLUMN IF NOT EXISTS}: the Java migrations ask the table first. */
final class SqliteColumns {

  private SqliteColumns() {
  }

  static boolean has(Statement statement, String table, String column) throws SQLException {
    try (ResultSet columns = statement.executeQuery("PRAGMA table_info(" + table + ")")) {
      while (columns.next()) {
        if (column.equalsIgnoreCase(columns.getString("name"))) {
          return true;
        }
      }
      return false;
    }
  }

  /**
   * Adds {@code column} with its {@code definition} (type, constraints, default) unless present.
   *
   * @return whether it was added
   */
  static boolean addIfAbsent(Statement statement, String table, String column, String definition)
      throws SQLException {
    if (has(statement, table, column)) {
      return false;
    }
    statement.execute("ALTER TABLE " + table + " ADD COLUMN " + column + " " + definition);
    return true;
  }
}
