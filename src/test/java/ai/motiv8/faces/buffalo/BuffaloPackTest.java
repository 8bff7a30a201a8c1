package ai.motiv8.faces.buffalo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.motiv8.faces.Face;
import ai.motiv8.faces.FacePack;
import ai.motiv8.faces.TestImages;
import ai.motiv8.faces.buffalo.SyntheticScrfd.Layout;
import ai.motiv8.faces.onnx.ModelFile;
import ai.motiv8.faces.onnx.ModelManifest;
import ai.motiv8.faces.onnx.Sha256;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

@DisplayName("buffalo_l pack")
class BuffaloPackTest {

  @TempDir
  Path dir;
  ModelManifest checked;

  @BeforeEach
  void writeModels() throws Exception {
    Files.write(dir.resolve("det_10g.onnx"), SyntheticScrfd.model(ScrfdDetectorTest.PLANTED, Layout.PLAIN_IN_ORDER, null));
    Files.write(dir.resolve("w600k_r50.onnx"), new SyntheticArcFace(3).model());
    checked = new ModelManifest("buffalo_l", List.of(
        entry("det_10g.onnx", true), entry("w600k_r50.onnx", true)));
  }

  ModelFile entry(String name, boolean withChecksum) throws Exception {
    Path file = dir.resolve(name);
    return new ModelFile(name, Files.size(file), withChecksum ? Sha256.of(file) : null, true);
  }

  @Test
  @DisplayName("names itself and its embedding model")
  void names() {
    try (FacePack pack = new BuffaloPack(dir, 1, checked)) {
      assertThat(pack.name()).isEqualTo("buffalo_l");
      assertThat(pack.embeddingModel()).isEqualTo("buffalo_l/w600k_r50");
    }
  }

  @Test
  @DisplayName("returns faces largest first and embeds each as a unit vector of 512")
  void detectsAndEmbeds() {
    try (FacePack pack = new BuffaloPack(dir, 2, checked)) {
      List<Face> faces = pack.detect(TestImages.pattern(1280, 720));

      assertThat(faces).extracting(Face::area).isSortedAccordingTo((a, b) -> Float.compare(b, a));
      assertThat(faces).extracting(Face::score).containsExactly(0.5f, 0.7f, 0.9f, 0.6f);
      float[] embedding = pack.embed(TestImages.pattern(1280, 720), faces.get(0));
      double norm = 0;
      for (float v : embedding) {
        norm += v * v;
      }
      assertThat(embedding).hasSize(512);
      assertThat(norm).isBetween(0.99999, 1.00001);
    }
  }

  @Test
  @DisplayName("serves several threads at once with one session per model")
  void concurrent() throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(4);
    try (FacePack pack = new BuffaloPack(dir, 1, checked)) {
      float[] alone = pack.embed(TestImages.pattern(640, 640), pack.detect(TestImages.pattern(640, 640)).get(0));
      List<Future<float[]>> runs = pool.invokeAll(Collections.nCopies(8, () ->
          pack.embed(TestImages.pattern(640, 640), pack.detect(TestImages.pattern(640, 640)).get(0))));
      for (Future<float[]> run : runs) {
        assertThat(run.get()).containsExactly(alone);
      }
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  @DisplayName("refuses fewer than one ONNX Runtime thread before reading any file")
  void threads() {
    assertThatThrownBy(() -> new BuffaloPack(dir.resolve("nowhere"), 0, checked))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("at least 1");
  }

  @Test
  @DisplayName("fails naming the missing model file")
  void missingFile() throws Exception {
    Files.delete(dir.resolve("w600k_r50.onnx"));

    assertThatThrownBy(() -> new BuffaloPack(dir, 1, checked))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("Model file missing")
        .hasMessageContaining(dir.resolve("w600k_r50.onnx").toAbsolutePath().toString())
        .hasMessageContaining("docs/models.md");
  }

  @Test
  @DisplayName("fails naming the file whose SHA-256 differs from the manifest")
  void wrongChecksum() throws Exception {
    ModelManifest wrong = new ModelManifest("buffalo_l", List.of(entry("det_10g.onnx", true),
        new ModelFile("w600k_r50.onnx", -1, "0".repeat(64), true)));

    assertThatThrownBy(() -> new BuffaloPack(dir, 1, wrong))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("w600k_r50.onnx has SHA-256 " + Sha256.of(dir.resolve("w600k_r50.onnx")))
        .hasMessageContaining("expected " + "0".repeat(64));
  }

  @Test
  @DisplayName("checks real packs against the committed manifest, refusing other files")
  void committedManifest() {
    assertThatThrownBy(() -> new BuffaloPack(dir, 1))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("det_10g.onnx has")
        .hasMessageContaining("expected 16923827");
  }

  @Test
  @DisplayName("loads files without a checksum in the manifest, and ignores genderage.onnx")
  void unchecked() throws Exception {
    Files.write(dir.resolve("genderage.onnx"), new byte[] {1, 2, 3});
    ModelManifest loose = ModelManifest.parse(new ByteArrayInputStream("""
        {"pack": "buffalo_l", "files": [{"name": "det_10g.onnx"}, {"name": "w600k_r50.onnx"}]}
        """.getBytes(StandardCharsets.UTF_8)), "test");

    try (FacePack pack = new BuffaloPack(dir, 1, loose)) {
      assertThat(pack.detect(TestImages.pattern(640, 640))).hasSize(4);
    }
  }

  @Test
  @DisplayName("refuses a detector file that is not SCRFD")
  void wrongModel() throws Exception {
    Files.copy(dir.resolve("w600k_r50.onnx"), dir.resolve("det_10g.onnx"), StandardCopyOption.REPLACE_EXISTING);
    ModelManifest loose = new ModelManifest("buffalo_l", List.of(entry("det_10g.onnx", false), entry("w600k_r50.onnx", false)));

    assertThatThrownBy(() -> new BuffaloPack(dir, 1, loose))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("det_10g.onnx is not a SCRFD detector");
  }
}
