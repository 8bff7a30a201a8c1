package ai.motiv8.persistence;

import ai.motiv8.config.AppConfig.DatabaseConfig;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * Plain JDBC reads of a test's database, for assertions on rows no service returns (counts of
 * {@code generated_images}, {@code batch_runs}). Blocking: call it off the event loop.
 */
public final class TestQueries {

  private TestQueries() {
  }

  /** The first column of the first row of {@code sql}, as a number. */
  public static long count(DatabaseConfig database, String sql) {
    try (Connection connection = DriverManager.getConnection(SqlPools.jdbcUrl(database), database.username(),
        database.password());
         Statement statement = connection.createStatement();
         ResultSet rows = statement.executeQuery(sql)) {
      return rows.next() ? rows.getLong(1) : 0;
    } catch (SQLException e) {
      throw new IllegalStateException("Query failed: " + sql, e);
    }
  }

  /** The first column of the first row of {@code sql}, as text (null when there is no row). */
  public static String text(DatabaseConfig database, String sql) {
    try (Connection connection = DriverManager.getConnection(SqlPools.jdbcUrl(database), database.username(),
        database.password());
         Statement statement = connection.createStatement();
         ResultSet rows = statement.executeQuery(sql)) {
      return rows.next() ? rows.getString(1) : null;
    } catch (SQLException e) {
      throw new IllegalStateException("Query failed: " + sql, e);
    }
  }
}
