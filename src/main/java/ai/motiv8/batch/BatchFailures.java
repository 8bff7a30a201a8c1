package ai.motiv8.batch;

import ai.motiv8.generation.GenerationService;
import ai.motiv8.users.UserStore;
import io.vertx.core.eventbus.ReplyException;
import io.vertx.core.eventbus.ReplyFailure;
import io.vertx.serviceproxy.ServiceException;

/** How the batch reads the failures that come back over the event bus. */
final class BatchFailures {

  private BatchFailures() {
  }

  /** The generation worker refused the job as busy, or no worker took it: worth another try soon. */
  static boolean busy(Throwable error) {
    if (error instanceof ServiceException se) {
      return se.failureCode() == GenerationService.BUSY;
    }
    return error instanceof ReplyException re && re.failureType() == ReplyFailure.NO_HANDLERS;
  }

  /** The claim's insert found no such user (foreign key): deleted after the list was read. */
  static boolean userGone(Throwable error) {
    return error instanceof ServiceException se && se.failureCode() == UserStore.NOT_FOUND;
  }

  /** The claim found the user unsubscribed ({@link DeliveryStore#OPTED_OUT}). */
  static boolean optedOut(Throwable error) {
    return error instanceof ServiceException se && se.failureCode() == DeliveryStore.OPTED_OUT;
  }

  /** The mail service may still be sending: it did not answer within the proxy's timeout. */
  static boolean outcomeUnknown(Throwable error) {
    return error instanceof ReplyException re && !(error instanceof ServiceException)
        && re.failureType() == ReplyFailure.TIMEOUT;
  }

  /** The message and, for bus failures, the code or failure type: for logs and {@code last_error}. */
  static String describe(Throwable error) {
    if (error instanceof ServiceException se) {
      return se.getMessage() + " (code " + se.failureCode() + ")";
    }
    if (error instanceof ReplyException re) {
      return re.getMessage() + " (" + re.failureType() + ")";
    }
    return String.valueOf(error.getMessage());
  }
}
