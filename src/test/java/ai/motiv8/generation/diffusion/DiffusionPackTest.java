package ai.motiv8.generation.diffusion;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.motiv8.generation.diffusion.ClipImageProcessor.ChannelOrder;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Missing, incomplete and corrupt packs: every error names the file and points to the docs. */
class DiffusionPackTest {

  private static final String DOCS = "docs/diffusion.md";

  @Test
  @DisplayName("A complete pack passes the quick check and opens with its manifest's parameters")
  void completePack(@TempDir Path dir) {
    TinyPack.writeFaceIdPack(dir);
    assertThat(DiffusionPack.check(dir)).isEmpty();
    DiffusionPack pack = DiffusionPack.open(dir, true);
    assertThat(pack.name()).isEqualTo("tiny-test");
    assertThat(pack.hasFaceModels()).isTrue();
    assertThat(pack.hasManifest()).isTrue();
    assertThat(pack.vaeScaling()).isEqualTo(0.18215f);
    assertThat(pack.faceTokens()).isEqualTo(4);
  }

  @Test
  @DisplayName("A missing folder or file is named, with the way to make the pack")
  void missing(@TempDir Path dir) throws IOException {
    Optional<String> none = DiffusionPack.check(dir.resolve("absent"));
    assertThat(none).get().asString().contains("absent").contains("does not exist").contains(DOCS);
    assertThat(DiffusionPack.check(null)).get().asString().contains("not configured");

    TinyPack.writeFaceIdPack(dir);
    Files.delete(dir.resolve(DiffusionPack.UNET));
    assertThat(DiffusionPack.check(dir)).get().asString()
        .contains("missing").contains(dir.resolve("unet/model.onnx").toAbsolutePath().toString()).contains(DOCS);
    assertThatThrownBy(() -> DiffusionPack.open(dir, false))
        .isInstanceOf(DiffusionPackException.class).hasMessageContaining("unet/model.onnx");
  }

  @Test
  @DisplayName("An image encoder without the face projection is an incomplete pack")
  void halfFacePack(@TempDir Path dir) throws IOException {
    TinyPack.writePlainPack(dir);
    Files.createDirectories(dir.resolve("image_encoder"));
    Files.write(dir.resolve(DiffusionPack.IMAGE_ENCODER), new byte[] {1});
    assertThat(DiffusionPack.check(dir)).get().asString()
        .contains("face_projection/model.onnx").contains("needs both").contains(DOCS);
  }

  @Test
  @DisplayName("A file of the wrong size (manifest) is found by the quick check")
  void truncated(@TempDir Path dir) throws IOException {
    TinyPack.writeFaceIdPack(dir);
    Path unet = dir.resolve(DiffusionPack.UNET);
    byte[] bytes = Files.readAllBytes(unet);
    Files.write(unet, java.util.Arrays.copyOf(bytes, bytes.length - 10));
    assertThat(DiffusionPack.check(dir)).get().asString()
        .contains(unet.toAbsolutePath().toString()).contains("bytes").contains("incomplete copy");
  }

  @Test
  @DisplayName("A corrupt file of the right size fails the SHA-256 check when opened")
  void wrongChecksum(@TempDir Path dir) throws IOException {
    TinyPack.writeFaceIdPack(dir);
    Path vae = dir.resolve(DiffusionPack.VAE_DECODER);
    byte[] bytes = Files.readAllBytes(vae);
    bytes[bytes.length / 2] ^= 0x5A;
    Files.write(vae, bytes);
    assertThat(DiffusionPack.check(dir)).as("sizes still match").isEmpty();
    assertThatThrownBy(() -> DiffusionPack.open(dir, true))
        .isInstanceOf(DiffusionPackException.class)
        .hasMessageContaining(vae.toAbsolutePath().toString()).hasMessageContaining("SHA-256").hasMessageContaining(DOCS);
  }

  @Test
  @DisplayName("A corrupt model without a manifest is reported by ONNX Runtime's load, naming the file")
  void corruptModel(@TempDir Path dir) throws IOException {
    TinyPack.writePlainPack(dir);
    Path text = dir.resolve(DiffusionPack.TEXT_ENCODER);
    Files.write(text, "this is not an ONNX model".getBytes());
    DiffusionPack pack = DiffusionPack.open(dir, true);
    assertThatThrownBy(() -> DiffusionPipeline.load(pack, ExecutionProvider.CPU, 1, ChannelOrder.RGB))
        .isInstanceOf(DiffusionPackException.class)
        .hasMessageContaining(text.toAbsolutePath().toString()).hasMessageContaining("corrupt");
  }

  @Test
  @DisplayName("A broken manifest or a model with the wrong inputs is named")
  void badManifestAndContract(@TempDir Path dir) throws IOException {
    TinyPack.writeFaceIdPack(dir);
    Files.writeString(dir.resolve(DiffusionPack.MANIFEST), "{\"files\": [");
    assertThat(DiffusionPack.check(dir)).get().asString().contains("manifest.json").contains("not valid JSON");
    Files.writeString(dir.resolve(DiffusionPack.MANIFEST), "{\"files\": [{\"path\": \"../outside.onnx\"}]}");
    assertThat(DiffusionPack.check(dir)).get().asString().contains("outside the pack");

    Files.delete(dir.resolve(DiffusionPack.MANIFEST));
    Files.write(dir.resolve(DiffusionPack.UNET), TinyPack.vaeDecoder(new java.util.Random(1)));
    DiffusionPack pack = DiffusionPack.open(dir, false);
    assertThatThrownBy(() -> DiffusionPipeline.load(pack, ExecutionProvider.CPU, 1, ChannelOrder.RGB))
        .isInstanceOf(DiffusionPackException.class)
        .hasMessageContaining("unet/model.onnx").hasMessageContaining("lacks the UNet inputs");
  }

  @Test
  @DisplayName("An 81-token UNet without face models cannot work and says so")
  void faceUnetWithoutFaceModels(@TempDir Path dir) throws IOException {
    TinyPack.writeFaceIdPack(dir);
    Files.delete(dir.resolve(DiffusionPack.MANIFEST));
    Files.delete(dir.resolve(DiffusionPack.IMAGE_ENCODER));
    Files.delete(dir.resolve(DiffusionPack.FACE_PROJECTION));
    DiffusionPack pack = DiffusionPack.open(dir, false);
    assertThatThrownBy(() -> DiffusionPipeline.load(pack, ExecutionProvider.CPU, 1, ChannelOrder.RGB))
        .isInstanceOf(DiffusionPackException.class).hasMessageContaining("81 tokens");
  }

  @Test
  @DisplayName("The execution provider is looked up strictly; CUDA on a CPU-only build fails clearly")
  void executionProvider() {
    assertThat(ExecutionProvider.lookup(null)).isEqualTo(ExecutionProvider.CPU);
    assertThat(ExecutionProvider.lookup(" CUDA ")).isEqualTo(ExecutionProvider.CUDA);
    assertThatThrownBy(() -> ExecutionProvider.lookup("tpu")).hasMessageContaining("'cpu' or 'cuda'");
    boolean cuda = ai.onnxruntime.OrtEnvironment.getAvailableProviders().contains(ai.onnxruntime.OrtProvider.CUDA);
    org.junit.jupiter.api.Assumptions.assumeFalse(cuda, "this build has CUDA");
    assertThatThrownBy(ExecutionProvider.CUDA::requireAvailable)
        .isInstanceOf(IllegalStateException.class).hasMessageContaining("onnxruntime_gpu");
  }
}
