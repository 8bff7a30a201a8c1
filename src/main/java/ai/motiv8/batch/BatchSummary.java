package ai.motiv8.batch;

import io.vertx.core.json.JsonObject;

import java.util.List;
import java.util.Locale;

/**
 * What one run of the daily batch did for a day.
 *
 * @param date the day ({@code YYYY-MM-DD}) of an operator's run, or the instant of a scheduler tick
 * @param due users due that day (selfie, the weekday set; or in the e-mail filter), not counting the unsubscribed
 * @param processed users this run claimed and worked on
 * @param generated images this run generated and recorded
 * @param mailed mails this run handed over (SMTP accepted, or written to the outbox)
 * @param skipped users already done (mailed) by an earlier or a concurrent run, or deleted meanwhile
 * @param failed users that ended without their mail: failed this time, out of attempts, or with a
 *     mail of unknown outcome
 * @param retriable of the failed, those a later run will try again
 * @param deferred users left for a later run by {@code --limit}
 * @param optedOut due users skipped because they unsubscribed
 * @param wallMillis the run's wall time
 * @param identity the identity scores of the images generated (cosine with the user's embedding)
 */
public record BatchSummary(String date, boolean dryRun, int due, int processed, int generated, int mailed,
                           int skipped, int failed, int retriable, int deferred, int optedOut,
                           long wallMillis, IdentityScores identity) {

  public BatchSummary {
    identity = identity == null ? IdentityScores.NONE : identity;
  }

  /**
   * How many images were identity-checked, with the lowest and the median score (null when none).
   */
  public record IdentityScores(int checked, Double min, Double median) {

    public static final IdentityScores NONE = new IdentityScores(0, null, null);

    public static IdentityScores of(List<Double> scores) {
      if (scores.isEmpty()) {
        return NONE;
      }
      double[] sorted = scores.stream().mapToDouble(Double::doubleValue).sorted().toArray();
      int n = sorted.length;
      double median = n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
      return new IdentityScores(n, sorted[0], median);
    }
  }

  /** True when every due user taken on ended mailed, now or before (the batch's exit code 0). */
  public boolean ok() {
    return failed == 0;
  }

  public double imagesPerMinute() {
    return wallMillis <= 0 ? 0 : generated * 60_000.0 / wallMillis;
  }

  public JsonObject toJson() {
    return new JsonObject()
        .put("date", date)
        .put("dry_run", dryRun)
        .put("due", due)
        .put("processed", processed)
        .put("generated", generated)
        .put("mailed", mailed)
        .put("skipped", skipped)
        .put("failed", failed)
        .put("retriable", retriable)
        .put("deferred", deferred)
        .put("opted_out", optedOut)
        .put("wall_millis", wallMillis)
        .put("images_per_minute", Math.round(imagesPerMinute() * 10) / 10.0)
        .put("identity_checked", identity.checked())
        .put("identity_min", identity.min())
        .put("identity_median", identity.median());
  }

  @Override
  public String toString() {
    return String.format(Locale.ROOT, "%s%s: %d due, %d processed, %d generated, %d mailed, %d skipped (already done),"
            + " %d failed (%d to retry), %d deferred, %d unsubscribed; %.1f s, %.1f images/min%s", date,
        dryRun ? " (dry run)" : "", due, processed, generated, mailed, skipped, failed, retriable, deferred, optedOut,
        wallMillis / 1000.0, imagesPerMinute(),
        identity.checked() == 0 ? "" : String.format(Locale.ROOT, "; identity score min %.3f, median %.3f over %d",
            identity.min(), identity.median(), identity.checked()));
  }
}
