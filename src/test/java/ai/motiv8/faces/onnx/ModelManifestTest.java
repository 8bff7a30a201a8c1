package ai.motiv8.faces.onnx;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("Model manifest")
class ModelManifestTest {

  @Test
  @DisplayName("pins the sizes and SHA-256 of InsightFace's buffalo_l files")
  void committed() {
    ModelManifest manifest = ModelManifest.committed("buffalo_l");

    assertThat(manifest.pack()).isEqualTo("buffalo_l");
    assertThat(manifest.file("det_10g.onnx")).hasValueSatisfying(f -> {
      assertThat(f.bytes()).isEqualTo(16923827L);
      assertThat(f.sha256()).isEqualTo("5838f7fe053675b1c7a08b633df49e7af5495cee0493c7dcf6697200b85b5b91");
      assertThat(f.required()).isTrue();
    });
    assertThat(manifest.file("w600k_r50.onnx")).hasValueSatisfying(f -> {
      assertThat(f.bytes()).isEqualTo(174383860L);
      assertThat(f.sha256()).isEqualTo("4c06341c33c2ca1f86781dab0e829f88ad5b64be9fba56e56bc9ebdefc619e43");
    });
    assertThat(manifest.file("genderage.onnx")).hasValueSatisfying(f -> assertThat(f.required()).isFalse());
  }

  @Test
  @DisplayName("rejects a malformed checksum")
  void malformed() {
    String json = "{\"pack\": \"p\", \"files\": [{\"name\": \"a.onnx\", \"sha256\": \"xyz\"}]}";

    assertThatThrownBy(() -> ModelManifest.parse(new ByteArrayInputStream(json.getBytes(StandardCharsets.UTF_8)), "t"))
        .isInstanceOf(IOException.class)
        .hasMessageContaining("Bad SHA-256 for a.onnx");
  }

  @Test
  @DisplayName("rejects file names that leave the pack folder")
  void pathTraversal() {
    String json = "{\"pack\": \"p\", \"files\": [{\"name\": \"../a.onnx\"}]}";

    assertThatThrownBy(() -> ModelManifest.parse(new ByteArrayInputStream(json.getBytes(StandardCharsets.UTF_8)), "t"))
        .isInstanceOf(IOException.class);
  }
}
