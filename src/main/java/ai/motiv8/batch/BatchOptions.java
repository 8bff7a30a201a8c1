package ai.motiv8.batch;

/**
 * How one run of the daily batch goes.
 *
 * @param dryRun only list who would be processed; nothing is claimed, generated or mailed
 * @param concurrency users in flight at once (each one generation or mail at a time)
 * @param limit at most this many users not yet done are taken on (0: no limit); the others are
 *     reported as deferred, for a later run
 * @param resend users of {@code batch.emailFilter} already mailed that day get a new image and a
 *     new mail ({@code batch run --resend}); only with a filter
 */
public record BatchOptions(boolean dryRun, int concurrency, int limit, boolean resend) {

  public BatchOptions {
    if (concurrency < 1) {
      throw new IllegalArgumentException("concurrency must be at least 1");
    }
    if (limit < 0) {
      throw new IllegalArgumentException("limit must not be negative");
    }
  }

  /** A run that mails nobody twice. */
  public BatchOptions(boolean dryRun, int concurrency, int limit) {
    this(dryRun, concurrency, limit, false);
  }

  /** A full run at {@code concurrency}, as the scheduler makes it. */
  public static BatchOptions all(int concurrency) {
    return new BatchOptions(false, concurrency, 0);
  }
}
