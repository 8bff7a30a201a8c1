package ai.motiv8.faces;

/**
 * Comparing two embeddings of the same model: the cosine similarity of L2-normalised vectors
 * (their dot product), and the thresholds measured for the default pack.
 *
 * <p>Measured on the default pack ({@code default/fr_feature}, 5-point similarity alignment) with
 * the astronaut (Eileen Collins) and the camera man photos of the tests
 * ({@code SimilarityMeasurements} prints the table):
 * <ul>
 *   <li>same person, face at least ~56 px high, under flip, rescale 0.5-2×, JPEG quality 0.3-0.9,
 *       rotation ±20°, EXIF rotation, gray, crops, WebP, CMYK JPEG: <b>0.945-1.000</b>;</li>
 *   <li>same person, face 40-60 px (rescale 0.35, camera man at 0.5×, a head pasted into a canvas)
 *       or a profile face mirrored: <b>0.84-0.87</b>; face ~29 px (rescale 0.25): 0.655;</li>
 *   <li>different people: <b>−0.04 to 0.01</b> here; at most ~0.18 over the wider set in ML.md.</li>
 * </ul>
 * Hence {@link #SAME_PERSON} = 0.80 (every measured same-person pair with a face of at least 40 px
 * is above it) and {@link #DIFFERENT_PERSON} = 0.30 (every measured different-person pair is
 * below it, with a margin over the 0.18 of ML.md). Between the two the answer is "unsure": tiny
 * faces land there. Embeddings of different models are never comparable.
 */
public final class FaceSimilarity {

  /** Cosine at or above which two faces (each at least 40 px high) are the same person. */
  public static final double SAME_PERSON = 0.80;

  /** Cosine at or below which two faces are different people. */
  public static final double DIFFERENT_PERSON = 0.30;

  private FaceSimilarity() {
  }

  /** The Euclidean length of {@code v}, summed in double precision. */
  public static double norm(float[] v) {
    double sum = 0;
    for (float x : v) {
      sum += (double) x * x;
    }
    return Math.sqrt(sum);
  }

  /**
   * {@code v / |v|} as a new vector, so that the dot product of two is their cosine; a zero (or
   * NaN) vector comes back as zeros.
   */
  public static float[] l2Normalize(float[] v) {
    double norm = norm(v);
    float[] out = new float[v.length];
    if (norm > 0) {
      for (int i = 0; i < v.length; i++) {
        out[i] = (float) (v[i] / norm);
      }
    }
    return out;
  }

  /** The cosine similarity of two L2-normalised embeddings of one model. */
  public static double cosine(float[] a, float[] b) {
    if (a.length != b.length) {
      throw new IllegalArgumentException("Embeddings of " + a.length + " and " + b.length + " dimensions");
    }
    double sum = 0;
    for (int i = 0; i < a.length; i++) {
      sum += (double) a[i] * b[i];
    }
    return sum;
  }
}
