package ai.motiv8.faces.pack;

/**
 * A model pack cannot be used: a file is missing, corrupt, not the model it should be, or could
 * not be fetched. An {@link IllegalStateException}: the installation, not the caller, is wrong.
 */
public final class ModelUnavailableException extends IllegalStateException {

  public ModelUnavailableException(String message) {
    super(message);
  }

  public ModelUnavailableException(String message, Throwable cause) {
    super(message, cause);
  }
}
