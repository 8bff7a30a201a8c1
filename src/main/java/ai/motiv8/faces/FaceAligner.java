package ai.motiv8.faces;

/**
 * Warps a face to the ArcFace crop: the least-squares similarity transform (Umeyama, as
 * skimage's {@code SimilarityTransform.estimate}) that maps the five keypoints onto InsightFace's
 * {@code arcface_dst} template, scaled by {@code size / 112}, sampled bilinearly with black
 * outside the image.
 */
public final class FaceAligner {

  /** InsightFace {@code arcface_dst} for a 112×112 crop, as {@code [x0, y0, ..., x4, y4]}. */
  public static final float[] ARCFACE_TEMPLATE_112 = {
      38.2946f, 51.6963f, 73.5318f, 51.5014f, 56.0252f, 71.7366f, 41.5493f, 92.3655f, 70.7299f, 92.2041f};

  private FaceAligner() {
  }

  /** The {@code size × size} aligned crop (e.g. 112 for recognisers, 224 for CLIP). */
  public static RgbImage align(RgbImage image, float[] keypoints, int size) {
    float[] template = new float[10];
    for (int i = 0; i < 10; i++) {
      template[i] = ARCFACE_TEMPLATE_112[i] * size / 112f;
    }
    double[] m = similarity(keypoints, template);
    return warp(image, invert(m), size, size);
  }

  /**
   * Least-squares similarity from {@code src} to {@code dst} points ({@code [x0, y0, ...]}).
   *
   * @return the 2×3 matrix {@code [a, -b, tx, b, a, ty]}: dst ≈ M · [src, 1]
   */
  public static double[] similarity(float[] src, float[] dst) {
    int n = src.length / 2;
    double sx = 0, sy = 0, dx = 0, dy = 0;
    for (int i = 0; i < n; i++) {
      sx += src[2 * i];
      sy += src[2 * i + 1];
      dx += dst[2 * i];
      dy += dst[2 * i + 1];
    }
    sx /= n;
    sy /= n;
    dx /= n;
    dy /= n;
    double dot = 0, cross = 0, norm = 0;
    for (int i = 0; i < n; i++) {
      double px = src[2 * i] - sx, py = src[2 * i + 1] - sy;
      double qx = dst[2 * i] - dx, qy = dst[2 * i + 1] - dy;
      dot += px * qx + py * qy;
      cross += px * qy - py * qx;
      norm += px * px + py * py;
    }
    if (norm == 0) {
      throw new IllegalArgumentException("Keypoints are all at one place");
    }
    double a = dot / norm, b = cross / norm;
    double tx = dx - (a * sx - b * sy);
    double ty = dy - (b * sx + a * sy);
    return new double[] {a, -b, tx, b, a, ty};
  }

  /** Inverse of a 2×3 affine matrix. */
  public static double[] invert(double[] m) {
    double det = m[0] * m[4] - m[1] * m[3];
    if (det == 0) {
      throw new IllegalArgumentException("Transform is not invertible");
    }
    double ia = m[4] / det, ib = -m[1] / det, ic = -m[3] / det, id = m[0] / det;
    return new double[] {ia, ib, -(ia * m[2] + ib * m[5]), ic, id, -(ic * m[2] + id * m[5])};
  }

  /** Output pixel (x, y) samples the source at {@code inverse · [x, y, 1]}, bilinear, black outside. */
  public static RgbImage warp(RgbImage src, double[] inverse, int width, int height) {
    byte[] out = new byte[width * height * 3];
    for (int y = 0; y < height; y++) {
      for (int x = 0; x < width; x++) {
        double u = inverse[0] * x + inverse[1] * y + inverse[2];
        double v = inverse[3] * x + inverse[4] * y + inverse[5];
        int u0 = (int) Math.floor(u), v0 = (int) Math.floor(v);
        double fu = u - u0, fv = v - v0;
        int o = (y * width + x) * 3;
        for (int c = 0; c < 3; c++) {
          double value = (1 - fu) * (1 - fv) * sample(src, u0, v0, c)
              + fu * (1 - fv) * sample(src, u0 + 1, v0, c)
              + (1 - fu) * fv * sample(src, u0, v0 + 1, c)
              + fu * fv * sample(src, u0 + 1, v0 + 1, c);
          out[o + c] = (byte) Math.min(255, Math.max(0, (int) Math.round(value)));
        }
      }
    }
    return new RgbImage(width, height, out);
  }

  private static int sample(RgbImage image, int x, int y, int c) {
    if (x < 0 || y < 0 || x >= image.width() || y >= image.height()) {
      return 0;
    }
    return image.at(x, y, c);
  }
}
