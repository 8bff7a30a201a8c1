package ai.motiv8.migration;

import ai.motiv8.common.Await;
import ai.motiv8.storage.BlobStore;
import ai.motiv8.storage.StorageKeys;
import io.vertx.core.Vertx;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/** {@code motiv8 storage sync --from local:<dir> --to s3://<bucket>[/prefix]} (or the reverse). */
@Command(name = "sync", mixinStandardHelpOptions = true,
    description = {
        "Copy uploads/, embeddings/ and generated/ from one storage to another through the service's storage layer, "
            + "several objects at a time. Objects the target already has with the same size and MD5 are skipped, so "
            + "a stopped sync (Ctrl-C) continues where it left off when run again. Objects only the target has are "
            + "kept unless --delete is given.",
        "A storage is local:<data dir> (the folder holding uploads/, embeddings/, generated/), "
            + "s3://<bucket>[/prefix], or 'env' (the storage the service uses: S3_BUCKET or DATA_DIR).",
        "Exit codes: 0 done, 1 some objects failed, 2 bad arguments, 3 error, 130 interrupted."})
final class StorageSyncCommand extends CommandBase {

  @Option(names = "--from", required = true, paramLabel = "STORAGE", description = "The storage to copy from.")
  String from;

  @Option(names = "--to", required = true, paramLabel = "STORAGE", description = "The storage to copy into.")
  String to;

  @Option(names = "--dry-run", description = "Compare only: report what would be copied and deleted.")
  boolean dryRun;

  @Option(names = "--delete", description = "Delete objects the source does not have from the target.")
  boolean delete;

  @Option(names = "--concurrency", paramLabel = "N", defaultValue = "8",
      description = "Objects copied at once (default ${DEFAULT-VALUE}).")
  int concurrency;

  @Option(names = "--prefix", paramLabel = "PREFIX", split = ",",
      description = "Only these of uploads, embeddings, generated (default: all three).")
  List<String> prefixes;

  @Option(names = "--temp-dir", paramLabel = "DIR",
      description = "Where objects pass on their way (default: a new folder in the system temp dir).")
  Path tempDir;

  @Mixin
  S3Options s3 = new S3Options();

  @Override
  int execute() throws Exception {
    if (concurrency < 1 || concurrency > 256) {
      throw new IllegalArgumentException("--concurrency must be between 1 and 256");
    }
    List<String> chosen = prefixes == null || prefixes.isEmpty() ? StorageKeys.PREFIXES
        : prefixes.stream().map(StorageKeys::validatePrefix).distinct().toList();
    StorageLocation source = StorageLocation.parse(from, environment, confFile);
    StorageLocation target = StorageLocation.parse(to, environment, confFile);
    if (source.toString().equals(target.toString())) {
      throw new IllegalArgumentException("Source and target are the same storage: " + source);
    }
    if (!source.isS3() && !Files.isDirectory(source.dataDir())) {
      throw new IllegalArgumentException("Source data dir " + source.dataDir() + " does not exist");
    }
    boolean ownTempDir = tempDir == null;
    Path temp = ownTempDir ? Files.createTempDirectory("motiv8-sync-") : tempDir;
    Vertx vertx = Vertx.vertx();
    try (Interruption interruption = Interruption.onSignal("objects");
         BlobStore sourceStore = source.open(vertx, s3, temp, environment, concurrency);
         BlobStore targetStore = target.open(vertx, s3, temp, environment, concurrency)) {
      StorageSync.Options options = new StorageSync.Options(chosen, dryRun, delete, concurrency, temp, show,
          Progress.DEFAULT_INTERVAL);
      StorageSync.Result result = new StorageSync(sourceStore, targetStore, options, interruption, key -> { }).run();
      if (result.interrupted()) {
        return ExitCodes.INTERRUPTED;
      }
      return result.clean() ? ExitCodes.OK : ExitCodes.DIFFERENCES;
    } finally {
      Await.result(vertx.close());
      if (ownTempDir) {
        deleteTree(temp);
      }
    }
  }

  private static void deleteTree(Path dir) throws java.io.IOException {
    if (!Files.exists(dir)) {
      return;
    }
    try (Stream<Path> paths = Files.walk(dir)) {
      for (Path path : paths.sorted(java.util.Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(path);
      }
    }
  }
}
