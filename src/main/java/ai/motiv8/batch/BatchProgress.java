package ai.motiv8.batch;

import ai.motiv8.metrics.AppMetrics;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.Locale;
import java.util.concurrent.TimeUnit;

/**
 * Progress lines of a run: n/m, users per minute and the time left, at every tenth of the way and
 * at least every {@value #EVERY_SECONDS} s; n and m also as gauges on {@code /metrics}. Confined to
 * the run's context.
 */
final class BatchProgress {

  private static final Logger LOG = LoggerFactory.getLogger(BatchProgress.class);
  static final long EVERY_SECONDS = 30;

  private final String date;
  private final int total;
  private final long started = System.nanoTime();
  private long lastLog = started;
  private int done;
  private int lastTenth;

  BatchProgress(String date, int total) {
    this.date = date;
    this.total = total;
    AppMetrics.batchProgress(total, 0);
  }

  void userDone() {
    done++;
    AppMetrics.batchProgress(total, done);
    int tenth = total == 0 ? 10 : done * 10 / total;
    long now = System.nanoTime();
    if (tenth > lastTenth || now - lastLog >= TimeUnit.SECONDS.toNanos(EVERY_SECONDS)) {
      lastTenth = tenth;
      lastLog = now;
      LOG.info(line(now));
    }
  }

  String line(long now) {
    double minutes = (now - started) / 60e9;
    double rate = minutes <= 0 ? 0 : done / minutes;
    String eta = rate <= 0 ? "?" : duration((long) ((total - done) / rate * 60));
    return String.format(Locale.ROOT, "Batch %s: %d/%d users (%d%%), %.1f users/min, ETA %s", date, done, total,
        total == 0 ? 100 : done * 100 / total, rate, eta);
  }

  static String duration(long seconds) {
    return seconds >= 60 ? (seconds / 60) + "m " + (seconds % 60) + "s" : seconds + "s";
  }
}
