package ai.motiv8.migration;

import ai.motiv8.migration.TablePair.Row;
import ai.motiv8.migration.TablePair.Side;
import ai.motiv8.persistence.SchemaMigrations;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;

/**
 * {@code migrate db}: brings both databases to the latest schema with the service's own Flyway
 * migrations (a Python-made SQLite source is upgraded first), then copies every table, parents
 * first, a batch per transaction. A source row is inserted when the target lacks its key, skipped
 * when the target has it with identical content, and otherwise reported as a conflict and left
 * alone (updated only with {@code updateChanged}). So a run can be stopped at any batch and run
 * again, and a second run after a live period copies only what is new.
 */
final class DatabaseMigration {

  private static final Logger log = LoggerFactory.getLogger(DatabaseMigration.class);

  static final String CONFLICT = "conflict";
  static final String TAKEN = "not inserted";
  static final String FAILED = "failed";
  static final String UNREADABLE = "unreadable";
  static final String UPDATED = "updated";
  static final String DELETED = "deleted";

  /**
   * @param batchSize        rows read, looked up and written per transaction
   * @param dryRun           migrate nothing, write nothing: count what would be done
   * @param updateChanged    update target rows that differ from the source (each one logged)
   * @param deleteExtra      delete target rows whose key the source does not have
   * @param detailLimit      findings listed per table and kind
   * @param progressInterval how often long tables log their progress
   */
  record Options(int batchSize, boolean dryRun, boolean updateChanged, boolean deleteExtra, int detailLimit,
                 Duration progressInterval) {

    static Options defaults() {
      return new Options(500, false, false, false, 20, Progress.DEFAULT_INTERVAL);
    }
  }

  /** What happened to one table (in a dry run: what would happen). */
  record TableResult(String table, long sourceRows, long inserted, long identical, long updated, long conflicts,
                     long failed, long deleted) {
  }

  /**
   * @param problems things that keep the target from being a copy (a table or column the target lacks)
   */
  record Result(List<TableResult> tables, List<String> problems, boolean interrupted) {

    boolean clean() {
      return problems.isEmpty() && !interrupted
          && tables.stream().allMatch(t -> t.conflicts() == 0 && t.failed() == 0);
    }

    TableResult table(String name) {
      return tables.stream().filter(t -> t.table().equalsIgnoreCase(name)).findFirst().orElse(null);
    }
  }

  private final DatabaseLocation source;
  private final DatabaseLocation target;
  private final Options options;
  private final BooleanSupplier stop;
  private final Findings findings;

  DatabaseMigration(DatabaseLocation source, DatabaseLocation target, Options options, BooleanSupplier stop) {
    if (options.batchSize() < 1) {
      throw new IllegalArgumentException("--batch-size must be at least 1");
    }
    this.source = source;
    this.target = target;
    this.options = options;
    this.stop = stop;
    this.findings = new Findings(log, options.detailLimit());
  }

  Result run() throws SQLException, IOException {
    if (source.sameDatabaseAs(target)) {
      throw new IllegalArgumentException("Source and target are the same database: " + source);
    }
    source.requireExisting();
    log.info("{}{} → {}", options.dryRun() ? "Dry run, nothing is written: " : "Migrating ", source, target);
    migrateSchemas();
    try (Databases db = Databases.open(source, target)) {
      List<TablePair> tables = TablePair.inDependencyOrder(
          TableShape.readAll(db.connection(Side.SOURCE), source.dialect()),
          TableShape.readAll(db.connection(Side.TARGET), target.dialect()));
      List<String> problems = new ArrayList<>();
      List<TableResult> results = new ArrayList<>();
      boolean interrupted = false;
      for (TablePair table : tables) {
        TableResult result = copy(db, table, problems);
        if (result != null) {
          results.add(result);
        }
        if (stop.getAsBoolean()) {
          interrupted = true;
          break;
        }
      }
      if (options.deleteExtra() && !interrupted) {
        results = deleteExtra(db, tables, results);
        interrupted = stop.getAsBoolean();
      }
      Result result = new Result(List.copyOf(results), List.copyOf(problems), interrupted);
      logSummary(result);
      return result;
    }
  }

  private void migrateSchemas() throws IOException {
    if (options.dryRun()) {
      log.info("Dry run: the schemas are not migrated; tables the target lacks count as copied in full");
      return;
    }
    String sourceVersion = SchemaMigrations.migrate(source.jdbcUrl(), source.user(), source.password());
    log.info("Source schema at version {} ({})", sourceVersion, source);
    if (target.sqliteFile() != null && target.sqliteFile().toAbsolutePath().getParent() != null) {
      Files.createDirectories(target.sqliteFile().toAbsolutePath().getParent());
    }
    String targetVersion = SchemaMigrations.migrate(target.jdbcUrl(), target.user(), target.password());
    log.info("Target schema at version {} ({})", targetVersion, target);
  }

