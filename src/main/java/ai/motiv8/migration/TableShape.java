package ai.motiv8.migration;

import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * One table as one database has it, read from JDBC metadata: so that tables and columns added
 * by later migrations come along without changes here.
 *
 * @param name       the name as that database spells it
 * @param columns    in declaration order
 * @param primaryKey primary key column names in key order; empty when there is none
 * @param parents    lower-case names of the tables its foreign keys point at
 */
record TableShape(String name, List<Column> columns, List<String> primaryKey, Set<String> parents) {

  /** Flyway's bookkeeping: each side keeps its own. */
  static final String FLYWAY_HISTORY = "flyway_schema_history";

  /** The column called {@code name}, in any case, or null. */
  Column column(String name) {
    for (Column column : columns) {
      if (column.name().equalsIgnoreCase(name)) {
        return column;
      }
    }
    return null;
  }

  /** Every user table of the connected database, by lower-case name. */
  static Map<String, TableShape> readAll(Connection connection, Dialect dialect) throws SQLException {
    DatabaseMetaData meta = connection.getMetaData();
    String schema = dialect == Dialect.POSTGRESQL ? connection.getSchema() : null;
    List<String> names = new ArrayList<>();
    try (ResultSet tables = meta.getTables(null, schema, "%", new String[] {"TABLE"})) {
      while (tables.next()) {
        String name = tables.getString("TABLE_NAME");
        String lower = name.toLowerCase(Locale.ROOT);
        if (!lower.startsWith("sqlite_") && !lower.equals(FLYWAY_HISTORY)) {
          names.add(name);
        }
      }
    }
    Map<String, TableShape> shapes = new LinkedHashMap<>();
    for (String name : names) {
      shapes.put(name.toLowerCase(Locale.ROOT), read(meta, schema, name));
    }
    return shapes;
  }

  private static TableShape read(DatabaseMetaData meta, String schema, String table) throws SQLException {
    Map<Integer, Column> columns = new TreeMap<>();
    try (ResultSet rs = meta.getColumns(null, schema, table, "%")) {
      while (rs.next()) {
        columns.put(rs.getInt("ORDINAL_POSITION"), Column.of(rs.getString("COLUMN_NAME"), rs.getString("TYPE_NAME")));
      }
    }
    Map<Integer, String> key = new TreeMap<>();
    try (ResultSet rs = meta.getPrimaryKeys(null, schema, table)) {
      while (rs.next()) {
        key.put(rs.getInt("KEY_SEQ"), rs.getString("COLUMN_NAME"));
      }
    }
    Set<String> parents = new TreeSet<>();
    try (ResultSet rs = meta.getImportedKeys(null, schema, table)) {
      while (rs.next()) {
        parents.add(rs.getString("PKTABLE_NAME").toLowerCase(Locale.ROOT));
      }
    }
    return new TableShape(table, List.copyOf(columns.values()), List.copyOf(key.values()), parents);
  }
}
