package ai.motiv8.migration;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.StringJoiner;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * One table on both sides of a move: the columns each side has, what identifies a row, and the SQL
 * to read, find, insert, update and delete rows on either side. Only columns both sides have are
 * copied and compared; a table without a primary key is identified by all its columns.
 */
final class TablePair {

  enum Side { SOURCE, TARGET }

  /** A column by name, as each side has it (null where it lacks it), and the kind to compare it by. */
  record Field(String name, Column source, Column target, ValueKind kind) {

    boolean onBothSides() {
      return source != null && target != null;
    }

    Column on(Side side) {
      return side == Side.SOURCE ? source : target;
    }
  }

  /**
   * A row read from one side: its key and values in canonical form ({@link Values}), indexed like
   * {@link #fields()}; {@code problem} says which value could not be read, if any.
   */
  record Row(List<Object> key, Object[] values, String problem) {
  }

  private final String name;
  private final TableShape source;
  private final TableShape target;
  private final List<Field> fields;
  private final List<Integer> keyFields;
  private final boolean primaryKey;

  private TablePair(String name, TableShape source, TableShape target) {
    this.name = name;
    this.source = source;
    this.target = target;
    this.fields = fields(source, target);
    List<String> key = target != null && !target.primaryKey().isEmpty() ? target.primaryKey()
        : source != null ? source.primaryKey() : List.of();
    List<Integer> keyIndexes = new ArrayList<>();
    for (String column : key) {
      int index = indexOf(column);
      if (index < 0 || !fields.get(index).onBothSides()) {
        keyIndexes.clear();
        break;
      }
      keyIndexes.add(index);
    }
    this.primaryKey = !keyIndexes.isEmpty();
    if (!primaryKey) {
      for (int i = 0; i < fields.size(); i++) {
        if (fields.get(i).onBothSides()) {
          keyIndexes.add(i);
        }
      }
    }
    this.keyFields = List.copyOf(keyIndexes);
  }

  /** Every table of either side, parents before children (by the foreign keys each side declares). */
  static List<TablePair> inDependencyOrder(Map<String, TableShape> source, Map<String, TableShape> target) {
    Map<String, Set<String>> parents = new TreeMap<>();
    for (Map<String, TableShape> side : List.of(source, target)) {
      side.forEach((table, shape) -> parents.computeIfAbsent(table, t -> new TreeSet<>()).addAll(shape.parents()));
    }
    List<String> order = new ArrayList<>();
    Set<String> placed = new TreeSet<>();
    boolean progress = true;
    while (placed.size() < parents.size() && progress) {
      progress = false;
      for (var entry : parents.entrySet()) {
        String table = entry.getKey();
        boolean ready = entry.getValue().stream()
            .allMatch(parent -> parent.equals(table) || placed.contains(parent) || !parents.containsKey(parent));
        if (!placed.contains(table) && ready) {
          order.add(table);
          placed.add(table);
          progress = true;
        }
      }
    }
    // A foreign key cycle: the rest in name order (the database will say if that does not load).
    parents.keySet().stream().filter(t -> !placed.contains(t)).forEach(order::add);
    return order.stream().map(t -> new TablePair(displayName(t, source, target), source.get(t), target.get(t))).toList();
  }

  private static String displayName(String table, Map<String, TableShape> source, Map<String, TableShape> target) {
    TableShape shape = target.containsKey(table) ? target.get(table) : source.get(table);
    return shape.name();
  }

  String name() {
    return name;
  }

  boolean existsOn(Side side) {
    return shape(side) != null;
  }

  List<Field> fields() {
    return fields;
  }

  /** True when rows are identified by a primary key, not by all their columns. */
  boolean hasPrimaryKey() {
    return primaryKey;
  }

  /** Columns only one side has, as {@code name (source only)} texts. */
  List<String> unmatchedColumns(Side side) {
    return fields.stream().filter(f -> f.on(side) != null && !f.onBothSides()).map(Field::name).toList();
  }

  /** {@code id=0b0c...} for logs. */
  String describeKey(List<Object> key) {
    StringJoiner text = new StringJoiner(", ");
    for (int i = 0; i < keyFields.size(); i++) {
      text.add(fields.get(keyFields.get(i)).name() + "=" + Values.display(i < key.size() ? key.get(i) : null));
    }
    return text.toString();
  }

