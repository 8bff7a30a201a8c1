package ai.motiv8.migration;

/**
 * A column as one database declares it.
 *
 * @param name     the name as that database spells it
 * @param typeName the declared (SQLite) or catalogue (PostgreSQL) type name
 * @param kind     what the type name says the column holds
 */
record Column(String name, String typeName, ValueKind kind) {

  static Column of(String name, String typeName) {
    return new Column(name, typeName == null ? "" : typeName, ValueKind.ofTypeName(typeName));
  }
}
