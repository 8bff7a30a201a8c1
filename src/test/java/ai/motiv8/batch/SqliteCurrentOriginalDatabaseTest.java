package ai.motiv8.batch;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Map;

/** The current original's SQLite {@code motiv8.db}, as {@code create_all} makes it. */
class SqliteCurrentOriginalDatabaseTest extends CurrentOriginalDatabaseContractTest {

  @Override
  Map<String, String> createOriginalDatabase(Path dir) throws SQLException {
    Path file = dir.resolve("motiv8.db");
    try (Connection connection = DriverManager.getConnection("jdbc:sqlite:" + file);
         Statement sql = connection.createStatement()) {
      createOriginalTables(sql, "DATETIME", "(CURRENT_TIMESTAMP)", "1", "0");
    }
    return Map.of("SQLITE_PATH", file.toString());
  }
}