  /** Names of the columns (on both sides) whose values differ. */
  List<String> differences(Row source, Row target) {
    List<String> differing = new ArrayList<>();
    for (int i = 0; i < fields.size(); i++) {
      if (fields.get(i).onBothSides() && !Objects.equals(source.values()[i], target.values()[i])) {
        differing.add(fields.get(i).name());
      }
    }
    return differing;
  }

  /** {@code workout_days: source {...}, target {...}} for each differing column. */
  String describeDifferences(Row source, Row target, List<String> columns) {
    return columns.stream().map(column -> {
      int i = indexOf(column);
      return column + ": source " + Values.display(source.values()[i]) + ", target " + Values.display(target.values()[i]);
    }).collect(Collectors.joining("; "));
  }

  // ---- SQL ----

  /** All rows of one side in key order. */
  String selectAll(Side side, Dialect dialect) {
    return "SELECT " + columnList(side, dialect) + " FROM " + table(side, dialect)
        + " ORDER BY " + keyFields.stream().map(i -> dialect.quote(fields.get(i).on(side).name()))
            .collect(Collectors.joining(", "));
  }

  /** Rows of one side with any of {@code count} keys (bind with {@link #bindKeys}). */
  String selectByKeys(Side side, Dialect dialect, int count, boolean keysOnly) {
    String columns = keysOnly
        ? keyFields.stream().map(i -> dialect.quote(fields.get(i).on(side).name())).collect(Collectors.joining(", "))
        : columnList(side, dialect);
    return "SELECT " + columns + " FROM " + table(side, dialect) + " WHERE " + keyCondition(side, dialect, count);
  }

  String countAll(Side side, Dialect dialect) {
    return "SELECT COUNT(*) FROM " + table(side, dialect);
  }

  /** Inserts one target row; a row that would break a unique constraint is left out, with a count of 0. */
  String insert(Dialect dialect) {
    List<Field> copied = fields.stream().filter(Field::onBothSides).toList();
    return "INSERT INTO " + table(Side.TARGET, dialect)
        + " (" + copied.stream().map(f -> dialect.quote(f.target().name())).collect(Collectors.joining(", ")) + ")"
        + " VALUES (" + copied.stream().map(f -> Values.placeholder(f.target(), dialect)).collect(Collectors.joining(", ")) + ")"
        + " ON CONFLICT DO NOTHING";
  }

  /** Sets every non-key column of one target row; null when the table has no such column. */
  String update(Dialect dialect) {
    List<Field> set = settableFields();
    if (set.isEmpty()) {
      return null;
    }
    return "UPDATE " + table(Side.TARGET, dialect) + " SET "
        + set.stream().map(f -> dialect.quote(f.target().name()) + " = " + Values.placeholder(f.target(), dialect))
            .collect(Collectors.joining(", "))
        + " WHERE " + keyCondition(Side.TARGET, dialect, 1);
  }

  String delete(Side side, Dialect dialect) {
    return "DELETE FROM " + table(side, dialect) + " WHERE " + keyCondition(side, dialect, 1);
  }

  void bindInsert(PreparedStatement statement, Row row, Dialect dialect) throws SQLException {
    int index = 1;
    for (int i = 0; i < fields.size(); i++) {
      Field field = fields.get(i);
      if (field.onBothSides()) {
        Values.bind(statement, index++, row.values()[i], field.target(), dialect);
      }
    }
  }

  void bindUpdate(PreparedStatement statement, Row row, Dialect dialect) throws SQLException {
    int index = 1;
    for (Field field : settableFields()) {
      Values.bind(statement, index++, row.values()[fields.indexOf(field)], field.target(), dialect);
    }
    bindKeys(statement, index, List.of(row.key()), Side.TARGET, dialect);
  }

  /** Binds the keys from parameter {@code first} on; returns the next parameter index. */
  int bindKeys(PreparedStatement statement, int first, List<List<Object>> keys, Side side, Dialect dialect)
      throws SQLException {
    int index = first;
    for (List<Object> key : keys) {
      for (int i = 0; i < keyFields.size(); i++) {
        Values.bind(statement, index++, key.get(i), fields.get(keyFields.get(i)).on(side), dialect);
      }
    }
    return index;
  }

