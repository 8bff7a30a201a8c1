package ai.motiv8.faces.pack;

import ai.motiv8.faces.BilinearResize;
import ai.motiv8.faces.Face;
import ai.motiv8.faces.FaceSimilarity;
import ai.motiv8.faces.RgbImage;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/** The numeric rules of ML.md's pipeline specification, stage by stage, without models. */
class PipelineStagesTest {

  @Test
  @DisplayName("bilinear resizing uses half-pixel centres and repeats edge pixels, like OpenCV INTER_LINEAR")
  void resizeLikeOpenCv() {
    RgbImage row = gray(new int[] {0, 100}, 2, 1);

    RgbImage up = BilinearResize.resize(row, 4, 1);
    RgbImage down = BilinearResize.resize(gray(new int[] {0, 100, 200, 250}, 4, 1), 2, 1);

    // Up: src x = (dst + 0.5) / 2 - 0.5 = -0.25 (clamped to 0), 0.25, 0.75, 1.25 (clamped to 1).
    assertThat(values(up)).containsExactly(0, 25, 75, 100);
    // Down: src x = 0.5 and 2.5, no area averaging.
    assertThat(values(down)).containsExactly(50, 225);
  }

  @Test
  @DisplayName("detector input is R, G, B planes of (v - 127) / 128 at 320x240")
  void detectorInput() {
    byte[] rgb = new byte[320 * 240 * 3];
    for (int p = 0; p < 320 * 240; p++) {
      rgb[3 * p] = (byte) 255;
      rgb[3 * p + 1] = (byte) 127;
      rgb[3 * p + 2] = 0;
    }

    float[] input = UltraFaceDetector.preprocess(new RgbImage(320, 240, rgb));

    assertThat(input).hasSize(3 * 320 * 240);
    assertThat(input[0]).isEqualTo(128 / 128f);
    assertThat(input[320 * 240]).isEqualTo(0f);
    assertThat(input[2 * 320 * 240]).isEqualTo(-127 / 128f);
  }

  @Test
  @DisplayName("detections: score threshold, score-ordered NMS at IoU 0.4, scaling, then a square of the box height")
  void detectorPostprocessing() {
    float[] scores = new float[UltraFaceDetector.ANCHORS * 2];
    float[] boxes = new float[UltraFaceDetector.ANCHORS * 4];
    anchor(scores, boxes, 0, 0.90f, 0.10f, 0.10f, 0.30f, 0.40f);  // kept
    anchor(scores, boxes, 1, 0.95f, 0.11f, 0.11f, 0.31f, 0.41f);  // best: suppresses anchor 0
    anchor(scores, boxes, 2, 0.80f, 0.60f, 0.50f, 0.70f, 0.70f);  // separate face
    anchor(scores, boxes, 3, 0.60f, 0.80f, 0.10f, 0.90f, 0.20f);  // below 0.65

    List<Face> faces = UltraFaceDetector.postprocess(scores, boxes, 640, 480);

    assertThat(faces).hasSize(2);
    Face best = faces.get(0);
    assertThat(best.score()).isEqualTo(0.95f);
    // Box 70.4..198.4 x 52.8..196.8 px: height 144 around centre (134.4, 124.8).
    assertThat(best.y2() - best.y1()).isCloseTo(144f, within(1e-3f));
    assertThat(best.x2() - best.x1()).isCloseTo(144f, within(1e-3f));
    assertThat((best.x1() + best.x2()) / 2).isCloseTo(134.4f, within(1e-3f));
    assertThat(faces.get(1).score()).isEqualTo(0.80f);
  }

  @Test
  @DisplayName("the squared box is clamped to the image")
  void squareIsClamped() {
    Face face = UltraFaceDetector.square(-10, 5, 30, 105, 1f, 100, 80);

    assertThat(face.x1()).isZero();
    assertThat(face.y2()).isEqualTo(79f);
  }

  @Test
  @DisplayName("the landmark crop follows the crop rule: shifted into the image, never past its edges")
  void cropRule() {
    int[] inside = CropRule.roi(new FaceLandmarker.IntBox(10, 20, 30, 30), 1.0, 100, 100);
    int[] atEdge = CropRule.roi(new FaceLandmarker.IntBox(80, 0, 30, 30), 1.0, 100, 100);

    assertThat(inside).containsExactly(10, 20, 30, 30);
    assertThat(atEdge[0] + atEdge[2]).isLessThanOrEqualTo(100);
    assertThat(atEdge[0]).isEqualTo(69); // moved left so that it ends at W - 1
  }

  @Test
  @DisplayName("five keypoints are the iBUG eye, nose and mouth means")
  void fivePointsFrom68() {
    float[] points = new float[136];
    for (int k = 0; k < 68; k++) {
      points[2 * k] = k;
      points[2 * k + 1] = 1000 + k;
    }

    float[] five = FaceLandmarker.fivePoints(points);

    assertThat(five).containsExactly(39f, 1039f, 45f, 1045f, 30f, 1030f, 54f, 1054f, 59f, 1059f);
  }

  @Test
  @DisplayName("embeddings are L2-normalised")
  void l2Normalise() {
    assertThat(FaceSimilarity.l2Normalize(new float[] {3, 4})).containsExactly(0.6f, 0.8f);
    assertThat(FaceSimilarity.l2Normalize(new float[] {0, 0})).containsExactly(0f, 0f);
  }

  private static void anchor(float[] scores, float[] boxes, int i, float score, float x1, float y1, float x2, float y2) {
    scores[2 * i] = 1 - score;
    scores[2 * i + 1] = score;
    boxes[4 * i] = x1;
    boxes[4 * i + 1] = y1;
    boxes[4 * i + 2] = x2;
    boxes[4 * i + 3] = y2;
  }

  private static RgbImage gray(int[] values, int w, int h) {
    byte[] rgb = new byte[w * h * 3];
    for (int i = 0; i < values.length; i++) {
      rgb[3 * i] = rgb[3 * i + 1] = rgb[3 * i + 2] = (byte) values[i];
    }
    return new RgbImage(w, h, rgb);
  }

  private static int[] values(RgbImage image) {
    int[] values = new int[image.width() * image.height()];
    for (int i = 0; i < values.length; i++) {
      values[i] = image.rgb()[3 * i] & 0xFF;
    }
    return values;
  }
}
