package ai.motiv8.faces;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class FaceAlignerTest {

  @Test
  @DisplayName("the similarity fit equals skimage's Umeyama estimate for real, noisy keypoints")
  void matchesUmeyama() {
    float[] astronautKeypoints = {204.1995f, 100.333176f, 247.31422f, 103.06471f, 224.85504f, 127.24628f,
        204.05687f, 139.854f, 243.55757f, 142.11642f};
    // numpy port of skimage.transform._geometric._umeyama(src, dst, True), first two rows.
    double[] expected = {0.89106657984, 0.053706735498, -150.86291907, -0.053706735498, 0.89106657984,
        -25.202203097};

    double[] m = FaceAligner.similarity(astronautKeypoints, FaceAligner.ARCFACE_TEMPLATE_112);

    for (int i = 0; i < 6; i++) {
      assertThat(m[i]).isCloseTo(expected[i], within(1e-4)); // keypoints are floats
    }
  }

  @Test
  @DisplayName("an exact similarity (turn, scale, shift) is recovered and inverted exactly")
  void recoversExactSimilarity() {
    double angle = Math.toRadians(30), scale = 1.7;
    double a = scale * Math.cos(angle), b = scale * Math.sin(angle);
    float[] src = {10, 20, 50, 22, 30, 45, 15, 70, 48, 72};
    float[] dst = new float[10];
    for (int i = 0; i < 5; i++) {
      dst[2 * i] = (float) (a * src[2 * i] - b * src[2 * i + 1] + 5);
      dst[2 * i + 1] = (float) (b * src[2 * i] + a * src[2 * i + 1] - 7);
    }

    double[] m = FaceAligner.similarity(src, dst);
    double[] inverse = FaceAligner.invert(m);

    assertThat(m).containsExactly(new double[] {a, -b, 5, b, a, -7}, within(1e-4));
    double x = inverse[0] * dst[0] + inverse[1] * dst[1] + inverse[2];
    double y = inverse[3] * dst[0] + inverse[4] * dst[1] + inverse[5];
    assertThat(x).isCloseTo(src[0], within(1e-3));
    assertThat(y).isCloseTo(src[1], within(1e-3));
  }

  @Test
  @DisplayName("warping samples bilinearly at integer output coordinates and is black outside the image")
  void warpsBilinearlyWithBlackBorder() {
    byte[] rgb = {0, 0, 0, (byte) 200, (byte) 200, (byte) 200};
    RgbImage image = new RgbImage(2, 1, rgb);

    // Output x samples the source at x / 4 (a 4x enlargement without offset, as cv2.warpAffine).
    RgbImage out = FaceAligner.warp(image, new double[] {0.25, 0, 0, 0, 1, 0}, 8, 2);

    assertThat(out.at(0, 0, 0)).isZero();
    assertThat(out.at(1, 0, 0)).isEqualTo(50);
    assertThat(out.at(2, 0, 0)).isEqualTo(100);
    assertThat(out.at(4, 0, 0)).isEqualTo(200);
    assertThat(out.at(6, 0, 0)).isEqualTo(100); // half-way between the last pixel and the black outside
    assertThat(out.at(0, 1, 0)).isZero();
  }
}
