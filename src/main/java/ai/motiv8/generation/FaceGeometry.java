package ai.motiv8.generation;

import java.awt.geom.Point2D;
import java.util.Arrays;

/**
 * Where a face is in an image, in pixels: the detector's box and, when the detector gives them,
 * five landmarks.
 *
 * @param box {@code [x1, y1, x2, y2]}, top-left and bottom-right corners, {@code x1 < x2},
 *     {@code y1 < y2}
 * @param keypoints {@code [x0, y0, ..., x4, y4]}: left eye, right eye, nose tip, left mouth
 *     corner, right mouth corner ("left" = smaller x in an upright image), or an empty array
 *     when unknown
 */
public record FaceGeometry(float[] box, float[] keypoints) {

  public static final int KEYPOINTS = 5;

  public FaceGeometry {
    if (box == null || box.length != 4) {
      throw new IllegalArgumentException("box must be [x1, y1, x2, y2]");
    }
    if (!(box[2] > box[0] && box[3] > box[1])) {
      throw new IllegalArgumentException("box must have x1 < x2 and y1 < y2: " + Arrays.toString(box));
    }
    keypoints = keypoints == null ? new float[0] : keypoints;
    if (keypoints.length != 0 && keypoints.length != 2 * KEYPOINTS) {
      throw new IllegalArgumentException("keypoints must be 5 (x, y) pairs or empty");
    }
    for (float v : box) {
      requireFinite(v);
    }
    for (float v : keypoints) {
      requireFinite(v);
    }
    box = box.clone();
    keypoints = keypoints.clone();
  }

  /** A face known by its box only. */
  public static FaceGeometry ofBox(float x1, float y1, float x2, float y2) {
    return new FaceGeometry(new float[] {x1, y1, x2, y2}, new float[0]);
  }

  @Override
  public float[] box() {
    return box.clone();
  }

  @Override
  public float[] keypoints() {
    return keypoints.clone();
  }

  public boolean hasKeypoints() {
    return keypoints.length == 2 * KEYPOINTS;
  }

  public float boxWidth() {
    return box[2] - box[0];
  }

  public float boxHeight() {
    return box[3] - box[1];
  }

  /** Landmark {@code index} (0 = left eye ... 4 = right mouth corner); needs {@link #hasKeypoints()}. */
  public Point2D.Double keypoint(int index) {
    if (!hasKeypoints()) {
      throw new IllegalStateException("no keypoints");
    }
    return new Point2D.Double(keypoints[2 * index], keypoints[2 * index + 1]);
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof FaceGeometry that
        && Arrays.equals(box, that.box) && Arrays.equals(keypoints, that.keypoints);
  }

  @Override
  public int hashCode() {
    return 31 * Arrays.hashCode(box) + Arrays.hashCode(keypoints);
  }

  @Override
  public String toString() {
    return "FaceGeometry[box=" + Arrays.toString(box) + ", keypoints=" + Arrays.toString(keypoints) + "]";
  }

  private static void requireFinite(float value) {
    if (!Float.isFinite(value)) {
      throw new IllegalArgumentException("face coordinates must be finite numbers");
    }
  }
}
