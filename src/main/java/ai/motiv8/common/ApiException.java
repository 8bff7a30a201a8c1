package ai.motiv8.common;

/**
 * The one failure type of domain code. Its {@link Kind} carries the HTTP status; the message is
 * what the person sees in {@code {"detail": ...}}.
 */
public final class ApiException extends RuntimeException {

  public enum Kind {
    BAD_REQUEST(400),
    UNAUTHORIZED(401),
    FORBIDDEN(403),
    NOT_FOUND(404),
    CONFLICT(409),
    PAYLOAD_TOO_LARGE(413),
    UNSUPPORTED_MEDIA_TYPE(415),
    INTERNAL(500),
    UNAVAILABLE(503),
    TIMEOUT(504);

    private final int status;

    Kind(int status) {
      this.status = status;
    }

    public int status() {
      return status;
    }

    /** The kind whose status is {@code status}, or {@link #INTERNAL}. */
    public static Kind ofStatus(int status) {
      for (Kind kind : values()) {
        if (kind.status == status) {
          return kind;
        }
      }
      return INTERNAL;
    }
  }

  private final Kind kind;

  public ApiException(Kind kind, String detail) {
    this(kind, detail, null);
  }

  public ApiException(Kind kind, String detail, Throwable cause) {
    super(detail, cause);
    this.kind = kind;
  }

  public Kind kind() {
    return kind;
  }

  public int status() {
    return kind.status();
  }

  public static ApiException badRequest(String detail) {
    return new ApiException(Kind.BAD_REQUEST, detail);
  }

  public static ApiException unauthorized(String detail) {
    return new ApiException(Kind.UNAUTHORIZED, detail);
  }

  public static ApiException forbidden(String detail) {
    return new ApiException(Kind.FORBIDDEN, detail);
  }

  public static ApiException notFound(String detail) {
    return new ApiException(Kind.NOT_FOUND, detail);
  }

  public static ApiException tooLarge(String detail) {
    return new ApiException(Kind.PAYLOAD_TOO_LARGE, detail);
  }

  public static ApiException unavailable(String detail) {
    return new ApiException(Kind.UNAVAILABLE, detail);
  }
}
