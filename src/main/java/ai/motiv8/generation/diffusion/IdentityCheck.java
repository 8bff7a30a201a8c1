package ai.motiv8.generation.diffusion;

import java.awt.image.BufferedImage;
import java.util.OptionalDouble;

/**
 * The quality check of a generated image: how much the face in it is the user's. Implemented by
 * the face analysis ({@link FacePackIdentityCheck} over buffalo_l); thread-safe.
 */
@FunctionalInterface
public interface IdentityCheck {

  /**
   * The cosine similarity between the largest face in {@code generated} and the user's
   * embedding, or empty when no face is found.
   */
  OptionalDouble similarity(BufferedImage generated, float[] userEmbedding);
}
