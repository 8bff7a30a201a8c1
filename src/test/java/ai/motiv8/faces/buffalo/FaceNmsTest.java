package ai.motiv8.faces.buffalo;

import static org.assertj.core.api.Assertions.assertThat;

import ai.motiv8.faces.Face;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("InsightFace NMS")
class FaceNmsTest {

  static Face box(float x1, float y1, float x2, float y2, float score) {
    return new Face(x1, y1, x2, y2, score, new float[10]);
  }

  @Test
  @DisplayName("uses inclusive-pixel areas: IoU 0.389 by plain areas is 0.429 and suppressed")
  void inclusivePixels() {
    Face strong = box(0, 0, 10, 10, 0.9f);
    Face weak = box(4.4f, 0, 14.4f, 10, 0.8f);

    assertThat(FaceNms.overlap(strong, weak)).isBetween(0.428f, 0.429f);
    assertThat(FaceNms.suppress(List.of(weak, strong), 0.4f)).containsExactly(strong);
  }

  @Test
  @DisplayName("keeps faces in descending score order and equal scores in input order")
  void scoreOrder() {
    Face a = box(0, 0, 10, 10, 0.6f);
    Face b = box(100, 0, 110, 10, 0.9f);
    Face c = box(200, 0, 210, 10, 0.6f);

    assertThat(FaceNms.suppress(List.of(a, b, c), 0.4f)).containsExactly(b, a, c);
  }

  @Test
  @DisplayName("does not let a suppressed face suppress others")
  void chain() {
    Face first = box(0, 0, 10, 10, 0.9f);
    Face second = box(3, 0, 13, 10, 0.8f);
    Face third = box(7, 0, 17, 10, 0.7f);

    assertThat(FaceNms.suppress(List.of(first, second, third), 0.4f)).containsExactly(first, third);
  }
}
