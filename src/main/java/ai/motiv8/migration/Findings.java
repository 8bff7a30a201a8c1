package ai.motiv8.migration;

import org.slf4j.Logger;

import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * What a run found wrong, counted per subject (a table, a storage prefix) and kind, each one
 * logged as a warning up to {@code detailLimit} per subject and kind (then one line says how many
 * more there are). Thread-safe.
 */
final class Findings {

  private final Logger log;
  private final int detailLimit;
  private final Map<String, AtomicLong> counts = new ConcurrentHashMap<>();

  Findings(Logger log, int detailLimit) {
    this.log = log;
    this.detailLimit = detailLimit;
  }

  /** Records one finding, e.g. {@code ("users", "conflict", "id='...': workout_days: source ..., target ...")}. */
  void add(String subject, String kind, String detail) {
    long n = counts.computeIfAbsent(subject + "\u0000" + kind, k -> new AtomicLong()).incrementAndGet();
    if (n <= detailLimit) {
      log.warn("{} {}: {}", subject, kind, detail);
    } else if (n == detailLimit + 1L) {
      log.warn("{} {}: more than {}; the rest are counted, not listed (--show to list more)", subject, kind, detailLimit);
    }
  }

  long count(String subject, String kind) {
    AtomicLong n = counts.get(subject + "\u0000" + kind);
    return n == null ? 0 : n.get();
  }

  /** Findings of {@code kind}, over all subjects. */
  long count(String kind) {
    return counts.entrySet().stream().filter(e -> e.getKey().endsWith("\u0000" + kind))
        .mapToLong(e -> e.getValue().get()).sum();
  }

  long total() {
    return counts.values().stream().mapToLong(AtomicLong::get).sum();
  }

  /** {@code subject kind → count}, sorted. */
  Map<String, Long> all() {
    Map<String, Long> all = new TreeMap<>();
    counts.forEach((key, n) -> all.put(key.replace('\u0000', ' '), n.get()));
    return all;
  }
}
