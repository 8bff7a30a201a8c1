package ai.motiv8.migration;

import ai.motiv8.migration.TablePair.Row;
import ai.motiv8.migration.TablePair.Side;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.BooleanSupplier;

/**
 * The two open connections of a move and the row access both commands share: counting, reading a
 * table in key order a batch at a time, and finding rows by key. Blocking JDBC: the commands are
 * command-line tools, not event-loop code.
 */
final class Databases implements AutoCloseable {

  /** Bound parameters per statement, well under SQLite's 32,766 and PostgreSQL's 65,535. */
  private static final int MAX_PARAMETERS = 10_000;

  /** Handles one batch of rows; the scan stops early when the handler has been asked to stop. */
  @FunctionalInterface
  interface BatchHandler {
    void handle(List<Row> batch) throws SQLException;
  }

  private final Connection source;
  private final Connection target;
  private final Dialect sourceDialect;
  private final Dialect targetDialect;

  private Databases(Connection source, Dialect sourceDialect, Connection target, Dialect targetDialect) {
    this.source = source;
    this.target = target;
    this.sourceDialect = sourceDialect;
    this.targetDialect = targetDialect;
  }

  static Databases open(DatabaseLocation source, DatabaseLocation target) throws SQLException {
    Connection from = source.connect();
    try {
      return new Databases(from, source.dialect(), target.connect(), target.dialect());
    } catch (SQLException e) {
      from.close();
      throw e;
    }
  }

  Connection connection(Side side) {
    return side == Side.SOURCE ? source : target;
  }

  Dialect dialect(Side side) {
    return side == Side.SOURCE ? sourceDialect : targetDialect;
  }

  long count(TablePair table, Side side) throws SQLException {
    try (PreparedStatement statement = connection(side).prepareStatement(table.countAll(side, dialect(side)));
         ResultSet rows = statement.executeQuery()) {
      rows.next();
      return rows.getLong(1);
    }
  }

  /**
   * Reads every row of one side in key order, {@code batchSize} at a time, inside one read
   * transaction (a consistent snapshot; PostgreSQL needs it to stream with a cursor). Returns
   * false when it stopped early because {@code stop} said so.
   */
  boolean scan(TablePair table, Side side, int batchSize, BooleanSupplier stop, BatchHandler handler)
      throws SQLException {
    Connection connection = connection(side);
    boolean autoCommit = connection.getAutoCommit();
    connection.setAutoCommit(false);
    try (PreparedStatement statement = connection.prepareStatement(table.selectAll(side, dialect(side)),
        ResultSet.TYPE_FORWARD_ONLY, ResultSet.CONCUR_READ_ONLY)) {
      statement.setFetchSize(batchSize);
      try (ResultSet rows = statement.executeQuery()) {
        List<Row> batch = new ArrayList<>(batchSize);
        while (rows.next()) {
          batch.add(table.read(rows, side, dialect(side)));
          if (batch.size() == batchSize) {
            handler.handle(batch);
            batch = new ArrayList<>(batchSize);
            if (stop.getAsBoolean()) {
              return false;
            }
          }
        }
        if (!batch.isEmpty()) {
          handler.handle(batch);
        }
        return true;
      }
    } finally {
      connection.rollback();
      connection.setAutoCommit(autoCommit);
    }
  }

  /** The rows of one side that have any of {@code keys}, by key. */
  Map<List<Object>, Row> find(TablePair table, Side side, List<List<Object>> keys) throws SQLException {
    Map<List<Object>, Row> found = new HashMap<>();
    for (List<List<Object>> chunk : chunks(table, keys)) {
      try (PreparedStatement statement = connection(side).prepareStatement(
          table.selectByKeys(side, dialect(side), chunk.size(), false))) {
        table.bindKeys(statement, 1, chunk, side, dialect(side));
        try (ResultSet rows = statement.executeQuery()) {
          while (rows.next()) {
            Row row = table.read(rows, side, dialect(side));
            found.put(row.key(), row);
          }
        }
      }
    }
    return found;
  }

  /** Which of {@code keys} one side has. */
  Set<List<Object>> findKeys(TablePair table, Side side, List<List<Object>> keys) throws SQLException {
    Set<List<Object>> found = new HashSet<>();
    for (List<List<Object>> chunk : chunks(table, keys)) {
      try (PreparedStatement statement = connection(side).prepareStatement(
          table.selectByKeys(side, dialect(side), chunk.size(), true))) {
        table.bindKeys(statement, 1, chunk, side, dialect(side));
        try (ResultSet rows = statement.executeQuery()) {
          while (rows.next()) {
            found.add(table.readKey(rows, side, dialect(side)));
          }
        }
      }
    }
    return found;
  }

  /** Keys of the rows in {@code side} that the other side does not have, read in batches. */
  List<List<Object>> keysMissingFromOtherSide(TablePair table, Side side, int batchSize, BooleanSupplier stop)
      throws SQLException {
    Side other = side == Side.SOURCE ? Side.TARGET : Side.SOURCE;
    List<List<Object>> missing = new ArrayList<>();
    scan(table, side, batchSize, stop, batch -> {
      List<List<Object>> keys = batch.stream().map(Row::key).toList();
      Set<List<Object>> present = findKeys(table, other, keys);
      keys.stream().filter(key -> !present.contains(key)).forEach(missing::add);
    });
    return missing;
  }

  private static List<List<List<Object>>> chunks(TablePair table, List<List<Object>> keys) {
    int perKey = Math.max(1, keys.isEmpty() ? 1 : keys.get(0).size());
    int size = Math.max(1, MAX_PARAMETERS / perKey);
    List<List<List<Object>>> chunks = new ArrayList<>();
    for (int from = 0; from < keys.size(); from += size) {
      chunks.add(keys.subList(from, Math.min(keys.size(), from + size)));
    }
    return chunks;
  }

  @Override
  public void close() throws SQLException {
    try {
      source.close();
    } finally {
      target.close();
    }
  }
}
