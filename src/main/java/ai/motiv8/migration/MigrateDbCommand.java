package ai.motiv8.migration;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.util.Map;

/** {@code motiv8 migrate db --from <db> --to <db>}. */
@Command(name = "db", mixinStandardHelpOptions = true,
    description = {
        "Copy every table from one database to another (SQLite to PostgreSQL, or back), parents first, in batches.",
        "Both schemas are first brought to the latest version with the service's migrations (a database of the "
            + "Python service is upgraded in place). Rows the target already has unchanged are skipped; rows that "
            + "differ are reported and left alone. Safe to stop with Ctrl-C and run again.",
        "A database is an SQLite file (./motiv8.db), a JDBC URL "
            + "(jdbc:postgresql://host:5432/motiv8?user=u&password=p), postgresql://user:password@host:5432/motiv8, "
            + "or 'env' (the DB_* / SQLITE_PATH settings the service uses).",
        "Exit codes: 0 done and clean, 1 conflicts or failed rows, 2 bad arguments, 3 error, 130 interrupted."})
final class MigrateDbCommand extends CommandBase {

  private static final Logger log = LoggerFactory.getLogger(MigrateDbCommand.class);

  @Option(names = "--from", required = true, paramLabel = "DB", description = "The database to copy from.")
  String from;

  @Option(names = "--to", paramLabel = "DB",
      description = "The database to copy into (default: the configured PostgreSQL database, when DB_HOST, "
          + "DB_USERNAME and DB_PASSWORD are set as for the service).")
  String to;

  @Option(names = "--dry-run", description = "Migrate and write nothing; report what would be copied.")
  boolean dryRun;

  @Option(names = "--batch-size", paramLabel = "N", defaultValue = "500",
      description = "Rows per batch and transaction (default ${DEFAULT-VALUE}).")
  int batchSize;

  @Option(names = "--update-changed",
      description = "Update target rows that differ from the source (each one logged), as in a catch-up run "
          + "while the source is still the live database. Without it they are reported as conflicts.")
  boolean updateChanged;

  @Option(names = "--delete-extra",
      description = "Delete target rows whose key the source does not have (each one logged).")
  boolean deleteExtra;

  @Override
  int execute() throws Exception {
    if (batchSize < 1 || batchSize > 10_000) {
      throw new IllegalArgumentException("--batch-size must be between 1 and 10000");
    }
    DatabaseLocation source = DatabaseLocation.parse(from, environment, confFile);
    DatabaseLocation target = targetDatabase(to, environment, confFile);
    DatabaseMigration.Options options = new DatabaseMigration.Options(batchSize, dryRun, updateChanged, deleteExtra,
        show, Progress.DEFAULT_INTERVAL);
    try (Interruption interruption = Interruption.onSignal("batch")) {
      DatabaseMigration.Result result = new DatabaseMigration(source, target, options, interruption).run();
      if (result.interrupted()) {
        return ExitCodes.INTERRUPTED;
      }
      return result.clean() ? ExitCodes.OK : ExitCodes.DIFFERENCES;
    }
  }

  /** {@code --to} as given, else the service's configured PostgreSQL (said in the log). */
  static DatabaseLocation targetDatabase(String to, Map<String, String> environment, Path confFile) {
    if (to != null) {
      return DatabaseLocation.parse(to, environment, confFile);
    }
    DatabaseLocation configured = DatabaseLocation.configuredTarget(environment, confFile);
    log.info("No --to given: copying into the configured database {}", configured.description());
    return configured;
  }
}
