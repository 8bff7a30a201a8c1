package ai.motiv8.batch;

/** How one user's delivery of one day ended for one run ({@link UserDelivery}). */
enum DeliveryOutcome {
  /** Image (new or resumed) handed to the mail server, or the outbox. */
  MAILED,
  /** Mailed before, by this or another run. */
  ALREADY_DONE,
  /** Deleted, or being deleted. */
  GONE,
  /** Unsubscribed: nothing generated, nothing mailed. */
  OPTED_OUT,
  /** Not in {@code batch.emailFilter} while one is set: nothing generated, nothing mailed. */
  FILTERED_OUT,
  /** Ended without a mail, and no later run will try again (out of attempts, mail outcome unknown). */
  FAILED,
  /** Failed this time; a later run tries again while attempts are left. */
  RETRIABLE,
  /** Another live run holds the user's day. */
  HELD;

  /** The day is settled for this user: the scheduler moves on to their next workout day. */
  boolean settled() {
    return this == MAILED || this == ALREADY_DONE || this == OPTED_OUT || this == FILTERED_OUT
        || this == FAILED;
  }
}
