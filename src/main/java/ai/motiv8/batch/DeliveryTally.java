package ai.motiv8.batch;

import ai.motiv8.metrics.AppMetrics;

/**
 * The counts of a run's or a tick's outcomes ({@link DeliveryOutcome}), each final outcome also
 * reported to the metrics. Confined to the run's context.
 */
final class DeliveryTally {

  private int mailed;
  private int skipped;
  private int failed;
  private int retriable;
  private int optedOut;
  private int held;

  /** Counts one user's outcome; {@code HELD} (another run has the user) is counted but not reported. */
  void count(DeliveryOutcome outcome) {
    switch (outcome) {
      case MAILED -> mailed++;
      case ALREADY_DONE, GONE, FILTERED_OUT -> skipped++;
      case OPTED_OUT -> optedOut++;
      case RETRIABLE -> {
        failed++;
        retriable++;
      }
      case FAILED -> failed++;
      case HELD -> held++;
    }
    if (outcome != DeliveryOutcome.HELD) {
      AppMetrics.batchUser(switch (outcome) {
        case MAILED -> "mailed";
        case FAILED, RETRIABLE -> "failed";
        default -> "skipped";
      });
    }
  }

  /** A user found already mailed while planning (never taken on). */
  void alreadyDone() {
    skipped++;
  }

  /** Due users found unsubscribed while planning (never taken on). */
  void optedOut(int users) {
    optedOut += users;
  }

  int mailed() {
    return mailed;
  }

  int skipped() {
    return skipped;
  }

  int failed() {
    return failed;
  }

  int retriable() {
    return retriable;
  }

  int optedOut() {
    return optedOut;
  }

  /** Users left to another live run. */
  int held() {
    return held;
  }
}
