package ai.motiv8.faces.buffalo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import ai.motiv8.faces.Face;
import ai.motiv8.faces.NonMaxSuppression;
import ai.motiv8.faces.NonMaxSuppression.Areas;
import ai.motiv8.faces.TestImages;
import ai.motiv8.faces.TestModels;
import ai.motiv8.faces.buffalo.SyntheticScrfd.Anchor;
import ai.motiv8.faces.buffalo.SyntheticScrfd.Layout;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

@DisplayName("SCRFD detector on a synthetic det_10g")
class ScrfdDetectorTest {

  /** Planted anchors; expected boxes for a 640 × 640 image (scale 1) in the comments. */
  static final Anchor A = new Anchor(8, 10, 5, 0, 0.9f, new float[] {2, 3, 4, 5},
      new float[] {1, 1, 3, 1, 2, 2, 1, 3.5f, 3, 3.5f}); // centre (80, 40): box (64, 16, 112, 80)
  static final Anchor B_OVERLAPS_A = new Anchor(8, 10, 5, 1, 0.8f, new float[] {2, 3, 4, 4.5f},
      new float[] {1, 1, 3, 1, 2, 2, 1, 3, 3, 3}); // (64, 16, 112, 76): IoU with A > 0.4, dropped
  static final Anchor C = new Anchor(16, 30, 30, 1, 0.7f, new float[] {3, 4, 3, 4},
      new float[] {-1, -1, 1, -1, 0, 0.5f, -0.75f, 2, 0.75f, 2}); // centre (480, 480): (432, 416, 528, 544)
  static final Anchor F_BESIDE_A = new Anchor(8, 14, 5, 0, 0.6f, new float[] {2, 3, 4, 5},
      new float[] {1, 1, 3, 1, 2, 2, 1, 3.5f, 3, 3.5f}); // centre (112, 40): (96, 16, 144, 80), IoU 0.21
  static final Anchor D_AT_THRESHOLD = new Anchor(32, 2, 15, 0, 0.5f, new float[] {1, 2, 3, 4},
      new float[] {0.5f, 0.5f, 1.5f, 0.5f, 1, 1, 0.75f, 1.5f, 1.25f, 1.5f}); // centre (64, 480): (32, 416, 160, 608)
  static final Anchor E_BELOW = new Anchor(32, 19, 19, 1, 0.4999f, new float[] {1, 1, 1, 1},
      new float[10]); // below the threshold

  static final List<Anchor> PLANTED = List.of(A, B_OVERLAPS_A, C, F_BESIDE_A, D_AT_THRESHOLD, E_BELOW);

  static ScrfdDetector detector(Layout layout, Long inputSide) throws Exception {
    return new ScrfdDetector(TestModels.session(SyntheticScrfd.model(PLANTED, layout, inputSide)));
  }

  /** The face an anchor decodes to, divided by {@code scale}, as InsightFace computes it. */
  static Face decoded(Anchor a, float scale) {
    float s = a.stride();
    float[] k = new float[10];
    for (int i = 0; i < 10; i += 2) {
      k[i] = (a.cx() + a.keypoints()[i] * s) / scale;
      k[i + 1] = (a.cy() + a.keypoints()[i + 1] * s) / scale;
    }
    return new Face((a.cx() - a.box()[0] * s) / scale, (a.cy() - a.box()[1] * s) / scale,
        (a.cx() + a.box()[2] * s) / scale, (a.cy() + a.box()[3] * s) / scale, a.score(), k);
  }

  static void assertSameFaces(List<Face> actual, List<Face> expected) {
    assertThat(actual).hasSameSizeAs(expected);
    for (int i = 0; i < expected.size(); i++) {
      Face a = actual.get(i), e = expected.get(i);
      assertThat(new float[] {a.x1(), a.y1(), a.x2(), a.y2(), a.score()})
          .as("face %d", i).containsExactly(e.x1(), e.y1(), e.x2(), e.y2(), e.score());
      assertThat(a.keypoints()).as("keypoints of face %d", i).containsExactly(e.keypoints());
    }
  }

