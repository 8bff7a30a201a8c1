package ai.motiv8.generation.diffusion;

import static org.assertj.core.api.Assertions.assertThat;

import ai.motiv8.generation.FaceEmbedding;
import ai.motiv8.generation.FaceGeometry;
import ai.motiv8.generation.GenerationControl;
import ai.motiv8.generation.GenerationInput;
import ai.motiv8.generation.GenerationParameters;
import ai.motiv8.generation.content.DailyContent;
import ai.motiv8.generation.diffusion.ClipImageProcessor.ChannelOrder;
import ai.motiv8.users.Mode;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.concurrent.atomic.AtomicInteger;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The two-stage path on the tiny diffusion pack: background once per run and theme, person per user. */
class TwoStageDiffusionTest {

  private static final int STEPS = 3;
  private static final GenerationParameters FAST = GenerationParameters.DEFAULTS.withSteps(STEPS);
  private static final FaceGeometry FACE = new FaceGeometry(new float[] {60, 50, 140, 160},
      new float[] {80, 90, 120, 90, 100, 115, 84, 138, 116, 138});
  private static final LocalDate DAY = LocalDate.of(2025, 7, 14);

  @TempDir
  Path dir;
  private DiffusionEngine engine;

  @BeforeEach
  void load() {
    DiffusionPack pack = DiffusionPack.open(TinyPack.writeFaceIdPack(dir.resolve("pack")), true);
    engine = new DiffusionEngine(DiffusionPipeline.load(pack, ExecutionProvider.CPU, 1, ChannelOrder.RGB), 64, 96);
  }

  @AfterEach
  void close() {
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

  private static GenerationInput input(long seed, LocalDate day, Mode mode, String run, GenerationControl control) {
    FaceEmbedding embedding = new FaceEmbedding(DiffusionEngine.EMBEDDING_MODEL,
        DiffusionPipelineTest.face(seed).embedding());
    return new GenerationInput(selfie(), FACE, day, seed, "ignored", FAST, embedding, control)
        .withContent(DailyContent.forDate(day, mode, "female"), run);
  }

  /** Counts finished denoising passes (each pass reports its last step once). */
  private static GenerationControl counting(AtomicInteger passes) {
    return GenerationControl.of(() -> false, (step, steps) -> {
      if (step == steps) {
        passes.incrementAndGet();
      }
    });
  }

  @Test
  @DisplayName("Four users of one run and theme: one background pass and four person passes; PNGs of the engine's size")
  void backgroundOncePerRunAndTheme() throws IOException {
    AtomicInteger passes = new AtomicInteger();
    Mode[] modes = {Mode.TONED, Mode.RIPPED, Mode.SHAME, Mode.FURRY};
    for (int user = 0; user < modes.length; user++) {
      DiffusionEngine.Output output = engine.generateDetailed(input(10 + user, DAY, modes[user], "run-1",
          counting(passes)));
      assertThat(output.stages()).isNotNull();
      assertThat(output.stages().backgroundRendered()).isEqualTo(user == 0);
      assertThat(output.result().faceConditioned()).isTrue();
      BufferedImage png = ImageIO.read(new ByteArrayInputStream(output.png()));
      assertThat(png.getWidth()).isEqualTo(64);
      assertThat(png.getHeight()).isEqualTo(96);
      assertThat(output.stages().mask()).isIn("matte", "ellipse");
    }
    assertThat(passes).as("1 background + 4 person passes").hasValue(5);
    assertThat(engine.backgrounds().renders()).isEqualTo(1);
    assertThat(engine.backgrounds().reuses()).isEqualTo(3);

    engine.generate(input(10, DAY, Mode.TONED, "run-2", counting(passes)));
    engine.generate(input(10, LocalDate.of(2025, 10, 14), Mode.TONED, "run-2", counting(passes)));
    assertThat(engine.backgrounds().renders()).as("another run, another theme").isEqualTo(3);
    assertThat(passes).hasValue(9);
  }

  @Test
  @DisplayName("Deterministic per seed: the same input gives the same bytes on a fresh engine, whoever rendered the background")
  void deterministicPerSeed() {
    byte[] first = engine.generate(input(21, DAY, Mode.TONED, "run-a", null));
    byte[] other = engine.generate(input(22, DAY, Mode.TONED, "run-a", null));
    assertThat(other).isNotEqualTo(first);
    try (DiffusionEngine fresh = new DiffusionEngine(DiffusionPipeline.load(engine.pipeline().pack(),
        ExecutionProvider.CPU, 1, ChannelOrder.RGB), 64, 96)) {
      fresh.generate(input(22, DAY, Mode.TONED, "run-b", null));
      assertThat(fresh.generate(input(21, DAY, Mode.TONED, "run-b", null))).isEqualTo(first);
    }
  }

  @Test
  @DisplayName("The background pass takes no face; the composite is the person inside its mask and the background outside")
  void backgroundHasNoFaceAndCompositeMixesBoth() {
    DiffusionPipeline pipeline = engine.pipeline();
    DailyContent content = DailyContent.forDate(DAY, Mode.TONED, null);
    DiffusionRequest background = new DiffusionRequest(content.backgroundPrompt(),
        FAST.withNegativePrompt(content.backgroundNegativePrompt()), content.backgroundSeed(), 64, 96, null);
    DiffusionResult bare = pipeline.runTextOnly(background, GenerationControl.NONE);
    DiffusionResult withFace = pipeline.runTextOnly(background.withFace(DiffusionPipelineTest.face(3)),
        GenerationControl.NONE);
    assertThat(bare.faceConditioned()).isFalse();
    assertThat(withFace.latents()).as("a face given to the text-only pass changes nothing").isEqualTo(bare.latents());

    DiffusionEngine.Output output = engine.generateDetailed(input(31, DAY, Mode.TONED, null, null));
    BufferedImage composite = output.image();
    int fromBackground = 0;
    int fromPerson = 0;
    int[] bg = bare.image().getRGB(0, 0, 64, 96, null, 0, 64);
    int[] out = composite.getRGB(0, 0, 64, 96, null, 0, 64);
    for (int i = 0; i < out.length; i++) {
      if (out[i] == bg[i]) {
        fromBackground++;
      } else {
        fromPerson++;
      }
    }
    assertThat(fromBackground).as("the shared background shows around the person").isPositive();
    assertThat(fromPerson).as("the person covers part of it").isPositive();
    assertThat(Arrays.equals(out, bg)).isFalse();
  }
}
