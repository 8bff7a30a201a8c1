package ai.motiv8.faces;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Greedy non-maximum suppression: faces taken in descending score order (equal scores keep their
 * input order); a face is dropped when its intersection over union with a kept one is above the
 * threshold, and a dropped face suppresses nothing. The packs' reference code measures boxes in
 * two ways (ML.md), hence {@link Areas}. (The npm package's JS sorts by the bottom edge and divides
 * by one box's area instead: not ported.)
 */
public final class NonMaxSuppression {

  /** How box widths, heights and so areas are measured, in float32 like the reference code. */
  public enum Areas {
    /** {@code (x2 − x1) · (y2 − y1)}: the default pack's plain IoU. */
    CONTINUOUS(0f),
    /** {@code (x2 − x1 + 1) · (y2 − y1 + 1)}, intersections likewise: InsightFace's {@code SCRFD.nms}. */
    INCLUSIVE_PIXELS(1f);

    private final float extra;

    Areas(float extra) {
      this.extra = extra;
    }
  }

  private NonMaxSuppression() {
  }

  /**
   * The faces kept, in descending score order.
   *
   * @param threshold IoU above which the lower-scored face is dropped (0.4 in both packs)
   */
  public static List<Face> suppress(List<Face> candidates, float threshold, Areas areas) {
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
        if (!dropped[j] && iou(face, order.get(j), areas) > threshold) {
          dropped[j] = true;
        }
      }
    }
    return kept;
  }

  /** Intersection over union of two boxes; 0 when they do not overlap. */
  public static float iou(Face a, Face b, Areas areas) {
    float w = Math.min(a.x2(), b.x2()) - Math.max(a.x1(), b.x1()) + areas.extra;
    float h = Math.min(a.y2(), b.y2()) - Math.max(a.y1(), b.y1()) + areas.extra;
    if (w <= 0 || h <= 0) {
      return 0;
    }
    float intersection = w * h;
    return intersection / (area(a, areas) + area(b, areas) - intersection);
  }

  private static float area(Face f, Areas areas) {
    return (f.x2() - f.x1() + areas.extra) * (f.y2() - f.y1() + areas.extra);
  }
}
