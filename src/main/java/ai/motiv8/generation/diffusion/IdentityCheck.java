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
   * The cosine at and above which the face in an image counts as the user's. Measured on the
   * default pack (docs/ML facts): the same person under flips, rescaling, JPEG, small rotations and
   * crops scores 0.49–1.0 (the low end only for faces under ~40 px), different people at most
   * ~0.18. 0.40 sits in that gap, twice the highest different-person score and below the lowest
   * same-person one; posters show faces of 60 px and more.
   */
  double SAME_PERSON = 0.40;

  /**
   * The cosine similarity between the largest face in {@code generated} and the user's
   * embedding, or empty when no face is found.
   */
  OptionalDouble similarity(BufferedImage generated, float[] userEmbedding);
}
