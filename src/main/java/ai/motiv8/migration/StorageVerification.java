package ai.motiv8.migration;

import ai.motiv8.common.Await;
import ai.motiv8.storage.BlobEntry;
import ai.motiv8.storage.BlobStore;
import ai.motiv8.storage.ImageVariant;
import ai.motiv8.storage.StorageKeys;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BooleanSupplier;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The storage half of {@code migrate verify}: every object of the source is in the target with
 * the same size and MD5 and the target has none the source lacks; every object a (target) row
 * points at is in the target; objects no row points at (orphans) are listed. Orphans, and
 * references already broken in the source, are reported but are no difference.
 */
final class StorageVerification {

  private static final Logger log = LoggerFactory.getLogger(StorageVerification.class);

  static final String MISSING = "missing in target";
  static final String EXTRA = "only in target";
  static final String MISMATCH = "differs";
  static final String REFERENCED_MISSING = "referenced but missing in target";
  static final String DANGLING = "referenced but missing in source and target";
  static final String ORPHAN = "orphan";
  static final String INVALID = "invalid reference";
  static final String FAILED = "could not check";

  record Result(long sourceObjects, long targetObjects, long missing, long extra, long mismatched,
                long referencedMissing, long dangling, long orphans, long invalidReferences, long failed,
                boolean interrupted) {

    boolean clean() {
      return missing == 0 && extra == 0 && mismatched == 0 && referencedMissing == 0 && failed == 0 && !interrupted;
    }
  }

  private final BlobStore source;
  private final BlobStore target;
  private final ObjectReferences references;
  private final int concurrency;
  private final Duration progressInterval;
  private final BooleanSupplier stop;
  private final Findings findings;

  StorageVerification(BlobStore source, BlobStore target, ObjectReferences references, int concurrency,
                      int detailLimit, Duration progressInterval, BooleanSupplier stop) {
    this.source = source;
    this.target = target;
    this.references = references;
    this.concurrency = concurrency;
    this.progressInterval = progressInterval;
    this.stop = stop;
    this.findings = new Findings(log, detailLimit);
  }

  Result run() throws Exception {
    log.info("Comparing the objects of {} with {}", source.describe(), target.describe());
    long sourceObjects = 0;
    long targetObjects = 0;
    TreeSet<String> targetKeys = new TreeSet<>();
    TreeSet<String> sourceKeys = new TreeSet<>();
    ExecutorService workers = Executors.newFixedThreadPool(concurrency, runnable -> {
      Thread thread = new Thread(runnable, "motiv8-verify");
      thread.setDaemon(true);
      return thread;
    });
    try {
      for (String prefix : StorageKeys.PREFIXES) {
        List<BlobEntry> inSource = Await.result(source.list(prefix));
        Map<String, BlobEntry> inTarget = Await.result(target.list(prefix)).stream()
            .collect(Collectors.toMap(BlobEntry::key, Function.identity()));
        sourceObjects += inSource.size();
        targetObjects += inTarget.size();
        inSource.forEach(e -> sourceKeys.add(e.key()));
        targetKeys.addAll(inTarget.keySet());
        compare(prefix, inSource, inTarget, workers);
      }
    } finally {
      workers.shutdownNow();
    }
    checkReferences(sourceKeys, targetKeys);
    Result result = new Result(sourceObjects, targetObjects, count(MISSING), count(EXTRA), count(MISMATCH),
        count(REFERENCED_MISSING), count(DANGLING), count(ORPHAN), count(INVALID), count(FAILED), stop.getAsBoolean());
    log.info("Storage: source {} objects, target {} objects, missing {}, only in target {}, different {}, "
            + "referenced but missing {}, orphans {}{}", result.sourceObjects(), result.targetObjects(), result.missing(),
        result.extra(), result.mismatched(), result.referencedMissing(), result.orphans(),
        result.clean() ? " - identical" : "");
    return result;
  }

  private void compare(String prefix, List<BlobEntry> inSource, Map<String, BlobEntry> inTarget, ExecutorService workers)
      throws Exception {
    Map<String, BlobEntry> remaining = new HashMap<>(inTarget);
    long bytes = inSource.stream().mapToLong(BlobEntry::size).sum();
    Progress progress = new Progress(log, prefix + "/", "objects compared", inSource.size(), bytes, progressInterval);
    List<Future<?>> checks = new ArrayList<>();
    for (BlobEntry entry : inSource) {
      BlobEntry copy = remaining.remove(entry.key());
      if (copy == null) {
        findings.add(prefix + "/", MISSING, entry.key());
        progress.advance(1, entry.size());
      } else if (copy.size() != entry.size()) {
        findings.add(prefix + "/", MISMATCH, entry.key() + ": " + entry.size() + " bytes in the source, "
            + copy.size() + " in the target");
        progress.advance(1, entry.size());
      } else {
        checks.add(workers.submit(() -> compareContent(prefix, entry, copy, progress)));
      }
    }
    for (Future<?> check : checks) {
      check.get();
    }
    remaining.keySet().stream().sorted().forEach(key -> findings.add(prefix + "/", EXTRA, key));
  }

  private void compareContent(String prefix, BlobEntry entry, BlobEntry copy, Progress progress) {
    if (stop.getAsBoolean()) {
      return;
    }
    try {
      String expected = ObjectDigests.md5(source, entry);
      String actual = ObjectDigests.md5(target, copy);
      if (!expected.equals(actual)) {
        findings.add(prefix + "/", MISMATCH, entry.key() + ": MD5 " + expected + " in the source, " + actual + " in the target");
      }
    } catch (Exception e) {
      findings.add(prefix + "/", FAILED, entry.key() + ": " + e);
    } finally {
      progress.advance(1, entry.size());
    }
  }

  private void checkReferences(TreeSet<String> sourceKeys, TreeSet<String> targetKeys) {
    if (references == null) {
      log.info("Object references not checked: no database given");
      return;
    }
    references.invalid().forEach(reference -> findings.add("references", INVALID, reference));
    references.keys().forEach((key, referrer) -> {
      if (!targetKeys.contains(key)) {
        findings.add("references", sourceKeys.contains(key) ? REFERENCED_MISSING : DANGLING, key + " (" + referrer + ")");
      }
    });
    // A generated image's variants are referenced through the image's own key.
    targetKeys.stream().filter(key -> !references.keys().containsKey(ImageVariant.imageKeyOf(key)))
        .forEach(key -> findings.add("references", ORPHAN, key + " is referenced by no row"));
  }

  private long count(String kind) {
    return findings.count(kind);
  }
}
