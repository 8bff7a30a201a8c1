package ai.motiv8.faces;

import java.util.Comparator;

/**
 * One detected face in image pixels: box corners, detector score (0..1) and five keypoints as
 * {@code [x0, y0, ..., x4, y4]} in the order left eye, right eye, nose tip, left mouth corner,
 * right mouth corner ("left" as seen in the image).
 */
public record Face(float x1, float y1, float x2, float y2, float score, float[] keypoints) {

  /** Largest box area first, the order {@link FacePack#detect} promises (a stable sort keeps ties in order). */
  public static final Comparator<Face> LARGEST_FIRST = Comparator.comparingDouble(Face::area).reversed();

  public Face {
    if (keypoints != null && keypoints.length != 10) {
      throw new IllegalArgumentException("Five keypoints need 10 numbers, got " + keypoints.length);
    }
  }

  public float width() {
    return x2 - x1;
  }

  public float height() {
    return y2 - y1;
  }

  public float area() {
    return Math.max(0, width()) * Math.max(0, height());
  }

  /** Same face with keypoints set (detectors without keypoints get them from a landmark model). */
  public Face withKeypoints(float[] fivePoints) {
    return new Face(x1, y1, x2, y2, score, fivePoints);
  }
}
