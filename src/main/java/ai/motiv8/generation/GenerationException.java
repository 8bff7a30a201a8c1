package ai.motiv8.generation;

/**
 * An engine could not produce an image from its input. Not final only for
 * {@link GenerationCancelledException}, which callers may want to tell apart (a timeout).
 */
public class GenerationException extends RuntimeException {

  public GenerationException(String message) {
    super(message);
  }

  public GenerationException(String message, Throwable cause) {
    super(message, cause);
  }
}
