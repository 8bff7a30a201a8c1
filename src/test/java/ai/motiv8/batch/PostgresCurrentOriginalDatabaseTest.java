package ai.motiv8.batch;

import ai.motiv8.config.AppConfig.DatabaseConfig;
import ai.motiv8.persistence.TestDatabases;
import ai.motiv8.support.TestPostgres;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Map;

/** The current original's PostgreSQL database, as {@code create_all} makes it. */
class PostgresCurrentOriginalDatabaseTest extends CurrentOriginalDatabaseContractTest {

  @Override
  Map<String, String> createOriginalDatabase(Path dir) throws SQLException {
    DatabaseConfig db = TestDatabases.postgres();
    try (Connection connection = DriverManager.getConnection(TestPostgres.jdbcUrl(db));
         Statement sql = connection.createStatement()) {
      createOriginalTables(sql, "TIMESTAMP WITH TIME ZONE", "now()", "true", "false");
    }
    return BatchFixture.postgres(db);
  }
}
