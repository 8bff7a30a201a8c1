package ai.motiv8.faces.pack;

import ai.motiv8.faces.Face;
import ai.motiv8.faces.FaceSimilarity;
import ai.motiv8.faces.RgbImage;
import ai.motiv8.faces.TestImages;
import ai.motiv8.faces.TestModels;
import ai.motiv8.faces.intake.ImageIntake;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.awt.image.BufferedImage;
import java.util.List;
import java.util.function.Supplier;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Same person under everyday changes stays above {@link FaceSimilarity#SAME_PERSON}; a different
 * person stays below {@link FaceSimilarity#DIFFERENT_PERSON} (thresholds and the measurements
 * behind them: see {@link FaceSimilarity}).
 */
class FaceIdentityTest {

  private static final ImageIntake INTAKE = new ImageIntake(40_000_000L);
  private static DefaultFacePack pack;
  private static BufferedImage astronaut;
  private static float[] reference;

  @BeforeAll
  static void loadPack() {
    pack = DefaultFacePack.load(TestModels.defaultPackDir(), 1);
    astronaut = TestImages.photo(TestImages.ASTRONAUT);
    reference = embedLargest(TestImages.rgbImage(astronaut));
  }

  @AfterAll
  static void closePack() {
    pack.close();
  }

  static Stream<Arguments> samePerson() {
    return Stream.of(
        variant("flipped left to right", () -> TestImages.rgbImage(TestImages.flipHorizontal(astronaut))),
        variant("rescaled to 0.5x", () -> TestImages.rgbImage(TestImages.scale(astronaut, 0.5))),
        variant("rescaled to 1.5x", () -> TestImages.rgbImage(TestImages.scale(astronaut, 1.5))),
        variant("recompressed as JPEG quality 0.6", () -> INTAKE.read(TestImages.jpeg(astronaut, 0.6f)).image()),
        variant("turned 10 degrees clockwise", () -> TestImages.rgbImage(TestImages.rotate(astronaut, 10))),
        variant("turned 10 degrees counter-clockwise", () -> TestImages.rgbImage(TestImages.rotate(astronaut, -10))),
        variant("stored sideways in a JPEG with EXIF orientation 6", () -> INTAKE.read(TestImages.withExifOrientation(
            TestImages.jpeg(TestImages.rotateCounterClockwise90(astronaut), 0.9f), 6)).image()),
        variant("made gray", () -> TestImages.rgbImage(TestImages.gray(astronaut))),
        variant("as a 256-px lossy WebP", () -> INTAKE.read(TestImages.resource("/images/astronaut-256.webp")).image()),
        variant("as a 256-px CMYK JPEG", () -> INTAKE.read(TestImages.resource("/images/astronaut-256-cmyk.jpg")).image()));
  }

  private static Arguments variant(String name, Supplier<RgbImage> image) {
    return Arguments.of(name, image);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("samePerson")
  @DisplayName("the astronaut is the same person when her photo is")
  void samePersonAboveThreshold(String name, Supplier<RgbImage> variant) {
    RgbImage image = variant.get();
    List<Face> faces = pack.detect(image);

    assertThat(faces).as("faces found").hasSize(1);
    assertThat(FaceSimilarity.cosine(reference, pack.embed(image, faces.get(0))))
        .as("cosine to the original")
        .isGreaterThanOrEqualTo(FaceSimilarity.SAME_PERSON);
  }

  @Test
  @DisplayName("the camera man is a different person from the astronaut, also after changes to either photo")
  void differentPersonBelowThreshold() {
    BufferedImage camera = TestImages.photo(TestImages.CAMERA);
    List<float[]> men = List.of(
        embedLargest(TestImages.rgbImage(camera)),
        embedLargest(TestImages.rgbImage(TestImages.flipHorizontal(camera))),
        embedLargest(INTAKE.read(TestImages.jpeg(camera, 0.6f)).image()));
    List<float[]> women = List.of(reference,
        embedLargest(TestImages.rgbImage(TestImages.gray(astronaut))),
        embedLargest(TestImages.rgbImage(TestImages.flipHorizontal(astronaut))));

    for (float[] man : men) {
      for (float[] woman : women) {
        assertThat(FaceSimilarity.cosine(man, woman)).isLessThanOrEqualTo(FaceSimilarity.DIFFERENT_PERSON);
      }
    }
  }

  @Test
  @DisplayName("the smaller face pasted into the two-face canvas is still the camera man")
  void pastedFaceKeepsIdentity() {
    RgbImage canvas = TestImages.rgbImage(TestImages.twoFaceCanvas());
    List<Face> faces = pack.detect(canvas);
    float[] man = embedLargest(TestImages.rgbImage(TestImages.photo(TestImages.CAMERA)));

    assertThat(faces).hasSize(2);
    assertThat(FaceSimilarity.cosine(man, pack.embed(canvas, faces.get(1)))).isGreaterThan(FaceSimilarity.SAME_PERSON);
    assertThat(FaceSimilarity.cosine(reference, pack.embed(canvas, faces.get(1))))
        .isLessThan(FaceSimilarity.DIFFERENT_PERSON);
  }

  private static float[] embedLargest(RgbImage image) {
    List<Face> faces = pack.detect(image);
    assertThat(faces).isNotEmpty();
    return pack.embed(image, faces.get(0));
  }
}
