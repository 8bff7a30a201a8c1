package ai.motiv8.faces;

import java.util.List;

/**
 * Measures the chosen (largest) face of an image: size, sharpness, brightness, head pose and
 * whether other faces are present ({@link FaceQuality}). Works from the five keypoints every face
 * pack gives, so the default pack (68 landmarks reduced to five) and buffalo_l (SCRFD's five
 * keypoints) are measured alike. Plain Java, no allocation beyond one 112×112 crop; about a
 * millisecond.
 */
public final class FaceQualityMeter {

  /** The crop the recognisers see. */
  static final int CROP = 112;

  private FaceQualityMeter() {
  }

  /**
   * @param faces every face found, largest first (the first is measured); not empty, with keypoints
   */
  public static FaceQuality measure(RgbImage image, List<Face> faces) {
    Face face = faces.get(0);
    float[] k = face.keypoints();
    if (k == null) {
      throw new IllegalArgumentException("The face has no keypoints: detect it with a face pack first");
    }
    double[] inverse = FaceAligner.invert(FaceAligner.similarity(k, FaceAligner.ARCFACE_TEMPLATE_112));
    RgbImage aligned = FaceAligner.warp(image, inverse, CROP, CROP);
    boolean[] inside = insideMask(image, inverse);
    double[] gray = luma(aligned);
    return new FaceQuality(Math.round(face.width()), Math.round(face.height()), laplacianVariance(gray, inside),
        mean(gray, inside), yawDegrees(k), rollDegrees(k), faces.size() > 1);
  }

  /**
   * Tilt of the line from the left to the right eye, in degrees, positive clockwise as seen in the
   * image (y grows downwards).
   */
  public static double rollDegrees(float[] k) {
    return Math.toDegrees(Math.atan2(k[3] - k[1], k[2] - k[0]));
  }

  /**
   * Head turn from the five keypoints. In the frame of the eye line, the facial midline runs from
   * the middle of the eyes to the middle of the mouth; the nose tip stands in front of the face, so
   * turning the head by θ moves it off the midline by about {@code depth · sin θ} while the half eye
   * distance shrinks to {@code half · cos θ}. With the nose depth about equal to half the eye
   * distance (adult faces), {@code θ ≈ atan(offset / half eye distance)}. Positive when the nose
   * points to the image's right.
   */
  public static double yawDegrees(float[] k) {
    double ex = (k[0] + k[2]) / 2, ey = (k[1] + k[3]) / 2;
    double ux = k[2] - k[0], uy = k[3] - k[1];
    double eyeDistance = Math.hypot(ux, uy);
    if (eyeDistance == 0) {
      return 0;
    }
    ux /= eyeDistance;
    uy /= eyeDistance;
    // Along the eye line (x') and across it, downwards (y').
    double mx = (k[6] + k[8]) / 2 - ex, my = (k[7] + k[9]) / 2 - ey;
    double nx = k[4] - ex, ny = k[5] - ey;
    double mouthAlong = mx * ux + my * uy, mouthAcross = -mx * uy + my * ux;
    double noseAlong = nx * ux + ny * uy, noseAcross = -nx * uy + ny * ux;
    double midlineAtNose = mouthAcross == 0 ? 0 : mouthAlong * noseAcross / mouthAcross;
    double offset = noseAlong - midlineAtNose;
    return Math.toDegrees(Math.atan(offset / (eyeDistance / 2)));
  }

  /** Which crop pixels sample the image (the others are the warp's black border). */
  private static boolean[] insideMask(RgbImage image, double[] inverse) {
    boolean[] inside = new boolean[CROP * CROP];
    for (int y = 0; y < CROP; y++) {
      for (int x = 0; x < CROP; x++) {
        double u = inverse[0] * x + inverse[1] * y + inverse[2];
        double v = inverse[3] * x + inverse[4] * y + inverse[5];
        inside[y * CROP + x] = u >= 0 && v >= 0 && u <= image.width() - 1 && v <= image.height() - 1;
      }
    }
    return inside;
  }

  private static double[] luma(RgbImage image) {
    double[] gray = new double[image.width() * image.height()];
    byte[] rgb = image.rgb();
    for (int i = 0; i < gray.length; i++) {
      gray[i] = 0.299 * (rgb[3 * i] & 0xFF) + 0.587 * (rgb[3 * i + 1] & 0xFF) + 0.114 * (rgb[3 * i + 2] & 0xFF);
    }
    return gray;
  }

  private static double mean(double[] values, boolean[] inside) {
    double sum = 0;
    int n = 0;
    for (int i = 0; i < values.length; i++) {
      if (inside[i]) {
        sum += values[i];
        n++;
      }
    }
    return n == 0 ? 0 : sum / n;
  }

  /** Variance of {@code g(x-1,y) + g(x+1,y) + g(x,y-1) + g(x,y+1) - 4 g(x,y)} where all five are inside. */
  static double laplacianVariance(double[] gray, boolean[] inside) {
    double sum = 0, sumSquares = 0;
    int n = 0;
    for (int y = 1; y < CROP - 1; y++) {
      for (int x = 1; x < CROP - 1; x++) {
        int i = y * CROP + x;
        if (!(inside[i] && inside[i - 1] && inside[i + 1] && inside[i - CROP] && inside[i + CROP])) {
          continue;
        }
        double laplacian = gray[i - 1] + gray[i + 1] + gray[i - CROP] + gray[i + CROP] - 4 * gray[i];
        sum += laplacian;
        sumSquares += laplacian * laplacian;
        n++;
      }
    }
    if (n == 0) {
      return 0;
    }
    double mean = sum / n;
    return Math.max(0, sumSquares / n - mean * mean);
  }
}