  private TableResult copy(Databases db, TablePair table, List<String> problems) throws SQLException {
    if (!table.existsOn(Side.SOURCE)) {
      log.info("{}: only in the target, nothing to copy", table.name());
      return null;
    }
    long sourceRows = db.count(table, Side.SOURCE);
    if (!table.existsOn(Side.TARGET)) {
      if (options.dryRun()) {
        return new TableResult(table.name(), sourceRows, sourceRows, 0, 0, 0, 0, 0);
      }
      problems.add("table " + table.name() + " is not in the target schema: its " + sourceRows + " rows were not copied");
      log.warn("{}", problems.get(problems.size() - 1));
      return new TableResult(table.name(), sourceRows, 0, 0, 0, 0, 0, 0);
    }
    List<String> sourceOnly = table.unmatchedColumns(Side.SOURCE);
    if (!sourceOnly.isEmpty()) {
      problems.add("table " + table.name() + ": the target has no column " + String.join(", ", sourceOnly)
          + ", so those values were not copied");
      log.warn("{}", problems.get(problems.size() - 1));
    }
    TableCopy copy = new TableCopy(db, table, sourceRows);
    db.scan(table, Side.SOURCE, options.batchSize(), stop, copy::batch);
    log.info("{}", copy.progress.summary() + ": " + copy.describe());
    return copy.result();
  }

  /** Reverse dependency order, so that children go before the rows they point at. */
  private List<TableResult> deleteExtra(Databases db, List<TablePair> tables, List<TableResult> results)
      throws SQLException {
    List<TableResult> updated = new ArrayList<>(results);
    for (int t = tables.size() - 1; t >= 0 && !stop.getAsBoolean(); t--) {
      TablePair table = tables.get(t);
      if (!table.existsOn(Side.SOURCE) || !table.existsOn(Side.TARGET)) {
        continue;
      }
      List<List<Object>> extra = db.keysMissingFromOtherSide(table, Side.TARGET, options.batchSize(), stop);
      if (extra.isEmpty()) {
        continue;
      }
      if (!options.dryRun()) {
        deleteRows(db, table, extra);
      }
      for (int i = 0; i < updated.size(); i++) {
        TableResult r = updated.get(i);
        if (r.table().equals(table.name())) {
          updated.set(i, new TableResult(r.table(), r.sourceRows(), r.inserted(), r.identical(), r.updated(),
              r.conflicts(), r.failed(), extra.size()));
        }
      }
    }
    return updated;
  }

  private void deleteRows(Databases db, TablePair table, List<List<Object>> keys) throws SQLException {
    Connection connection = db.connection(Side.TARGET);
    connection.setAutoCommit(false);
    try (PreparedStatement delete = connection.prepareStatement(table.delete(Side.TARGET, db.dialect(Side.TARGET)))) {
      for (List<Object> key : keys) {
        table.bindKeys(delete, 1, List.of(key), Side.TARGET, db.dialect(Side.TARGET));
        delete.addBatch();
        findings.add(table.name(), DELETED, table.describeKey(key) + " is not in the source");
      }
      delete.executeBatch();
      connection.commit();
    } catch (SQLException e) {
      connection.rollback();
      throw e;
    } finally {
      connection.setAutoCommit(true);
    }
  }

  private void logSummary(Result result) {
    for (String problem : result.problems()) {
      log.warn("Problem: {}", problem);
    }
    long conflicts = result.tables().stream().mapToLong(TableResult::conflicts).sum();
    long failed = result.tables().stream().mapToLong(TableResult::failed).sum();
    String verb = options.dryRun() ? "would be " : "";
    for (TableResult t : result.tables()) {
      log.info("Summary {}: {} source rows, {}inserted {}, identical {}, {}updated {}, conflicts {}, failed {}{}",
          t.table(), t.sourceRows(), verb, t.inserted(), t.identical(), verb, t.updated(), t.conflicts(), t.failed(),
          options.deleteExtra() ? ", " + verb + "deleted " + t.deleted() : "");
    }
    if (result.interrupted()) {
      log.warn("Interrupted: committed batches are kept. Run the same command again to continue.");
    } else if (result.clean()) {
      log.info("{}: every source row is in the target", options.dryRun() ? "Dry run done" : "Done");
    } else {
      log.warn("Done with {} conflicts and {} failed rows (listed above); the target rows were left as they were."
          + " Check them, then run with --update-changed to take the source's values, or fix them by hand.",
          conflicts, failed);
    }
  }

