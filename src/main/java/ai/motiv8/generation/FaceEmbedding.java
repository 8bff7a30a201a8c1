package ai.motiv8.generation;

import java.util.Arrays;
import java.util.Objects;

/**
 * A stored face embedding together with the model that made it: embeddings of different
 * models live in different spaces, and an engine that was trained on one (the diffusion
 * engine: InsightFace buffalo_l) must refuse the others.
 *
 * @param model the embedding model as recorded with the user, e.g. {@code buffalo_l/w600k_r50}
 *     or {@code default/fr_feature}
 * @param vector the embedding (512 values for both packs; L2-normalised)
 */
public record FaceEmbedding(String model, float[] vector) {

  public FaceEmbedding {
    Objects.requireNonNull(model, "model");
    Objects.requireNonNull(vector, "vector");
    for (float v : vector) {
      if (!Float.isFinite(v)) {
        throw new IllegalArgumentException("embedding values must be finite numbers");
      }
    }
    vector = vector.clone();
  }

  @Override
  public float[] vector() {
    return vector.clone();
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof FaceEmbedding that && model.equals(that.model) && Arrays.equals(vector, that.vector);
  }

  @Override
  public int hashCode() {
    return 31 * model.hashCode() + Arrays.hashCode(vector);
  }

  @Override
  public String toString() {
    return "FaceEmbedding[model=" + model + ", dims=" + vector.length + "]";
  }
}
