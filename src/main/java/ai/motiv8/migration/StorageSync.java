package ai.motiv8.migration;

import ai.motiv8.common.Await;
import ai.motiv8.storage.BlobEntry;
import ai.motiv8.storage.BlobInfo;
import ai.motiv8.storage.BlobStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BooleanSupplier;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * {@code storage sync}: makes the target hold every object of the source under {@code uploads/},
 * {@code embeddings/} and {@code generated/}, through the {@link BlobStore} layer the service uses,
 * at most {@code concurrency} objects at a time. An object the target already has with the same
 * size and MD5 is skipped, so an interrupted sync continues where it stopped; each copy goes
 * through a temp file and lands whole (a local staging file moved into place, one S3 PUT or a
 * completed multipart upload), so no half object is ever left to skip. Objects only the target has
 * are kept unless {@code delete} is set.
 */
final class StorageSync {

  private static final Logger log = LoggerFactory.getLogger(StorageSync.class);

  static final String FAILED = "failed";
  static final String ONLY_IN_TARGET = "only in target";

  /**
   * @param prefixes         which of uploads, embeddings, generated
   * @param dryRun           list and compare, copy and delete nothing
   * @param delete           delete objects the source does not have from the target
   * @param concurrency      objects compared or copied at once
   * @param tempDir          where each object passes on its way
   * @param detailLimit      findings listed per prefix and kind
   * @param progressInterval how often progress is logged
   */
  record Options(List<String> prefixes, boolean dryRun, boolean delete, int concurrency, Path tempDir,
                 int detailLimit, Duration progressInterval) {
  }

  /** Told of each object copied (from the sync's worker threads); a hook for tests and embedding. */
  interface Listener {
    void copied(String key);
  }

  record PrefixResult(String prefix, long sourceObjects, long sourceBytes, long copied, long copiedBytes, long replaced,
                      long skipped, long onlyInTarget, long deleted, long failed, long notStarted) {
  }

  record Result(List<PrefixResult> prefixes, boolean interrupted, Duration elapsed) {

    boolean clean() {
      return !interrupted && prefixes.stream().allMatch(p -> p.failed() == 0);
    }

    long copied() {
      return prefixes.stream().mapToLong(PrefixResult::copied).sum();
    }

    long copiedBytes() {
      return prefixes.stream().mapToLong(PrefixResult::copiedBytes).sum();
    }
  }

  private final BlobStore source;
  private final BlobStore target;
  private final Options options;
  private final BooleanSupplier stop;
  private final Listener listener;
  private final Findings findings;

  StorageSync(BlobStore source, BlobStore target, Options options, BooleanSupplier stop, Listener listener) {
    if (options.concurrency() < 1) {
      throw new IllegalArgumentException("--concurrency must be at least 1");
    }
    this.source = source;
    this.target = target;
    this.options = options;
    this.stop = stop;
    this.listener = listener;
    this.findings = new Findings(log, options.detailLimit());
  }

  Result run() throws Exception {
    long started = System.nanoTime();
    log.info("{}{} → {}, {} at a time", options.dryRun() ? "Dry run, nothing is written: " : "Syncing ",
        source.describe(), target.describe(), options.concurrency());
    Files.createDirectories(options.tempDir());
    List<PrefixResult> results = new ArrayList<>();
    ExecutorService workers = Executors.newFixedThreadPool(options.concurrency(), runnable -> {
      Thread thread = new Thread(runnable, "motiv8-sync");
      thread.setDaemon(true);
      return thread;
    });
    try {
      for (String prefix : options.prefixes()) {
        if (stop.getAsBoolean()) {
          break;
        }
        results.add(syncPrefix(prefix, workers));
      }
    } finally {
      workers.shutdownNow();
    }
    Result result = new Result(List.copyOf(results), stop.getAsBoolean(), Duration.ofNanos(System.nanoTime() - started));
    logSummary(result);
    return result;
  }

  private PrefixResult syncPrefix(String prefix, ExecutorService workers) throws Exception {
    List<BlobEntry> sourceEntries = Await.result(source.list(prefix));
    Map<String, BlobEntry> targetEntries = Await.result(target.list(prefix)).stream()
        .collect(Collectors.toMap(BlobEntry::key, Function.identity()));
    long sourceBytes = sourceEntries.stream().mapToLong(BlobEntry::size).sum();
    log.info("{}/: {} objects ({}) in the source, {} in the target", prefix, sourceEntries.size(),
        Progress.size(sourceBytes), targetEntries.size());
    Progress progress = new Progress(log, prefix + "/", "objects", sourceEntries.size(), sourceBytes,
        options.progressInterval());
    Counts counts = new Counts();
    List<Future<?>> tasks = new ArrayList<>();
    for (BlobEntry entry : sourceEntries) {
      BlobEntry existing = targetEntries.remove(entry.key());
      tasks.add(workers.submit(() -> syncObject(prefix, entry, existing, counts, progress)));
    }
    for (Future<?> task : tasks) {
      task.get();
    }
    long onlyInTarget = targetEntries.size();
    long deleted = deleteOnlyInTarget(prefix, targetEntries.keySet().stream().sorted().toList(), counts);
    log.info("{}: copied {} (replaced {}), skipped {} already there, failed {}", progress.summary(),
        counts.copied.get(), counts.replaced.get(), counts.skipped.get(), counts.failed.get());
    return new PrefixResult(prefix, sourceEntries.size(), sourceBytes, counts.copied.get(), counts.copiedBytes.get(),
        counts.replaced.get(), counts.skipped.get(), onlyInTarget, deleted, counts.failed.get(), counts.notStarted.get());
  }

