package ai.motiv8.generation;

/** An engine could not produce an image from its input. */
public final class GenerationException extends RuntimeException {

  public GenerationException(String message) {
    super(message);
  }

  public GenerationException(String message, Throwable cause) {
    super(message, cause);
  }
}