  @ParameterizedTest
  @EnumSource(Layout.class)
  @DisplayName("decodes planted anchors into exact boxes and keypoints, in score order, whatever the output order")
  void decodesPlantedAnchors(Layout layout) throws Exception {
    try (ScrfdDetector detector = detector(layout, null)) {
      List<Face> faces = detector.detect(TestImages.pattern(640, 640));

      assertSameFaces(faces, List.of(decoded(A, 1), decoded(C, 1), decoded(F_BESIDE_A, 1), decoded(D_AT_THRESHOLD, 1)));
      assertThat(new float[] {faces.get(0).x1(), faces.get(0).y1(), faces.get(0).x2(), faces.get(0).y2()})
          .containsExactly(64, 16, 112, 80);
      assertThat(faces.get(0).keypoints()).containsExactly(88, 48, 104, 48, 96, 56, 88, 68, 104, 68);
      assertThat(new float[] {faces.get(1).x1(), faces.get(1).y1(), faces.get(1).x2(), faces.get(1).y2()})
          .containsExactly(432, 416, 528, 544);
      assertThat(new float[] {faces.get(3).x1(), faces.get(3).y1(), faces.get(3).x2(), faces.get(3).y2()})
          .containsExactly(32, 416, 160, 608);
    }
  }

  @Test
  @DisplayName("suppresses the weaker of two overlapping anchors at the same place")
  void suppressesOverlap() throws Exception {
    assertThat(NonMaxSuppression.iou(decoded(A, 1), decoded(B_OVERLAPS_A, 1), Areas.INCLUSIVE_PIXELS))
        .isGreaterThan(0.4f);
    assertThat(NonMaxSuppression.iou(decoded(A, 1), decoded(F_BESIDE_A, 1), Areas.INCLUSIVE_PIXELS))
        .isLessThan(0.4f);
    try (ScrfdDetector detector = detector(Layout.PLAIN_IN_ORDER, null)) {
      assertThat(detector.detect(TestImages.pattern(640, 640)))
          .extracting(Face::score)
          .doesNotContain(B_OVERLAPS_A.score(), E_BELOW.score());
    }
  }

  @Test
  @DisplayName("divides boxes and keypoints of a 1280x720 image by the letterbox scale 0.5")
  void landscapeScale() throws Exception {
    try (ScrfdDetector detector = detector(Layout.PLAIN_IN_ORDER, null)) {
      List<Face> faces = detector.detect(TestImages.pattern(1280, 720));

      assertSameFaces(faces, List.of(decoded(A, 0.5f), decoded(C, 0.5f), decoded(F_BESIDE_A, 0.5f),
          decoded(D_AT_THRESHOLD, 0.5f)));
      assertThat(new float[] {faces.get(0).x1(), faces.get(0).y1(), faces.get(0).x2(), faces.get(0).y2()})
          .containsExactly(128, 32, 224, 160);
      assertThat(faces.get(0).keypoints()).containsExactly(176, 96, 208, 96, 192, 112, 176, 136, 208, 136);
    }
  }

  @Test
  @DisplayName("divides by 640/720 for a 360x720 portrait image")
  void portraitScale() throws Exception {
    float scale = (float) (640.0 / 720);
    try (ScrfdDetector detector = detector(Layout.PLAIN_IN_ORDER, null)) {
      List<Face> faces = detector.detect(TestImages.pattern(360, 720));

      assertSameFaces(faces, List.of(decoded(A, scale), decoded(C, scale), decoded(F_BESIDE_A, scale),
          decoded(D_AT_THRESHOLD, scale)));
      assertThat(faces.get(0).x2()).isCloseTo(126f, within(1e-4f));
    }
  }

  @Test
  @DisplayName("runs a model with a fixed 640x640 input at that size")
  void fixedInput() throws Exception {
    try (ScrfdDetector detector = detector(Layout.BATCHED_SHUFFLED, 640L)) {
      assertThat(detector.inputWidth()).isEqualTo(640);
      assertThat(detector.detect(TestImages.pattern(640, 480))).hasSize(4);
    }
  }

  @Test
  @DisplayName("refuses a model that is not SCRFD, saying why")
  void refusesOtherModels() throws Exception {
    byte[] recognizer = new SyntheticArcFace(1).model();
    assertThatThrownBy(() -> new ScrfdDetector(TestModels.session(recognizer)))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("9 outputs");
  }

  @Test
  @DisplayName("feeds the letterboxed image as planar RGB (v - 127.5) / 128")
  void preprocessing() {
    Letterbox letterbox = Letterbox.fit(TestImages.uniform(1280, 720, 255, 0, 100), 640, 640);
    float[] input = new float[3 * 640 * 640];
    ScrfdDetector.preprocess(letterbox).get(input);
    int plane = 640 * 640;
    int inside = 359 * 640 + 639, outside = 360 * 640;
    assertThat(input[inside]).isEqualTo(127.5f / 128);
    assertThat(input[plane + inside]).isEqualTo(-127.5f / 128);
    assertThat(input[2 * plane + inside]).isEqualTo((100 - 127.5f) / 128);
    assertThat(input[outside]).isEqualTo(-127.5f / 128);
    assertThat(input[2 * plane + outside]).isEqualTo(-127.5f / 128);
  }
}
