package ai.motiv8.faces.buffalo;

import ai.motiv8.faces.Face;
import java.util.ArrayList;
import java.util.List;

/**
 * Turns SCRFD head outputs into candidate faces, as InsightFace's {@code SCRFD.forward} and
 * {@code detect} do (float32 arithmetic throughout).
 *
 * <p>Anchor {@code k} of stride {@code s} on a grid {@code ⌊W/s⌋} wide sits at location
 * {@code j = ⌊k / 2⌋}, centre {@code (cx, cy) = ((j mod ⌊W/s⌋) · s, ⌊j / ⌊W/s⌋⌋ · s)} (row-major,
 * no half-pixel offset, each centre used by two anchors). With distances {@code (l, t, r, b)} the
 * box is {@code (cx − l·s, cy − t·s, cx + r·s, cy + b·s)}; keypoint {@code i} is
 * {@code (cx + dx_i·s, cy + dy_i·s)}. Anchors with score ≥ threshold are kept and their
 * coordinates divided by the letterbox scale.
 */
final class ScrfdDecoder {

  private ScrfdDecoder() {
  }

  /**
   * Candidates in image pixels, in anchor order (stride 8 first, then 16, 32; row-major), not yet
   * sorted or suppressed.
   *
   * @param inputWidth model input width (640)
   * @param threshold minimum score, inclusive (0.5)
   * @param scale letterbox scale (canvas pixels per image pixel)
   */
  static List<Face> decode(ScrfdHeads heads, int inputWidth, float threshold, float scale) {
    List<Face> faces = new ArrayList<>();
    for (int level = 0; level < ScrfdHeads.STRIDES.length; level++) {
      int stride = ScrfdHeads.STRIDES[level];
      int gridWidth = inputWidth / stride;
      float[] scores = heads.scores(level);
      float[] boxes = heads.boxes(level);
      float[] keypoints = heads.keypoints(level);
      for (int k = 0; k < scores.length; k++) {
        if (!(scores[k] >= threshold)) {
          continue;
        }
        int location = k / ScrfdHeads.ANCHORS;
        float cx = (float) (location % gridWidth * stride);
        float cy = (float) (location / gridWidth * stride);
        int b = k * ScrfdHeads.BOX;
        float x1 = (cx - boxes[b] * stride) / scale;
        float y1 = (cy - boxes[b + 1] * stride) / scale;
        float x2 = (cx + boxes[b + 2] * stride) / scale;
        float y2 = (cy + boxes[b + 3] * stride) / scale;
        float[] points = new float[ScrfdHeads.KEYPOINTS];
        int p = k * ScrfdHeads.KEYPOINTS;
        for (int i = 0; i < ScrfdHeads.KEYPOINTS; i += 2) {
          points[i] = (cx + keypoints[p + i] * stride) / scale;
          points[i + 1] = (cy + keypoints[p + i + 1] * stride) / scale;
        }
        faces.add(new Face(x1, y1, x2, y2, scores[k], points));
      }
    }
    return faces;
  }
}
