package ai.motiv8.migration;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Plain JDBC for test set-up and checks. */
final class Sql {

  private Sql() {
  }

  static List<Map<String, Object>> query(DatabaseLocation database, String sql, Object... parameters) throws SQLException {
    try (Connection connection = database.connect(); PreparedStatement statement = connection.prepareStatement(sql)) {
      for (int i = 0; i < parameters.length; i++) {
        statement.setObject(i + 1, parameters[i]);
      }
      try (ResultSet rows = statement.executeQuery()) {
        ResultSetMetaData meta = rows.getMetaData();
        List<Map<String, Object>> all = new ArrayList<>();
        while (rows.next()) {
          Map<String, Object> row = new LinkedHashMap<>();
          for (int c = 1; c <= meta.getColumnCount(); c++) {
            row.put(meta.getColumnLabel(c).toLowerCase(), rows.getObject(c));
          }
          all.add(row);
        }
        return all;
      }
    }
  }

  static Object value(DatabaseLocation database, String sql, Object... parameters) throws SQLException {
    List<Map<String, Object>> rows = query(database, sql, parameters);
    return rows.isEmpty() ? null : rows.get(0).values().iterator().next();
  }

  static void execute(DatabaseLocation database, String... statements) throws SQLException {
    try (Connection connection = database.connect()) {
      for (String sql : statements) {
        try (PreparedStatement statement = connection.prepareStatement(sql)) {
          statement.execute();
        }
      }
    }
  }
}
