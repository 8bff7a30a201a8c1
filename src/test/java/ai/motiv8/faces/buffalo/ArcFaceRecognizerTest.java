package ai.motiv8.faces.buffalo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import ai.motiv8.faces.FaceAligner;
import ai.motiv8.faces.RgbImage;
import ai.motiv8.faces.TestImages;
import ai.motiv8.faces.TestModels;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("ArcFace recogniser on a synthetic w600k_r50")
class ArcFaceRecognizerTest {

  static final float[] KEYPOINTS = {70.5f, 80.25f, 120f, 78f, 96f, 110f, 76f, 140f, 118f, 138.5f};
  static final double TOLERANCE = 1e-5;

  static SyntheticArcFace model;
  static ArcFaceRecognizer recognizer;

  @BeforeAll
  static void load() throws Exception {
    model = new SyntheticArcFace(7);
    recognizer = new ArcFaceRecognizer(TestModels.session(model.model()));
  }

  @AfterAll
  static void close() {
    recognizer.close();
  }

  static double maxDifference(float[] actual, double[] expected) {
    double max = 0;
    for (int i = 0; i < expected.length; i++) {
      max = Math.max(max, Math.abs(actual[i] - expected[i]));
    }
    return max;
  }

  @Test
  @DisplayName("embeds the 112x112 similarity crop as RGB (v - 127.5) / 127.5 and L2-normalises the output")
  void embedsAsInsightFace() {
    RgbImage image = TestImages.pattern(200, 220);
    RgbImage crop = FaceAligner.align(image, KEYPOINTS, 112);

    float[] embedding = recognizer.embed(image, KEYPOINTS);

    assertThat(embedding).hasSize(512);
    double norm = 0;
    for (float v : embedding) {
      norm += v * v;
    }
    assertThat(Math.sqrt(norm)).isCloseTo(1.0, within(1e-6));
    assertThat(maxDifference(embedding, model.expected(crop, 127.5, 127.5, 0, 1, 2))).isLessThan(TOLERANCE);
  }

  @Test
  @DisplayName("would notice BGR input or the default pack's (v - 127) / 128")
  void testIsSensitive() {
    RgbImage image = TestImages.pattern(200, 220);
    RgbImage crop = FaceAligner.align(image, KEYPOINTS, 112);
    float[] embedding = recognizer.embed(image, KEYPOINTS);

    assertThat(maxDifference(embedding, model.expected(crop, 127.5, 127.5, 2, 1, 0))).isGreaterThan(100 * TOLERANCE);
    assertThat(maxDifference(embedding, model.expected(crop, 127, 128, 0, 1, 2))).isGreaterThan(100 * TOLERANCE);
  }

  @Test
  @DisplayName("embeds a batch of crops in one run, each as alone")
  void batch() {
    RgbImage first = FaceAligner.align(TestImages.pattern(200, 220), KEYPOINTS, 112);
    RgbImage second = TestImages.pattern(112, 112);

    float[][] both = recognizer.embedAligned(List.of(first, second));

    assertThat(both[0]).containsExactly(recognizer.embedAligned(List.of(first))[0]);
    assertThat(maxDifference(both[1], model.expected(second, 127.5, 127.5, 0, 1, 2))).isLessThan(TOLERANCE);
  }

  @Test
  @DisplayName("lays the input out as [N, 3, 112, 112] planes of R, G, B")
  void inputLayout() {
    byte[] rgb = new byte[112 * 112 * 3];
    int pixel = 5 * 112 + 9;
    rgb[pixel * 3] = (byte) 255;
    rgb[pixel * 3 + 2] = (byte) 127;
    float[] input = new float[3 * 112 * 112];

    ArcFaceRecognizer.preprocess(List.of(new RgbImage(112, 112, rgb))).get(input);

    assertThat(input[pixel]).isEqualTo(1f);
    assertThat(input[112 * 112 + pixel]).isEqualTo(-1f);
    assertThat(input[2 * 112 * 112 + pixel]).isEqualTo(-0.5f / 127.5f);
    assertThat(input[pixel + 1]).isEqualTo(-1f);
  }

  @Test
  @DisplayName("refuses crops of another size")
  void refusesWrongCrop() {
    assertThatThrownBy(() -> recognizer.embedAligned(List.of(TestImages.pattern(100, 112))))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("112x112");
  }
}
