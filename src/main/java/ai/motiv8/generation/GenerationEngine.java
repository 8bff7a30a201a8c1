package ai.motiv8.generation;

import ai.motiv8.storage.ImageVariant;

import java.util.Map;
import java.util.OptionalDouble;

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

  /**
   * Generates the image and reports what the engine measured on it. Engines that check the face
   * in their output (diffusion) override this; the default reports nothing.
   */
  default EngineOutput generateReported(GenerationInput input) {
    return new EngineOutput(generate(input), OptionalDouble.empty());
  }

  /**
   * Whether {@link GenerationInput#faceEmbedding()} must be given: the caller then reads the
   * user's stored embedding, which engines that do not use it are spared.
   */
  default boolean needsFaceEmbedding() {
    return false;
  }

  /**
   * One generated image.
   *
   * @param png the PNG bytes
   * @param identitySimilarity cosine between the face in the image and the user's embedding, when
   *     the engine checked it and found a face
   * @param variants the image's other stored forms ({@link ImageVariant#PNG} excluded: that is
   *     {@code png}), encoded; engines that make none give an empty map
   */
  record EngineOutput(byte[] png, OptionalDouble identitySimilarity, Map<ImageVariant, byte[]> variants) {

    public EngineOutput {
      variants = Map.copyOf(variants);
      if (variants.containsKey(ImageVariant.PNG)) {
        throw new IllegalArgumentException("the PNG is not a variant");
      }
    }

    /** An image without variants. */
    public EngineOutput(byte[] png, OptionalDouble identitySimilarity) {
      this(png, identitySimilarity, Map.of());
    }
  }
}
