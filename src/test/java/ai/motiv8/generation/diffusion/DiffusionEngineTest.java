package ai.motiv8.generation.diffusion;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.motiv8.faces.buffalo.BuffaloPack;
import ai.motiv8.generation.FaceEmbedding;
import ai.motiv8.generation.FaceGeometry;
import ai.motiv8.generation.GenerationCancelledException;
import ai.motiv8.generation.GenerationControl;
import ai.motiv8.generation.GenerationException;
import ai.motiv8.generation.GenerationInput;
import ai.motiv8.generation.GenerationParameters;
import ai.motiv8.generation.diffusion.ClipImageProcessor.ChannelOrder;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.OptionalDouble;
import java.util.concurrent.atomic.AtomicReference;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The engine as the generation worker calls it, on the tiny pack. */
class DiffusionEngineTest {

  @TempDir
  static Path dir;
  private static DiffusionEngine engine;
  private static final BufferedImage SELFIE = selfie();
  private static final FaceGeometry FACE = new FaceGeometry(new float[] {60, 50, 140, 160},
      new float[] {80, 90, 120, 90, 100, 115, 84, 138, 116, 138});
  private static final GenerationParameters FAST = GenerationParameters.DEFAULTS.withSteps(3);

  @BeforeAll
  static void load() {
    DiffusionPack pack = DiffusionPack.open(TinyPack.writeFaceIdPack(dir.resolve("pack")), true);
    engine = new DiffusionEngine(DiffusionPipeline.load(pack, ExecutionProvider.CPU, 1, ChannelOrder.RGB), 64, 96);
  }

  @AfterAll
  static void close() {
    engine.close();
  }

  private static BufferedImage selfie() {
    BufferedImage image = new BufferedImage(200, 220, BufferedImage.TYPE_INT_RGB);
    Graphics2D g = image.createGraphics();
    g.setColor(new Color(40, 60, 90));
    g.fillRect(0, 0, 200, 220);
    g.setColor(new Color(224, 180, 150));
    g.fillOval(60, 50, 80, 110);
    g.dispose();
    return image;
  }

  private static FaceEmbedding buffalo(long seed) {
    float[] v = DiffusionPipelineTest.face(seed).embedding();
    return new FaceEmbedding(DiffusionEngine.EMBEDDING_MODEL, v);
  }

  private static GenerationInput input(long seed, FaceEmbedding embedding) {
    return new GenerationInput(SELFIE, FACE, LocalDate.of(2025, 3, 3), seed, "a bodybuilder", FAST, embedding);
  }

  @Test
  @DisplayName("Generates a PNG of the configured size; the same input gives the same bytes")
  void generatesPng() throws IOException {
    byte[] png = engine.generate(input(11, buffalo(1)));
    BufferedImage image = ImageIO.read(new ByteArrayInputStream(png));
    assertThat(image.getWidth()).isEqualTo(64);
    assertThat(image.getHeight()).isEqualTo(96);
    assertThat(engine.generate(input(11, buffalo(1)))).isEqualTo(png);
    assertThat(engine.generate(input(12, buffalo(1)))).isNotEqualTo(png);
    assertThat(engine.generate(input(11, buffalo(2)))).as("the embedding matters").isNotEqualTo(png);
    assertThat(engine.name()).isEqualTo("diffusion");
  }

  @Test
  @DisplayName("Refuses embeddings of another face model, a missing embedding, and faces without keypoints")
  void refusesWrongEmbeddings() {
    float[] vector = buffalo(1).vector();
    assertThatThrownBy(() -> engine.generate(input(1, new FaceEmbedding("default/fr_feature", vector))))
        .isInstanceOf(GenerationException.class)
        .hasMessageContaining("buffalo_l").hasMessageContaining("default/fr_feature")
        .hasMessageContaining("different embedding space");
    assertThatThrownBy(() -> engine.generate(input(1, null)))
        .isInstanceOf(GenerationException.class).hasMessageContaining("face.pack=buffalo_l");
    assertThatThrownBy(() -> engine.generate(input(1, new FaceEmbedding(DiffusionEngine.EMBEDDING_MODEL, new float[128]))))
        .isInstanceOf(GenerationException.class).hasMessageContaining("128 values");
    GenerationInput noKeypoints = new GenerationInput(SELFIE, FaceGeometry.ofBox(60, 50, 140, 160),
        LocalDate.of(2025, 3, 3), 1, "x", FAST, buffalo(1));
    assertThatThrownBy(() -> engine.generate(noKeypoints))
        .isInstanceOf(GenerationException.class).hasMessageContaining("keypoints");
  }

  @Test
  @DisplayName("The identity check runs on the output and its similarity is reported")
  void identityCheck() {
    AtomicReference<BufferedImage> checked = new AtomicReference<>();
    engine.identityCheck((image, embedding) -> {
      checked.set(image);
      return OptionalDouble.of(0.71);
    });
    try {
      DiffusionEngine.Output output = engine.generateDetailed(input(3, buffalo(3)));
      assertThat(output.identitySimilarity()).hasValue(0.71);
      assertThat(checked.get()).isSameAs(output.image());
      assertThat(output.result().faceConditioned()).isTrue();
    } finally {
      engine.identityCheck(null);
    }
  }

  @Test
  @DisplayName("The control in the input cancels between steps")
  void cancellation() {
    GenerationInput cancelled = input(1, buffalo(1)).withControl(GenerationControl.of(() -> true, (s, n) -> { }));
    assertThatThrownBy(() -> engine.generate(cancelled)).isInstanceOf(GenerationCancelledException.class);
  }

  @Test
  @DisplayName("load() opens a pack by folder for 512x768 images; the embedding model matches buffalo_l's")
  void factory() throws IOException {
    try (DiffusionEngine loaded = DiffusionEngine.load(dir.resolve("pack"), "cpu", 1)) {
      byte[] png = loaded.generate(input(5, buffalo(5)).withParameters(GenerationParameters.DEFAULTS.withSteps(1)));
      BufferedImage image = ImageIO.read(new ByteArrayInputStream(png));
      assertThat(image.getWidth()).isEqualTo(512);
      assertThat(image.getHeight()).isEqualTo(768);
    }
    assertThat(DiffusionEngine.EMBEDDING_MODEL).isEqualTo(BuffaloPack.EMBEDDING_MODEL);
    assertThatThrownBy(() -> DiffusionEngine.load(dir.resolve("nothing"), "cpu", 1))
        .isInstanceOf(DiffusionPackException.class).hasMessageContaining("docs/diffusion.md");
  }

  @Test
  @DisplayName("The 5-argument GenerationInput still works and gets the original's defaults")
  void backwardCompatibleInput() {
    GenerationInput plain = new GenerationInput(SELFIE, FACE, LocalDate.of(2025, 1, 1), 4, null);
    assertThat(plain.parameters()).isEqualTo(GenerationParameters.DEFAULTS);
    assertThat(plain.parameters().steps()).isEqualTo(30);
    assertThat(plain.parameters().guidanceScale()).isEqualTo(7.5);
    assertThat(plain.parameters().adapterScale()).isEqualTo(0.8);
    assertThat(plain.faceEmbedding()).isNull();
    assertThat(plain.control()).isSameAs(GenerationControl.NONE);
  }
}