  /** One table's copy: the batch handler and its counts. */
  private final class TableCopy {
    private final Databases db;
    private final TablePair table;
    private final Dialect dialect;
    private final Progress progress;
    private final long sourceRows;
    private long inserted;
    private long identical;
    private long updated;
    private long conflicts;
    private long failed;

    TableCopy(Databases db, TablePair table, long sourceRows) {
      this.db = db;
      this.table = table;
      this.dialect = db.dialect(Side.TARGET);
      this.sourceRows = sourceRows;
      this.progress = new Progress(log, table.name(), "rows", sourceRows, 0, options.progressInterval());
    }

    void batch(List<Row> rows) throws SQLException {
      List<Row> readable = new ArrayList<>(rows.size());
      for (Row row : rows) {
        if (row.problem() != null) {
          failed++;
          findings.add(table.name(), UNREADABLE, table.describeKey(row.key()) + ": " + row.problem());
        } else {
          readable.add(row);
        }
      }
      Map<List<Object>, Row> existing = db.find(table, Side.TARGET, readable.stream().map(Row::key).toList());
      List<Row> inserts = new ArrayList<>();
      List<Row> updates = new ArrayList<>();
      for (Row row : readable) {
        Row current = existing.get(row.key());
        if (current == null) {
          inserts.add(row);
          continue;
        }
        List<String> differing = table.differences(row, current);
        if (differing.isEmpty()) {
          identical++;
        } else if (options.updateChanged()) {
          updates.add(row);
          findings.add(table.name(), UPDATED, table.describeKey(row.key()) + ": "
              + table.describeDifferences(row, current, differing));
        } else {
          conflicts++;
          findings.add(table.name(), CONFLICT, table.describeKey(row.key()) + " differs in the target: "
              + table.describeDifferences(row, current, differing));
        }
      }
      if (options.dryRun()) {
        inserted += inserts.size();
        updated += updates.size();
      } else {
        write(inserts, updates);
      }
      progress.advance(rows.size(), 0);
    }

    /** One transaction for the batch; if it fails, row by row, to name the rows that cannot go in. */
    private void write(List<Row> inserts, List<Row> updates) throws SQLException {
      Connection connection = db.connection(Side.TARGET);
      connection.setAutoCommit(false);
      try {
        int[] counts = executeInserts(connection, inserts);
        int changed = executeUpdates(connection, updates);
        connection.commit();
        for (int i = 0; i < inserts.size(); i++) {
          countInsert(inserts.get(i), counts[i]);
        }
        updated += changed;
      } catch (SQLException batchFailure) {
        connection.rollback();
        connection.setAutoCommit(true);
        for (Row row : inserts) {
          try {
            countInsert(row, executeInserts(connection, List.of(row))[0]);
          } catch (SQLException e) {
            failed++;
            findings.add(table.name(), FAILED, table.describeKey(row.key()) + ": " + e.getMessage());
          }
        }
        for (Row row : updates) {
          try {
            updated += executeUpdates(connection, List.of(row));
          } catch (SQLException e) {
            failed++;
            findings.add(table.name(), FAILED, table.describeKey(row.key()) + " (update): " + e.getMessage());
          }
        }
      } finally {
        connection.setAutoCommit(true);
      }
    }

    private void countInsert(Row row, int count) {
      if (count == 0) {
        // ON CONFLICT DO NOTHING skipped it: another row holds one of its unique values (an e-mail).
        conflicts++;
        findings.add(table.name(), TAKEN, table.describeKey(row.key())
            + ": a unique value of it is held by another row in the target");
      } else {
        inserted++;
      }
    }

    private int[] executeInserts(Connection connection, List<Row> rows) throws SQLException {
      if (rows.isEmpty()) {
        return new int[0];
      }
      try (PreparedStatement insert = connection.prepareStatement(table.insert(dialect))) {
        for (Row row : rows) {
          table.bindInsert(insert, row, dialect);
          insert.addBatch();
        }
        return insert.executeBatch();
      }
    }

    private int executeUpdates(Connection connection, List<Row> rows) throws SQLException {
      String sql = table.update(dialect);
      if (rows.isEmpty() || sql == null) {
        return 0;
      }
      try (PreparedStatement update = connection.prepareStatement(sql)) {
        for (Row row : rows) {
          table.bindUpdate(update, row, dialect);
          update.addBatch();
        }
        int total = 0;
        for (int count : update.executeBatch()) {
          total += Math.max(count, 0);
        }
        return total;
      }
    }

    String describe() {
      String verb = options.dryRun() ? "would insert " : "inserted ";
      return verb + inserted + ", identical " + identical + ", " + (options.dryRun() ? "would update " : "updated ")
          + updated + ", conflicts " + conflicts + ", failed " + failed;
    }

    TableResult result() {
      return new TableResult(table.name(), sourceRows, inserted, identical, updated, conflicts, failed, 0);
    }
  }
}
