package ai.motiv8.faces;

import static org.assertj.core.api.Assertions.assertThat;

import ai.motiv8.faces.NonMaxSuppression.Areas;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("Non-maximum suppression")
class NonMaxSuppressionTest {

  static Face box(float x1, float y1, float x2, float y2, float score) {
    return new Face(x1, y1, x2, y2, score, new float[10]);
  }

  @Test
  @DisplayName("uses inclusive-pixel areas: IoU 0.389 by plain areas is 0.429 and suppressed")
  void inclusivePixels() {
    Face strong = box(0, 0, 10, 10, 0.9f);
    Face weak = box(4.4f, 0, 14.4f, 10, 0.8f);

    assertThat(NonMaxSuppression.iou(strong, weak, Areas.INCLUSIVE_PIXELS)).isBetween(0.428f, 0.429f);
    assertThat(NonMaxSuppression.suppress(List.of(weak, strong), 0.4f, Areas.INCLUSIVE_PIXELS)).containsExactly(strong);
  }

  @Test
  @DisplayName("plain areas (the default pack): the same pair has IoU 0.389 and both stay")
  void continuousAreas() {
    Face strong = box(0, 0, 10, 10, 0.9f);
    Face weak = box(4.4f, 0, 14.4f, 10, 0.8f);

    assertThat(NonMaxSuppression.iou(strong, weak, Areas.CONTINUOUS)).isBetween(0.388f, 0.389f);
    assertThat(NonMaxSuppression.suppress(List.of(weak, strong), 0.4f, Areas.CONTINUOUS))
        .containsExactly(strong, weak);
  }

  @Test
  @DisplayName("boxes that do not overlap have IoU 0 in both conventions")
  void apart() {
    Face left = box(0, 0, 10, 10, 0.9f);
    Face right = box(12, 0, 20, 10, 0.8f);

    assertThat(NonMaxSuppression.iou(left, right, Areas.CONTINUOUS)).isZero();
    assertThat(NonMaxSuppression.iou(left, right, Areas.INCLUSIVE_PIXELS)).isZero();
  }

  @Test
  @DisplayName("keeps faces in descending score order and equal scores in input order")
  void scoreOrder() {
    Face a = box(0, 0, 10, 10, 0.6f);
    Face b = box(100, 0, 110, 10, 0.9f);
    Face c = box(200, 0, 210, 10, 0.6f);

    assertThat(NonMaxSuppression.suppress(List.of(a, b, c), 0.4f, Areas.INCLUSIVE_PIXELS)).containsExactly(b, a, c);
  }

  @Test
  @DisplayName("does not let a suppressed face suppress others")
  void chain() {
    Face first = box(0, 0, 10, 10, 0.9f);
    Face second = box(3, 0, 13, 10, 0.8f);
    Face third = box(7, 0, 17, 10, 0.7f);

    assertThat(NonMaxSuppression.suppress(List.of(first, second, third), 0.4f, Areas.INCLUSIVE_PIXELS)).containsExactly(first, third);
  }
}
