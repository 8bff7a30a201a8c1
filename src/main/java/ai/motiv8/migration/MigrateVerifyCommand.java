package ai.motiv8.migration;

import ai.motiv8.common.Await;
import ai.motiv8.storage.BlobStore;
import io.vertx.core.Vertx;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.nio.file.Files;
import java.nio.file.Path;

/** {@code motiv8 migrate verify --from <db> --to <db> [--storage-from <storage> --storage-to <storage>]}. */
@Command(name = "verify", mixinStandardHelpOptions = true,
    description = {
        "Compare a move's source and target: row counts and every row of every table; with storages, every object "
            + "(size and MD5), every object a row points at, and the objects no row points at (orphans, listed only).",
        "Reads only. Databases and storages are named as for 'migrate db' and 'storage sync'.",
        "Exit codes: 0 identical, 1 differences (listed in the log), 2 bad arguments, 3 error."})
final class MigrateVerifyCommand extends CommandBase {

  private static final Logger log = LoggerFactory.getLogger(MigrateVerifyCommand.class);

  @Option(names = "--from", required = true, paramLabel = "DB", description = "The source database.")
  String from;

  @Option(names = "--to", paramLabel = "DB",
      description = "The target database (default: the configured PostgreSQL database, as for migrate db).")
  String to;

  @Option(names = "--storage-from", paramLabel = "STORAGE",
      description = "The source storage: local:<dir>, s3://<bucket>[/prefix] or env.")
  String storageFrom;

  @Option(names = "--storage-to", paramLabel = "STORAGE", description = "The target storage.")
  String storageTo;

  @Option(names = "--concurrency", paramLabel = "N", defaultValue = "8",
      description = "Objects compared at once (default ${DEFAULT-VALUE}).")
  int concurrency;

  @Option(names = "--batch-size", paramLabel = "N", defaultValue = "500",
      description = "Rows compared per query (default ${DEFAULT-VALUE}).")
  int batchSize;

  @Mixin
  S3Options s3 = new S3Options();

  @Override
  int execute() throws Exception {
    if ((storageFrom == null) != (storageTo == null)) {
      throw new IllegalArgumentException("--storage-from and --storage-to go together");
    }
    if (concurrency < 1 || batchSize < 1 || batchSize > 10_000) {
      throw new IllegalArgumentException("--concurrency must be at least 1 and --batch-size between 1 and 10000");
    }
    DatabaseLocation source = DatabaseLocation.parse(from, environment, confFile);
    DatabaseLocation target = MigrateDbCommand.targetDatabase(to, environment, confFile);
    StorageLocation sourceStorage = storageFrom == null ? null : StorageLocation.parse(storageFrom, environment, confFile);
    StorageLocation targetStorage = storageTo == null ? null : StorageLocation.parse(storageTo, environment, confFile);
    try (Interruption interruption = Interruption.onSignal("comparison")) {
      DatabaseVerification.Result rows = new DatabaseVerification(source, target, batchSize, show,
          Progress.DEFAULT_INTERVAL, interruption).run();
      boolean storageClean = true;
      if (sourceStorage != null) {
        storageClean = verifyStorage(sourceStorage, targetStorage, ObjectReferences.read(target), interruption);
      }
      if (interruption.getAsBoolean()) {
        return ExitCodes.INTERRUPTED;
      }
      boolean clean = rows.clean() && storageClean;
      if (clean) {
        log.info("Verified: source and target are identical{}", sourceStorage == null ? " (databases only)" : "");
      } else {
        log.warn("Differences found (listed above)");
      }
      return clean ? ExitCodes.OK : ExitCodes.DIFFERENCES;
    }
  }

  private boolean verifyStorage(StorageLocation from, StorageLocation to, ObjectReferences references,
                                Interruption interruption) throws Exception {
    Path tempDir = Files.createTempDirectory("motiv8-verify-");
    Vertx vertx = Vertx.vertx();
    try (BlobStore source = from.open(vertx, s3, tempDir, environment, concurrency);
         BlobStore target = to.open(vertx, s3, tempDir, environment, concurrency)) {
      return new StorageVerification(source, target, references, concurrency, show, Progress.DEFAULT_INTERVAL,
          interruption).run().clean();
    } finally {
      Await.result(vertx.close());
      Files.deleteIfExists(tempDir);
    }
  }
}
