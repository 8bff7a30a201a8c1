package ai.motiv8.faces.intake;

/** The bytes are not a whole image of a supported type (unknown signature, truncated, garbage). */
public final class NotAnImageException extends RuntimeException {

  public NotAnImageException(String reason) {
    super(reason);
  }

  public NotAnImageException(String reason, Throwable cause) {
    super(reason, cause);
  }
}