  private void syncObject(String prefix, BlobEntry entry, BlobEntry existing, Counts counts, Progress progress) {
    if (stop.getAsBoolean()) {
      counts.notStarted.incrementAndGet();
      return;
    }
    try {
      boolean replace = existing != null;
      if (existing != null && existing.size() == entry.size()
          && ObjectDigests.md5(source, entry).equals(ObjectDigests.md5(target, existing))) {
        counts.skipped.incrementAndGet();
      } else {
        if (!options.dryRun()) {
          copy(entry);
        }
        counts.copied.incrementAndGet();
        counts.copiedBytes.addAndGet(entry.size());
        if (replace) {
          counts.replaced.incrementAndGet();
          log.info("{} {}: the target's copy differs ({} bytes, source {} bytes)",
              options.dryRun() ? "Would replace" : "Replaced", entry.key(), existing.size(), entry.size());
        }
        if (!options.dryRun()) {
          listener.copied(entry.key());
        }
      }
    } catch (Exception e) {
      counts.failed.incrementAndGet();
      findings.add(prefix + "/", FAILED, entry.key() + ": " + e);
    } finally {
      progress.advance(1, entry.size());
    }
  }

  /** Source → temp file → target, then the target's size is checked against the file's. */
  private void copy(BlobEntry entry) throws Exception {
    Path file = Await.result(source.downloadToTemp(entry.key(), options.tempDir()));
    try {
      Await.result(target.putFile(entry.key(), file, null));
      BlobInfo stored = Await.result(target.stat(entry.key()));
      long expected = Files.size(file);
      if (stored == null || stored.size() != expected) {
        throw new IllegalStateException("the target holds " + (stored == null ? "nothing" : stored.size() + " bytes")
            + " after writing " + expected + " bytes");
      }
    } finally {
      Files.deleteIfExists(file);
    }
  }

  private long deleteOnlyInTarget(String prefix, List<String> keys, Counts counts) {
    if (keys.isEmpty()) {
      return 0;
    }
    if (!options.delete() || stop.getAsBoolean()) {
      log.info("{}/: {} objects are only in the target and were kept{}: {}", prefix, keys.size(),
          options.delete() ? "" : " (--delete removes them)", sample(keys));
      return 0;
    }
    long deleted = 0;
    for (String key : keys) {
      if (stop.getAsBoolean()) {
        break;
      }
      try {
        if (!options.dryRun()) {
          Await.result(target.delete(key));
        }
        deleted++;
        log.info("{} {}: not in the source", options.dryRun() ? "Would delete" : "Deleted", key);
      } catch (Exception e) {
        counts.failed.incrementAndGet();
        findings.add(prefix + "/", FAILED, "deleting " + key + ": " + e);
      }
    }
    return deleted;
  }

  private void logSummary(Result result) {
    String verb = options.dryRun() ? "would be " : "";
    for (PrefixResult p : result.prefixes()) {
      log.info("Summary {}/: {} source objects ({}), {}copied {} ({}), of which {} replaced, skipped {}, "
              + "only in target {}, {}deleted {}, failed {}", p.prefix(), p.sourceObjects(), Progress.size(p.sourceBytes()),
          verb, p.copied(), Progress.size(p.copiedBytes()), p.replaced(), p.skipped(), p.onlyInTarget(), verb,
          p.deleted(), p.failed());
    }
    double seconds = result.elapsed().toNanos() / 1e9;
    log.info("{} {} objects, {} in {} ({}/s)", options.dryRun() ? "Would copy" : "Copied", result.copied(),
        Progress.size(result.copiedBytes()),
        Progress.duration(seconds), Progress.size(seconds > 0 ? (long) (result.copiedBytes() / seconds) : 0));
    if (result.interrupted()) {
      log.warn("Interrupted: every object copied so far is complete. Run the same command again to continue.");
    } else if (!result.clean()) {
      log.warn("Some objects failed (listed above); run the same command again to retry them");
    }
  }

  private static String sample(List<String> keys) {
    return keys.size() <= 5 ? String.join(", ", keys) : String.join(", ", keys.subList(0, 5)) + ", ...";
  }

  private static final class Counts {
    final AtomicLong copied = new AtomicLong();
    final AtomicLong copiedBytes = new AtomicLong();
    final AtomicLong replaced = new AtomicLong();
    final AtomicLong skipped = new AtomicLong();
    final AtomicLong failed = new AtomicLong();
    final AtomicLong notStarted = new AtomicLong();
  }
}
