package ai.motiv8.mail;

/**
 * Bounded exponential backoff: waits {@code base}, {@code 2 base}, {@code 4 base}... between
 * attempts, never more than {@code max}, and gives up after {@code maxAttempts}.
 */
record Backoff(int maxAttempts, long baseMs, long maxMs) {

  Backoff {
    if (maxAttempts < 1) {
      throw new IllegalArgumentException("maxAttempts must be at least 1");
    }
    if (baseMs < 0 || maxMs < baseMs) {
      throw new IllegalArgumentException("need 0 <= baseMs <= maxMs");
    }
  }

  /** The wait after failed attempt number {@code attempt} (1-based). */
  long delayAfter(int attempt) {
    int doublings = Math.min(Math.max(attempt - 1, 0), 30);
    return Math.min(maxMs, baseMs << doublings);
  }

  boolean mayRetryAfter(int attempt) {
    return attempt < maxAttempts;
  }
}