  /** Reads a row of {@link #selectAll} or {@link #selectByKeys}; unreadable values are named in {@code problem}. */
  Row read(ResultSet rows, Side side, Dialect dialect) throws SQLException {
    Object[] values = new Object[fields.size()];
    List<String> problems = new ArrayList<>();
    int index = 1;
    for (int i = 0; i < fields.size(); i++) {
      Field field = fields.get(i);
      Column column = field.on(side);
      if (column == null) {
        continue;
      }
      Object raw = Values.read(rows, index++, column, dialect);
      try {
        values[i] = Values.canonical(raw, field.kind());
      } catch (IllegalArgumentException e) {
        problems.add(field.name() + ": " + e.getMessage());
      }
    }
    return new Row(key(values), values, problems.isEmpty() ? null : String.join("; ", problems));
  }

  /** Reads the key columns of a {@code keysOnly} {@link #selectByKeys}. */
  List<Object> readKey(ResultSet rows, Side side, Dialect dialect) throws SQLException {
    List<Object> key = new ArrayList<>();
    for (int i = 0; i < keyFields.size(); i++) {
      Field field = fields.get(keyFields.get(i));
      Object raw = Values.read(rows, i + 1, field.on(side), dialect);
      try {
        key.add(Values.canonical(raw, field.kind()));
      } catch (IllegalArgumentException e) {
        key.add(raw);
      }
    }
    return key;
  }

  private List<Object> key(Object[] values) {
    List<Object> key = new ArrayList<>(keyFields.size());
    for (int index : keyFields) {
      key.add(values[index]);
    }
    return Collections.unmodifiableList(key);
  }

  private List<Field> settableFields() {
    List<Field> set = new ArrayList<>();
    for (int i = 0; i < fields.size(); i++) {
      if (fields.get(i).onBothSides() && !keyFields.contains(i)) {
        set.add(fields.get(i));
      }
    }
    return set;
  }

  private String keyCondition(Side side, Dialect dialect, int count) {
    if (keyFields.size() == 1 && primaryKey) {
      String column = dialect.quote(fields.get(keyFields.get(0)).on(side).name());
      return count == 1 ? column + " = ?" : column + " IN (" + String.join(", ", Collections.nCopies(count, "?")) + ")";
    }
    // Without a primary key a row is all its columns, NULLs included.
    String equals = primaryKey ? " = ?" : " IS NOT DISTINCT FROM ?";
    String one = "(" + keyFields.stream().map(i -> dialect.quote(fields.get(i).on(side).name()) + equals)
        .collect(Collectors.joining(" AND ")) + ")";
    return String.join(" OR ", Collections.nCopies(count, one));
  }

  private String columnList(Side side, Dialect dialect) {
    return fields.stream().filter(f -> f.on(side) != null).map(f -> dialect.quote(f.on(side).name()))
        .collect(Collectors.joining(", "));
  }

  private String table(Side side, Dialect dialect) {
    return dialect.quote(shape(side).name());
  }

  private TableShape shape(Side side) {
    return side == Side.SOURCE ? source : target;
  }

  private int indexOf(String column) {
    for (int i = 0; i < fields.size(); i++) {
      if (fields.get(i).name().equalsIgnoreCase(column)) {
        return i;
      }
    }
    return -1;
  }

  /** Target columns first, in their order, then the columns only the source has. */
  private static List<Field> fields(TableShape source, TableShape target) {
    Map<String, Field> fields = new LinkedHashMap<>();
    if (target != null) {
      for (Column column : target.columns()) {
        Column other = source == null ? null : source.column(column.name());
        fields.put(column.name().toLowerCase(Locale.ROOT), new Field(column.name(), other, column,
            ValueKind.combine(column.kind(), other == null ? null : other.kind())));
      }
    }
    if (source != null) {
      for (Column column : source.columns()) {
        fields.putIfAbsent(column.name().toLowerCase(Locale.ROOT),
            new Field(column.name(), column, null, column.kind()));
      }
    }
    return List.copyOf(fields.values());
  }
}
