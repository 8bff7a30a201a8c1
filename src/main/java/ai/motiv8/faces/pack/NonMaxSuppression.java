package ai.motiv8.faces.pack;

import java.util.ArrayList;
import java.util.List;

/**
 * Greedy non-maximum suppression in score order: the best box is kept, every remaining box whose
 * intersection over union with it exceeds the threshold is dropped, and so on. (The npm package's
 * JS sorts by the bottom edge and divides by one box's area instead: not ported.)
 */
final class NonMaxSuppression {

  private NonMaxSuppression() {
  }

  /**
   * @param boxes {@code [x1, y1, x2, y2]} per candidate, already sorted by descending score
   * @return indices of the kept candidates, in score order
   */
  static List<Integer> keep(List<float[]> boxes, float iouThreshold) {
    boolean[] suppressed = new boolean[boxes.size()];
    List<Integer> kept = new ArrayList<>();
    for (int i = 0; i < boxes.size(); i++) {
      if (suppressed[i]) {
        continue;
      }
      kept.add(i);
      for (int j = i + 1; j < boxes.size(); j++) {
        if (!suppressed[j] && iou(boxes.get(i), boxes.get(j)) > iouThreshold) {
          suppressed[j] = true;
        }
      }
    }
    return kept;
  }

  static float iou(float[] a, float[] b) {
    float w = Math.min(a[2], b[2]) - Math.max(a[0], b[0]);
    float h = Math.min(a[3], b[3]) - Math.max(a[1], b[1]);
    if (w <= 0 || h <= 0) {
      return 0;
    }
    float intersection = w * h;
    float union = area(a) + area(b) - intersection;
    return union <= 0 ? 0 : intersection / union;
  }

  private static float area(float[] box) {
    return Math.max(0, box[2] - box[0]) * Math.max(0, box[3] - box[1]);
  }
}
