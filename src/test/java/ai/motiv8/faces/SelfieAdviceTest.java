package ai.motiv8.faces;

import ai.motiv8.faces.intake.ImageIntake;
import ai.motiv8.faces.pack.DefaultFacePack;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.awt.image.BufferedImage;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The direction of the selfie advice on the real test photos, degraded as in
 * {@code QualityMeasurements}: each degradation gets its own warning, the untouched photo none,
 * a tiny face is refused. No exact numbers: those are in {@code docs/selfie-quality.md}.
 */
class SelfieAdviceTest {

  static DefaultFacePack pack;
  static FaceAnalyzer analyzer;
  static BufferedImage astronaut;

  @TempDir
  static Path dir;

  @BeforeAll
  static void load() {
    pack = DefaultFacePack.load(TestModels.defaultPackDir(), 1);
    analyzer = new FaceAnalyzer(new ImageIntake(100_000_000L), pack);
    astronaut = TestImages.photo(TestImages.ASTRONAUT);
  }

  @AfterAll
  static void close() {
    pack.close();
  }

  private static FaceAnalysis analyze(BufferedImage image) {
    Path file = TestImages.write(dir, "variant-" + System.nanoTime() + ".png", TestImages.png(image));
    return analyzer.analyze(file, true).toAnalysis("embeddings/x.npy", pack.embeddingModel());
  }

  @Test
  @DisplayName("the untouched astronaut gets her measurements and no warning")
  void goodSelfie() {
    FaceAnalysis analysis = analyze(astronaut);
    assertThat(analysis.warnings()).isEmpty();
    FaceQuality quality = analysis.quality();
    assertThat(quality.faceWidthPx()).isBetween(90, 130);
    assertThat(quality.sharpness()).isGreaterThan(SelfieAdvice.MIN_SHARPNESS);
    assertThat(quality.brightness()).isBetween(SelfieAdvice.MIN_BRIGHTNESS, SelfieAdvice.MAX_BRIGHTNESS);
    assertThat(Math.abs(quality.yawDegrees())).isLessThan(SelfieAdvice.MAX_YAW_DEGREES);
    assertThat(quality.multipleFaces()).isFalse();
    assertThat(analysis.toJson().getJsonObject("quality").fieldNames()).containsExactlyInAnyOrder("face_width_px",
        "face_height_px", "sharpness", "brightness", "yaw_degrees", "roll_degrees", "multiple_faces");
  }

  @Test
  @DisplayName("a heavily blurred photo is accepted with the blur warning only")
  void blurred() {
    FaceAnalysis analysis = analyze(TestImages.blur(astronaut, 3));
    assertThat(analysis.quality().sharpness()).isLessThan(analyze(astronaut).quality().sharpness());
    assertThat(analysis.warnings()).singleElement().asString().contains("blurry");
  }

  @Test
  @DisplayName("a darkened photo is 'Too dark', an over-exposed one 'Too bright'")
  void exposure() {
    assertThat(analyze(TestImages.exposure(astronaut, 0.25)).warnings()).singleElement().asString()
        .startsWith("Too dark");
    assertThat(analyze(TestImages.exposure(astronaut, 2)).warnings()).anySatisfy(w -> assertThat(w).startsWith("Too bright"));
  }

  @Test
  @DisplayName("a tilted head and the turned camera man are told how to hold it; a mirror turns the yaw's sign")
  void pose() {
    assertThat(analyze(TestImages.rotate(astronaut, 35)).warnings()).singleElement().asString()
        .startsWith("Hold your head upright");
    BufferedImage camera = TestImages.photo(TestImages.CAMERA);
    FaceAnalysis turned = analyze(camera);
    assertThat(turned.warnings()).anySatisfy(w -> assertThat(w).startsWith("Turn towards the camera"));
    assertThat(Math.signum(analyze(TestImages.flipHorizontal(camera)).quality().yawDegrees()))
        .isEqualTo(-Math.signum(turned.quality().yawDegrees()));
  }

  @Test
  @DisplayName("a face far away is accepted with 'Move closer'; a tiny one is refused with its width")
  void size() {
    FaceAnalysis far = analyze(TestImages.farAway(astronaut, 0.35, 640, 480));
    assertThat(far.quality().faceWidthPx()).isLessThan(SelfieAdvice.SMALL_FACE_PX);
    assertThat(far.warnings()).singleElement().asString().startsWith("Move closer: your face is");
    assertThatThrownBy(() -> analyze(TestImages.scale(astronaut, 0.15)))
        .isInstanceOf(FaceTooSmallException.class)
        .hasMessageStartingWith("Face extraction failed: Face too small (");
  }

  @Test
  @DisplayName("two people: the largest is used and the advice says so")
  void twoFaces() {
    List<String> warnings = analyze(TestImages.twoFaceCanvas()).warnings();
    assertThat(warnings).anySatisfy(w -> assertThat(w).startsWith("More than one face"));
  }
}
