package ai.motiv8.generation.poster;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.awt.geom.AffineTransform;
import java.awt.image.BufferedImage;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

@Timeout(value = 30, unit = TimeUnit.SECONDS)
class FaceCutoutTest {

  private static final BufferedImage SELFIE = TestFaces.astronaut();
  private static final int TILE = 200;

  @Test
  @DisplayName("A tilted face is turned upright: the cut-out matches the one from the upright photo")
  void tiltedFaceIsTurnedUpright() {
    BufferedImage upright = FaceCutout.cut(SELFIE, TestFaces.ASTRONAUT_FACE, TILE);
    AffineTransform tilt = AffineTransform.getRotateInstance(Math.toRadians(28), 256, 256);
    tilt.preConcatenate(AffineTransform.getTranslateInstance(100, 100));
    TestFaces.Transformed tilted = TestFaces.transform(SELFIE, TestFaces.ASTRONAUT_FACE, tilt, 712, 712);

    BufferedImage straightened = FaceCutout.cut(tilted.image(), tilted.face(), TILE);

    assertThat(meanAbsoluteDifference(upright, straightened)).isLessThan(10);
  }

  @Test
  @DisplayName("Left and right eye given in the wrong order do not turn the face upside down")
  void swappedEyes() {
    float[] k = TestFaces.ASTRONAUT_FACE.keypoints();
    float[] swapped = {k[2], k[3], k[0], k[1], k[4], k[5], k[8], k[9], k[6], k[7]};
    BufferedImage normal = FaceCutout.cut(SELFIE, TestFaces.ASTRONAUT_FACE, TILE);

    BufferedImage fromSwapped = FaceCutout.cut(SELFIE,
        new ai.motiv8.generation.FaceGeometry(TestFaces.ASTRONAUT_FACE.box(), swapped), TILE);

    assertThat(meanAbsoluteDifference(normal, fromSwapped)).isLessThan(1);
  }

  @Test
  @DisplayName("A large face is shrunk smoothly to the same cut-out as a small one")
  void largeFaceShrinksSmoothly() {
    BufferedImage normal = FaceCutout.cut(SELFIE, TestFaces.ASTRONAUT_FACE, TILE);
    TestFaces.Transformed large = TestFaces.transform(SELFIE, TestFaces.ASTRONAUT_FACE,
        AffineTransform.getScaleInstance(5, 5), 2560, 2560);

    BufferedImage fromLarge = FaceCutout.cut(large.image(), large.face(), TILE);

    assertThat(meanAbsoluteDifference(normal, fromLarge)).isLessThan(8);
  }

  @Test
  @DisplayName("The face keeps its natural colours and the tile edge fades to transparent")
  void coloursKeptEdgesFeathered() {
    BufferedImage tile = FaceCutout.cut(SELFIE, TestFaces.ASTRONAUT_FACE, TILE);
    int centre = tile.getRGB(tile.getWidth() / 2, (int) (tile.getHeight() * 0.55));

    assertThat(centre >>> 24).isEqualTo(255);
    assertThat(tile.getRGB(0, 0) >>> 24).isZero();
    assertThat(tile.getRGB(tile.getWidth() / 2, 1) >>> 24).isLessThan(20);
    // Skin: red above green above blue, as in the photo.
    int r = (centre >> 16) & 0xFF;
    int g = (centre >> 8) & 0xFF;
    int b = centre & 0xFF;
    assertThat(r).isGreaterThan(g);
    assertThat(g).isGreaterThan(b);
  }

  /** Mean absolute difference per channel over pixels that are opaque in both tiles. */
  private static double meanAbsoluteDifference(BufferedImage a, BufferedImage b) {
    long sum = 0;
    long count = 0;
    for (int y = 0; y < a.getHeight(); y++) {
      for (int x = 0; x < a.getWidth(); x++) {
        int pa = a.getRGB(x, y);
        int pb = b.getRGB(x, y);
        if (pa >>> 24 == 255 && pb >>> 24 == 255) {
          for (int shift = 0; shift < 24; shift += 8) {
            sum += Math.abs(((pa >> shift) & 0xFF) - ((pb >> shift) & 0xFF));
          }
          count += 3;
        }
      }
    }
    assertThat(count).isGreaterThan((long) a.getWidth() * a.getHeight());
    return (double) sum / count;
  }
}
