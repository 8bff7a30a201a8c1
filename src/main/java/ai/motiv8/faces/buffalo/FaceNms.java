package ai.motiv8.faces.buffalo;

import ai.motiv8.faces.Face;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Greedy non-maximum suppression exactly as InsightFace's {@code SCRFD.nms}: faces taken in
 * descending score order; a face is dropped when its overlap with a kept one is above the
 * threshold. Areas use InsightFace's inclusive-pixel convention
 * {@code (x2 − x1 + 1) · (y2 − y1 + 1)}, intersections likewise, in float32.
 */
final class FaceNms {

  private FaceNms() {
  }

  /**
   * The faces kept, in descending score order (equal scores keep their input order).
   *
   * @param threshold IoU above which the lower-scored face is dropped (0.4 for SCRFD)
   */
  static List<Face> suppress(List<Face> candidates, float threshold) {
    List<Face> order = new ArrayList<>(candidates);
    order.sort(Comparator.comparingDouble((Face f) -> f.score()).reversed());
    boolean[] dropped = new boolean[order.size()];
    List<Face> kept = new ArrayList<>();
    for (int i = 0; i < order.size(); i++) {
      if (dropped[i]) {
        continue;
      }
      Face face = order.get(i);
      kept.add(face);
      for (int j = i + 1; j < order.size(); j++) {
        if (!dropped[j] && overlap(face, order.get(j)) > threshold) {
          dropped[j] = true;
        }
      }
    }
    return kept;
  }

  /** InsightFace's IoU with inclusive pixel areas. */
  static float overlap(Face a, Face b) {
    float w = Math.max(0f, Math.min(a.x2(), b.x2()) - Math.max(a.x1(), b.x1()) + 1);
    float h = Math.max(0f, Math.min(a.y2(), b.y2()) - Math.max(a.y1(), b.y1()) + 1);
    float intersection = w * h;
    return intersection / (area(a) + area(b) - intersection);
  }

  private static float area(Face f) {
    return (f.x2() - f.x1() + 1) * (f.y2() - f.y1() + 1);
  }
}
