package ai.motiv8.migration;

import java.util.Locale;

/**
 * What a column holds, whatever each database calls it: SQLite's declared {@code DATETIME} and
 * PostgreSQL's {@code timestamptz} are both {@link #TIMESTAMP}. Values are compared and written by
 * kind (see {@link Values}).
 */
enum ValueKind {
  TEXT, INTEGER, REAL, DECIMAL, BOOLEAN, DATE, TIMESTAMP, JSON, BYTES;

  /** The kind of a declared (SQLite) or catalogue (PostgreSQL) type name; unknown names are text. */
  static ValueKind ofTypeName(String typeName) {
    String type = typeName == null ? "" : typeName.toLowerCase(Locale.ROOT);
    if (type.contains("json")) {
      return JSON;
    }
    if (type.contains("timestamp") || type.contains("datetime")) {
      return TIMESTAMP;
    }
    if (type.equals("date")) {
      return DATE;
    }
    if (type.contains("bool")) {
      return BOOLEAN;
    }
    if (type.contains("int") || type.contains("serial")) {
      return INTEGER;
    }
    if (type.contains("real") || type.contains("float") || type.contains("double")) {
      return REAL;
    }
    if (type.contains("numeric") || type.contains("decimal")) {
      return DECIMAL;
    }
    if (type.contains("blob") || type.contains("bytea") || type.contains("binary")) {
      return BYTES;
    }
    return TEXT;
  }

  /**
   * The kind to compare a column by when the two sides name it differently: the target's, unless
   * that says no more than text (an SQLite column declared loosely, say).
   */
  static ValueKind combine(ValueKind target, ValueKind source) {
    if (target == null) {
      return source;
    }
    if (source == null || target != TEXT) {
      return target;
    }
    return source;
  }
}
