package ai.motiv8.migration;

import ai.motiv8.migration.TablePair.Row;
import ai.motiv8.migration.TablePair.Side;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.BooleanSupplier;

/**
 * The database half of {@code migrate verify}: for every table, the row counts of both sides, every
 * source row found in the target with equal values (compared by kind, so SQLite text and a
 * PostgreSQL timestamp of the same instant are equal), and every target row's key found in the
 * source. Reads only; migrates nothing.
 */
final class DatabaseVerification {

  private static final Logger log = LoggerFactory.getLogger(DatabaseVerification.class);

  static final String MISSING = "missing in target";
  static final String DIFFERENT = "differs";
  static final String EXTRA = "only in target";
  static final String UNREADABLE = "unreadable";

  record TableResult(String table, long sourceRows, long targetRows, long missing, long different, long extra,
                     long unreadable) {

    boolean clean() {
      return sourceRows == targetRows && missing == 0 && different == 0 && extra == 0 && unreadable == 0;
    }
  }

  record Result(List<TableResult> tables, List<String> problems, boolean interrupted) {

    boolean clean() {
      return problems.isEmpty() && !interrupted && tables.stream().allMatch(TableResult::clean);
    }

    TableResult table(String name) {
      return tables.stream().filter(t -> t.table().equalsIgnoreCase(name)).findFirst().orElse(null);
    }
  }

  private final DatabaseLocation source;
  private final DatabaseLocation target;
  private final int batchSize;
  private final Duration progressInterval;
  private final BooleanSupplier stop;
  private final Findings findings;

  DatabaseVerification(DatabaseLocation source, DatabaseLocation target, int batchSize, int detailLimit,
                       Duration progressInterval, BooleanSupplier stop) {
    this.source = source;
    this.target = target;
    this.batchSize = batchSize;
    this.progressInterval = progressInterval;
    this.stop = stop;
    this.findings = new Findings(log, detailLimit);
  }

  Result run() throws SQLException {
    source.requireExisting();
    target.requireExisting();
    log.info("Comparing the rows of {} with {}", source, target);
    try (Databases db = Databases.open(source, target)) {
      List<TablePair> tables = TablePair.inDependencyOrder(
          TableShape.readAll(db.connection(Side.SOURCE), source.dialect()),
          TableShape.readAll(db.connection(Side.TARGET), target.dialect()));
      List<String> problems = new ArrayList<>();
      List<TableResult> results = new ArrayList<>();
      for (TablePair table : tables) {
        if (stop.getAsBoolean()) {
          return summarize(new Result(results, problems, true));
        }
        results.add(compare(db, table, problems));
      }
      return summarize(new Result(List.copyOf(results), List.copyOf(problems), stop.getAsBoolean()));
    }
  }

  private TableResult compare(Databases db, TablePair table, List<String> problems) throws SQLException {
    long sourceRows = table.existsOn(Side.SOURCE) ? db.count(table, Side.SOURCE) : 0;
    long targetRows = table.existsOn(Side.TARGET) ? db.count(table, Side.TARGET) : 0;
    if (!table.existsOn(Side.SOURCE) || !table.existsOn(Side.TARGET)) {
      if (sourceRows + targetRows > 0) {
        problems.add("table " + table.name() + " is only in the " + (table.existsOn(Side.SOURCE) ? "source" : "target")
            + " (" + (sourceRows + targetRows) + " rows)");
      }
      return new TableResult(table.name(), sourceRows, targetRows, 0, 0, 0, 0);
    }
    for (Side side : Side.values()) {
      List<String> only = table.unmatchedColumns(side);
      if (!only.isEmpty()) {
        problems.add("table " + table.name() + ": column " + String.join(", ", only) + " is only in the "
            + side.name().toLowerCase(Locale.ROOT) + " (run migrate db to bring both to the same schema)");
      }
    }
    long[] counts = new long[3];
    Progress progress = new Progress(log, table.name(), "rows compared", sourceRows, 0, progressInterval);
    db.scan(table, Side.SOURCE, batchSize, stop, batch -> {
      Map<List<Object>, Row> found = db.find(table, Side.TARGET, batch.stream().map(Row::key).toList());
      for (Row row : batch) {
        Row copy = found.get(row.key());
        if (row.problem() != null || copy != null && copy.problem() != null) {
          counts[2]++;
          findings.add(table.name(), UNREADABLE, table.describeKey(row.key()) + ": "
              + (row.problem() != null ? row.problem() : copy.problem()));
        } else if (copy == null) {
          counts[0]++;
          findings.add(table.name(), MISSING, table.describeKey(row.key()));
        } else {
          List<String> differing = table.differences(row, copy);
          if (!differing.isEmpty()) {
            counts[1]++;
            findings.add(table.name(), DIFFERENT, table.describeKey(row.key()) + ": "
                + table.describeDifferences(row, copy, differing));
          }
        }
      }
      progress.advance(batch.size(), 0);
    });
    List<List<Object>> extra = db.keysMissingFromOtherSide(table, Side.TARGET, batchSize, stop);
    extra.forEach(key -> findings.add(table.name(), EXTRA, table.describeKey(key)));
    TableResult result = new TableResult(table.name(), sourceRows, targetRows, counts[0], counts[1], extra.size(), counts[2]);
    log.info("{}: source {} rows, target {} rows, missing {}, different {}, only in target {}{}", table.name(),
        sourceRows, targetRows, result.missing(), result.different(), result.extra(),
        result.clean() ? " - identical" : "");
    return result;
  }

  private Result summarize(Result result) {
    result.problems().forEach(problem -> log.warn("Problem: {}", problem));
    if (result.interrupted()) {
      log.warn("Interrupted before every table was compared");
    }
    return result;
  }
}
