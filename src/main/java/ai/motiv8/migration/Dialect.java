package ai.motiv8.migration;

/** The two databases motiv8 runs on, and what differs between them in the SQL the commands write. */
enum Dialect {
  SQLITE, POSTGRESQL;

  static Dialect of(String jdbcUrl) {
    if (jdbcUrl.startsWith("jdbc:sqlite:")) {
      return SQLITE;
    }
    if (jdbcUrl.startsWith("jdbc:postgresql:")) {
      return POSTGRESQL;
    }
    throw new IllegalArgumentException("Only SQLite and PostgreSQL databases are supported, not "
        + jdbcUrl.split("[?;]")[0]);
  }

  /** Both quote identifiers the SQL-standard way. */
  String quote(String identifier) {
    return "\"" + identifier.replace("\"", "\"\"") + "\"";
  }
}
