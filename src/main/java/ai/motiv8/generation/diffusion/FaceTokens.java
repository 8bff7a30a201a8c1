package ai.motiv8.generation.diffusion;

/**
 * The face tokens appended to the text tokens of each guidance branch.
 *
 * @param conditional {@code [tokens, width]} row-major: the projection of the user's embedding
 *     and the CLIP states of their face crop
 * @param unconditional {@code [tokens, width]}: the projection of a zero embedding and the CLIP
 *     states of a zero image (the negative branch)
 * @param tokens number of face tokens (4 for FaceID-Plus)
 * @param width token width (768 for SD 1.5)
 */
public record FaceTokens(float[] conditional, float[] unconditional, int tokens, int width) {

  public FaceTokens {
    if (conditional.length != tokens * width || unconditional.length != tokens * width) {
      throw new IllegalArgumentException("face tokens must be " + tokens + " x " + width);
    }
  }
}
