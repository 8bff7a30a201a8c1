package ai.motiv8.faces.pack;

/** A model pack cannot be used: a file is missing, corrupt, or could not be fetched. */
public final class ModelUnavailableException extends RuntimeException {

  public ModelUnavailableException(String message) {
    super(message);
  }

  public ModelUnavailableException(String message, Throwable cause) {
    super(message, cause);
  }
}
