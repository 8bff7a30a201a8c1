package ai.motiv8.faces.pack;

import ai.motiv8.faces.Face;
import ai.motiv8.faces.FaceSimilarity;
import ai.motiv8.faces.RgbImage;
import ai.motiv8.faces.TestImages;
import ai.motiv8.faces.TestModels;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class DefaultFacePackTest {

  private static DefaultFacePack pack;

  @BeforeAll
  static void loadPack() {
    pack = DefaultFacePack.load(TestModels.defaultPackDir(), 1);
  }

  @AfterAll
  static void closePack() {
    pack.close();
  }

  @Test
  @DisplayName("the astronaut photo has exactly one face, with a plausible box around her face")
  void astronautHasOneFace() {
    List<Face> faces = pack.detect(TestImages.rgbImage(TestImages.photo(TestImages.ASTRONAUT)));

    assertThat(faces).hasSize(1);
    Face face = faces.get(0);
    assertThat(face.score()).isGreaterThan(0.9f);
    // Her face spans about x 170-280, y 60-175 in the 512x512 photo.
    assertThat(face.x1()).isBetween(150f, 195f);
    assertThat(face.x2()).isBetween(255f, 300f);
    assertThat(face.y1()).isBetween(40f, 90f);
    assertThat(face.y2()).isBetween(150f, 200f);
    assertThat(face.width()).isCloseTo(face.height(), org.assertj.core.data.Offset.offset(1f));
  }

  @Test
  @DisplayName("the five keypoints sit inside the box: eyes above the nose, the nose above the mouth")
  void keypointsAreAnatomical() {
    Face face = pack.detect(TestImages.rgbImage(TestImages.photo(TestImages.ASTRONAUT))).get(0);
    float[] k = face.keypoints();

    for (int i = 0; i < 5; i++) {
      assertThat(k[2 * i]).isBetween(face.x1(), face.x2());
      assertThat(k[2 * i + 1]).isBetween(face.y1(), face.y2());
    }
    assertThat(k[0]).isLessThan(k[2]);                      // left eye left of right eye
    assertThat(Math.max(k[1], k[3])).isLessThan(k[5]);      // eyes above nose
    assertThat(k[5]).isLessThan(Math.min(k[7], k[9]));      // nose above mouth corners
    assertThat(k[6]).isLessThan(k[8]);                      // left mouth corner left of right
  }

  @Test
  @DisplayName("the gray camera photo has one face: the man's")
  void cameraManHasOneFace() {
    List<Face> faces = pack.detect(TestImages.rgbImage(TestImages.photo(TestImages.CAMERA)));

    assertThat(faces).hasSize(1);
    assertThat(faces.get(0).x1()).isBetween(160f, 220f);
    assertThat(faces.get(0).y1()).isBetween(80f, 140f);
  }

  @Test
  @DisplayName("a drawn landscape without people has no face")
  void landscapeHasNoFace() {
    assertThat(pack.detect(TestImages.rgbImage(TestImages.landscape(640, 480)))).isEmpty();
    assertThat(pack.detect(TestImages.rgbImage(TestImages.landscape(1200, 800)))).isEmpty();
  }

  @Test
  @DisplayName("flat and noisy images have no face")
  void flatImagesHaveNoFace() {
    byte[] gray = new byte[300 * 200 * 3];
    java.util.Arrays.fill(gray, (byte) 128);
    byte[] noise = new byte[300 * 200 * 3];
    new java.util.Random(7).nextBytes(noise);

    assertThat(pack.detect(new RgbImage(300, 200, gray))).isEmpty();
    assertThat(pack.detect(new RgbImage(300, 200, noise))).isEmpty();
  }

  @Test
  @DisplayName("tiny images have no face and do not fail")
  void tinyImages() {
    assertThat(pack.detect(new RgbImage(1, 1, new byte[3]))).isEmpty();
    assertThat(pack.detect(TestImages.rgbImage(TestImages.scale(TestImages.photo(TestImages.ASTRONAUT), 0.02))))
        .isEmpty();
  }

  @Test
  @DisplayName("a canvas with the astronaut and a smaller second face has two faces, the astronaut's first")
  void twoFacesLargestFirst() {
    RgbImage canvas = TestImages.rgbImage(TestImages.twoFaceCanvas());
    float[] astronaut = embedOnly(TestImages.rgbImage(TestImages.photo(TestImages.ASTRONAUT)));

    List<Face> faces = pack.detect(canvas);

    assertThat(faces).hasSize(2);
    assertThat(faces.get(0).area()).isGreaterThan(faces.get(1).area());
    assertThat(faces.get(0).x2()).isLessThan(512);   // the astronaut is on the left
    assertThat(faces.get(1).x1()).isGreaterThan(600); // the camera man on the right
    assertThat(FaceSimilarity.cosine(astronaut, pack.embed(canvas, faces.get(0))))
        .isGreaterThan(FaceSimilarity.SAME_PERSON);
  }

  @Test
  @DisplayName("embeddings are 512 floats of unit length")
  void embeddingIsUnitLength() {
    float[] embedding = embedOnly(TestImages.rgbImage(TestImages.photo(TestImages.ASTRONAUT)));

    double norm = 0;
    for (float v : embedding) {
      norm += v * v;
    }
    assertThat(embedding).hasSize(512);
    assertThat(Math.sqrt(norm)).isCloseTo(1.0, org.assertj.core.data.Offset.offset(1e-5));
  }

  @Test
  @DisplayName("loading fails, naming the file, when a model file is missing")
  void missingModelFails(@TempDir Path dir) throws Exception {
    copyPack(dir);
    Files.delete(dir.resolve("fr_landmark.onnx"));

    assertThatThrownBy(() -> DefaultFacePack.load(dir, 1))
        .isInstanceOf(ModelUnavailableException.class)
        .hasMessageContaining("fr_landmark.onnx is missing")
        .hasMessageContaining("models fetch");
  }

  @Test
  @DisplayName("loading fails when a model file's SHA-256 differs from the manifest")
  void corruptModelFails(@TempDir Path dir) throws Exception {
    copyPack(dir);
    byte[] bytes = Files.readAllBytes(dir.resolve("fr_feature.onnx"));
    bytes[bytes.length / 2] ^= 1;
    Files.write(dir.resolve("fr_feature.onnx"), bytes);

    assertThatThrownBy(() -> DefaultFacePack.load(dir, 1))
        .isInstanceOf(ModelUnavailableException.class)
        .hasMessageContaining("fr_feature.onnx has SHA-256")
        .hasMessageContaining("expected 87aacdfe");
  }

  private static void copyPack(Path dir) throws Exception {
    for (String name : List.of("fr_detect.onnx", "fr_landmark.onnx", "fr_feature.onnx")) {
      Files.copy(TestModels.defaultPackDir().resolve(name), dir.resolve(name));
    }
  }

  private static float[] embedOnly(RgbImage image) {
    return pack.embed(image, pack.detect(image).get(0));
  }
}
