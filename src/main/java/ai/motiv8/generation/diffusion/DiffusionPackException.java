package ai.motiv8.generation.diffusion;

/**
 * A diffusion pack is missing, incomplete or does not match what the pipeline needs; the
 * message names the file and points to the documentation.
 */
public final class DiffusionPackException extends RuntimeException {

  public DiffusionPackException(String message) {
    super(message);
  }

  public DiffusionPackException(String message, Throwable cause) {
    super(message, cause);
  }
}
