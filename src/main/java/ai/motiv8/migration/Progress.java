package ai.motiv8.migration;

import org.slf4j.Logger;

import java.time.Duration;
import java.util.Locale;

/**
 * Progress of one long step, logged at most every {@code interval}: done of total, rate and ETA,
 * e.g. {@code users: 12,000/50,000 rows (24%), 3,100 rows/s, ETA 12s}. Thread-safe.
 */
final class Progress {

  static final Duration DEFAULT_INTERVAL = Duration.ofSeconds(5);

  private final Logger log;
  private final String label;
  private final String unit;
  private final long total;
  private final long totalBytes;
  private final long intervalNanos;
  private final long started = System.nanoTime();
  private long lastLogged = started;
  private long done;
  private long bytes;

  /**
   * @param total      units expected, or -1 when unknown
   * @param totalBytes bytes expected (then rate and ETA are by bytes), or 0
   */
  Progress(Logger log, String label, String unit, long total, long totalBytes, Duration interval) {
    this.log = log;
    this.label = label;
    this.unit = unit;
    this.total = total;
    this.totalBytes = totalBytes;
    this.intervalNanos = interval.toNanos();
  }

  synchronized void advance(long units, long byteCount) {
    done += units;
    bytes += byteCount;
    long now = System.nanoTime();
    if (now - lastLogged >= intervalNanos) {
      lastLogged = now;
      log.info("{}", line(now));
    }
  }

  synchronized long done() {
    return done;
  }

  /** {@code label: 50,000 rows in 16s (3,100 rows/s)}. */
  synchronized String summary() {
    double seconds = seconds(System.nanoTime());
    String text = label + ": " + count(done) + " " + unit;
    if (totalBytes > 0 || bytes > 0) {
      text += ", " + size(bytes);
    }
    return text + " in " + duration(seconds) + " (" + rate(done, seconds) + ")";
  }

  private String line(long now) {
    double seconds = seconds(now);
    StringBuilder text = new StringBuilder(label).append(": ").append(count(done));
    if (total >= 0) {
      text.append('/').append(count(total));
    }
    text.append(' ').append(unit);
    if (total > 0) {
      text.append(String.format(Locale.ROOT, " (%d%%)", done * 100 / total));
    }
    if (totalBytes > 0) {
      text.append(", ").append(size(bytes)).append('/').append(size(totalBytes));
    }
    text.append(", ").append(rate(done, seconds));
    if (totalBytes > 0 && seconds > 0) {
      text.append(", ").append(size((long) (bytes / seconds))).append("/s");
    }
    String eta = eta(seconds);
    if (eta != null) {
      text.append(", ETA ").append(eta);
    }
    return text.toString();
  }

  private String eta(double seconds) {
    if (seconds <= 0) {
      return null;
    }
    if (totalBytes > 0 && bytes > 0) {
      return duration((totalBytes - bytes) / (bytes / seconds));
    }
    if (total > 0 && done > 0) {
      return duration((total - done) / (done / seconds));
    }
    return null;
  }

  private String rate(long units, double seconds) {
    return count(seconds > 0 ? Math.round(units / seconds) : units) + " " + unit + "/s";
  }

  private double seconds(long now) {
    return (now - started) / 1e9;
  }

  static String count(long n) {
    return String.format(Locale.ROOT, "%,d", n);
  }

  static String size(long bytes) {
    if (bytes < 1024) {
      return bytes + " B";
    }
    if (bytes < 1024 * 1024) {
      return String.format(Locale.ROOT, "%.1f KiB", bytes / 1024.0);
    }
    if (bytes < 1024L * 1024 * 1024) {
      return String.format(Locale.ROOT, "%.1f MiB", bytes / (1024.0 * 1024));
    }
    return String.format(Locale.ROOT, "%.2f GiB", bytes / (1024.0 * 1024 * 1024));
  }

  static String duration(double seconds) {
    long s = Math.max(0, Math.round(seconds));
    if (s < 60) {
      return seconds < 10 ? String.format(Locale.ROOT, "%.1fs", Math.max(0, seconds)) : s + "s";
    }
    if (s < 3600) {
      return String.format(Locale.ROOT, "%dm%02ds", s / 60, s % 60);
    }
    return String.format(Locale.ROOT, "%dh%02dm", s / 3600, (s % 3600) / 60);
  }
}
