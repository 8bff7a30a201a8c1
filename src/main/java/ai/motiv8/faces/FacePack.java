package ai.motiv8.faces;

import java.util.List;

/**
 * A loaded set of face models (detector, keypoints, recogniser) that turns an upright RGB image
 * into faces and a face into an embedding. Implementations own their ONNX Runtime sessions, load
 * them once, are safe to call from several threads at once, and release them on {@link #close()}.
 */
public interface FacePack extends AutoCloseable {

  /** Pack name as configured, e.g. {@code default} or {@code buffalo_l}. */
  String name();

  /**
   * Identifies the model that makes embeddings, recorded with every stored embedding (e.g.
   * {@code default/fr_feature} or {@code buffalo_l/w600k_r50}): embeddings of different models
   * cannot be compared.
   */
  String embeddingModel();

  /** Every face found, largest first, each with five keypoints. Empty when there is none. */
  List<Face> detect(RgbImage image);

  /** The L2-normalised 512-d embedding of {@code face} in {@code image}. */
  float[] embed(RgbImage image, Face face);

  /**
   * The face's gender as {@link ai.motiv8.users.Gender} spells it ({@code male}/{@code female}),
   * or null when the pack has no gender model. A guess that steers prompts only, never access.
   */
  default String gender(RgbImage image, Face face) {
    return null;
  }

  @Override
  void close();
}
