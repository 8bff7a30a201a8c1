package ai.motiv8.generation;

/**
 * Turns one person's selfie into a motivational image. Implementations are plain Java (no
 * Vert.x), thread-safe, and blocking: callers run them on a worker thread.
 */
public interface GenerationEngine {

  /** The config name of the engine ({@code generation.engine}), e.g. {@code poster}. */
  String name();

  /**
   * Generates the image for {@code input}.
   *
   * @return PNG bytes; the same input (including seed) gives the same bytes when the engine is
   *     deterministic, as {@code poster} is
   * @throws GenerationException when the input cannot be turned into an image
   */
  byte[] generate(GenerationInput input);
}
