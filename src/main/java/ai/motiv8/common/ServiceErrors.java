package ai.motiv8.common;

import io.vertx.serviceproxy.ServiceException;

/**
 * Failure codes travel across the event bus as {@link ServiceException#failureCode()}. By
 * convention a contract's codes carry their HTTP status: either the status itself (400, 404,
 * 503...) or, where a contract needs several codes with one status, the status times ten plus a
 * digit ({@code FaceService.NO_FACE = 4001} answers 400). One mapping serves every contract; other
 * codes are internal errors.
 */
public final class ServiceErrors {

  private ServiceErrors() {
  }

  /** A failure to send over the bus: the code is the status of {@code kind}. */
  public static ServiceException fail(ApiException.Kind kind, String detail) {
    return new ServiceException(kind.status(), detail);
  }

  /** Turns an {@link ApiException} into a {@link ServiceException}; other errors pass as 500. */
  public static ServiceException toServiceException(Throwable error) {
    if (error instanceof ServiceException se) {
      return se;
    }
    if (error instanceof ApiException api) {
      return new ServiceException(api.status(), api.getMessage());
    }
    return new ServiceException(500, String.valueOf(error.getMessage()));
  }

  /** The HTTP status a failure code stands for, or 0 when it stands for none. */
  public static int httpStatus(int failureCode) {
    if (failureCode >= 400 && failureCode < 600) {
      return failureCode;
    }
    if (failureCode >= 4000 && failureCode < 6000) {
      return failureCode / 10;
    }
    return 0;
  }

  /** Turns what came back from a service into the error the HTTP layer answers with. */
  public static Throwable toApiException(Throwable error) {
    if (error instanceof ApiException) {
      return error;
    }
    if (error instanceof ServiceException se && httpStatus(se.failureCode()) > 0) {
      return new ApiException(ApiException.Kind.ofStatus(httpStatus(se.failureCode())), se.getMessage(), se);
    }
    if (error instanceof io.vertx.core.eventbus.ReplyException re) {
      return switch (re.failureType()) {
        case NO_HANDLERS -> new ApiException(ApiException.Kind.UNAVAILABLE, "Service unavailable, try again shortly", re);
        case TIMEOUT -> new ApiException(ApiException.Kind.UNAVAILABLE, "Service timed out, try again shortly", re);
        default -> error;
      };
    }
    return error;
  }
}
