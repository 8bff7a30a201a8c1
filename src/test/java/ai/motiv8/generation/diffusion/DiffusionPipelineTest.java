package ai.motiv8.generation.diffusion;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import ai.motiv8.faces.RgbImage;
import ai.motiv8.generation.GenerationCancelledException;
import ai.motiv8.generation.GenerationControl;
import ai.motiv8.generation.GenerationException;
import ai.motiv8.generation.GenerationParameters;
import ai.motiv8.generation.diffusion.ClipImageProcessor.ChannelOrder;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The whole pipeline on a tiny random pack with the real contract ({@link TinyPack}). */
class DiffusionPipelineTest {

  private static final int W = 64, H = 96;
  @TempDir
  static Path dir;
  private static DiffusionPipeline pipeline;

  @BeforeAll
  static void load() {
    DiffusionPack pack = DiffusionPack.open(TinyPack.writeFaceIdPack(dir.resolve("faceid")), true);
    pipeline = DiffusionPipeline.load(pack, ExecutionProvider.CPU, 1, ChannelOrder.RGB);
  }

  @AfterAll
  static void close() {
    pipeline.close();
  }

  static DiffusionRequest.Face face(long seed) {
    Random random = new Random(seed);
    byte[] rgb = new byte[224 * 224 * 3];
    random.nextBytes(rgb);
    float[] embedding = new float[512];
    double norm = 0;
    for (int i = 0; i < embedding.length; i++) {
      embedding[i] = (float) random.nextGaussian();
      norm += embedding[i] * embedding[i];
    }
    for (int i = 0; i < embedding.length; i++) {
      embedding[i] /= (float) Math.sqrt(norm);
    }
    return new DiffusionRequest.Face(new RgbImage(224, 224, rgb), embedding);
  }

  private static DiffusionRequest request(GenerationParameters parameters, long seed, DiffusionRequest.Face face) {
    return new DiffusionRequest("a photo of a cat", parameters, seed, W, H, face);
  }

  private static DiffusionResult run(DiffusionRequest request) {
    return pipeline.run(request, GenerationControl.NONE);
  }

  private static final GenerationParameters FEW_STEPS = GenerationParameters.DEFAULTS.withSteps(4);

  @Test
  @DisplayName("A 64x96 request gives a 64x96 image from 4x12x8 latents, with face conditioning")
  void shapes() {
    DiffusionResult result = run(request(FEW_STEPS, 1, face(1)));
    assertThat(result.image().getWidth()).isEqualTo(W);
    assertThat(result.image().getHeight()).isEqualTo(H);
    assertThat(result.latents()).hasSize(4 * 12 * 8);
    assertThat(result.faceConditioned()).isTrue();
    assertThat(pipeline.faceConditioning()).isTrue();
    assertThat(result.timings().steps()).isEqualTo(4);
    for (float v : result.latents()) {
      assertThat(Float.isFinite(v)).isTrue();
    }
  }

  @Test
  @DisplayName("The same seed gives the same image; another seed another")
  void deterministic() {
    DiffusionResult a = run(request(FEW_STEPS, 42, face(1)));
    DiffusionResult b = run(request(FEW_STEPS, 42, face(1)));
    DiffusionResult c = run(request(FEW_STEPS, 43, face(1)));
    assertThat(b.latents()).containsExactly(a.latents());
    assertThat(Pixels.png(b.image())).isEqualTo(Pixels.png(a.image()));
    assertThat(c.latents()).isNotEqualTo(a.latents());
  }

  @Test
  @DisplayName("Guidance mixes the two branches linearly: one step's latents are affine in g")
  void guidanceIsLinear() {
    // One DDIM step: x' = c1·x + c2·ε with ε = ε_u + g·(ε_c − ε_u), so x'(g) = x'(1) + (g − 1)·c2·(ε_c − ε_u).
    GenerationParameters one = GenerationParameters.DEFAULTS.withSteps(1);
    float[] g1 = run(request(one.withGuidanceScale(1.0), 5, face(2))).latents();
    float[] g4 = run(request(one.withGuidanceScale(4.0), 5, face(2))).latents();
    float[] g75 = run(request(one.withGuidanceScale(7.5), 5, face(2))).latents();
    double difference = 0;
    for (int i = 0; i < g1.length; i++) {
      double slopeA = (g4[i] - g1[i]) / 3.0, slopeB = (g75[i] - g1[i]) / 6.5;
      assertThat(slopeB).as("element %d", i).isCloseTo(slopeA, within(1e-4 + 1e-3 * Math.abs(slopeA)));
      difference += Math.abs(g75[i] - g1[i]);
    }
    assertThat(difference / g1.length).as("guidance changes the latents").isGreaterThan(1e-3);
  }

  @Test
  @DisplayName("Guidance 1 uses the conditional branch alone: the negative prompt has no effect")
  void guidanceOneIgnoresNegative() {
    GenerationParameters g1 = FEW_STEPS.withGuidanceScale(1.0);
    float[] a = run(request(g1.withNegativePrompt("blurry"), 3, face(3))).latents();
    float[] b = run(request(g1.withNegativePrompt("cat cat cat"), 3, face(3))).latents();
    assertThat(b).containsExactly(a);
    float[] c = run(request(FEW_STEPS.withNegativePrompt("blurry"), 3, face(3))).latents();
    float[] d = run(request(FEW_STEPS.withNegativePrompt("cat cat cat"), 3, face(3))).latents();
    assertThat(d).isNotEqualTo(c);
  }

  @Test
  @DisplayName("The face tokens reach the UNet: another embedding or crop changes the image, adapter scale 0 removes it")
  void faceTokensReachTheUnet() {
    float[] a = run(request(FEW_STEPS, 9, face(10))).latents();
    DiffusionRequest.Face other = new DiffusionRequest.Face(face(10).alignedCrop(), face(11).embedding());
    float[] b = run(request(FEW_STEPS, 9, other)).latents();
    assertThat(maxDifference(a, b)).isGreaterThan(1e-3);
    DiffusionRequest.Face otherCrop = new DiffusionRequest.Face(face(12).alignedCrop(), face(10).embedding());
    assertThat(maxDifference(a, run(request(FEW_STEPS, 9, otherCrop)).latents())).isGreaterThan(1e-5);

    GenerationParameters off = FEW_STEPS.withAdapterScale(0);
    float[] c = run(request(off, 9, face(10))).latents();
    float[] d = run(request(off, 9, other)).latents();
    assertThat(d).containsExactly(c);
  }

  @Test
  @DisplayName("A face pack refuses a request without a face")
  void needsFace() {
    assertThatThrownBy(() -> run(request(FEW_STEPS, 1, null)))
        .isInstanceOf(GenerationException.class).hasMessageContaining("conditions on a face");
  }

  @Test
  @DisplayName("Progress is reported after each step; a cancel stops between steps")
  void progressAndCancellation() {
    List<Integer> seen = new ArrayList<>();
    GenerationControl counting = GenerationControl.of(() -> false, (step, steps) -> seen.add(step));
    pipeline.run(request(FEW_STEPS, 1, face(1)), counting);
    assertThat(seen).containsExactly(1, 2, 3, 4);

    AtomicInteger done = new AtomicInteger();
    GenerationControl stopAfterTwo = GenerationControl.of(() -> done.get() >= 2, (step, steps) -> done.set(step));
    assertThatThrownBy(() -> pipeline.run(request(FEW_STEPS, 1, face(1)), stopAfterTwo))
        .isInstanceOfSatisfying(GenerationCancelledException.class,
            e -> assertThat(e.completedSteps()).isEqualTo(2))
        .hasMessageContaining("after 2 of 4 steps");
    assertThat(done.get()).isEqualTo(2);

    GenerationControl expired = GenerationControl.deadline(java.time.Instant.now().minusSeconds(1));
    assertThatThrownBy(() -> pipeline.run(request(FEW_STEPS, 1, face(1)), expired))
        .isInstanceOf(GenerationCancelledException.class).hasMessageContaining("after 0 of 4");
  }

  @Test
  @DisplayName("Timings add up: UNet session time and Java overhead per step are reported")
  void timings() {
    DiffusionResult.Timings t = run(request(FEW_STEPS, 1, face(1))).timings();
    assertThat(t.unetSessionMs()).isPositive();
    assertThat(t.stepOverheadMs()).isNotNegative();
    assertThat(t.totalMs()).isGreaterThanOrEqualTo(t.unetSessionMs() + t.vaeMs());
  }

  @Test
  @DisplayName("A plain SD 1.5 export (no face models, 77-token UNet) loads and generates from text only")
  void plainPack() {
    DiffusionPack pack = DiffusionPack.open(TinyPack.writePlainPack(dir.resolve("plain")), true);
    assertThat(pack.hasFaceModels()).isFalse();
    assertThat(DiffusionPack.check(pack.dir())).isEmpty();
    try (DiffusionPipeline plain = DiffusionPipeline.load(pack, ExecutionProvider.CPU, 1, ChannelOrder.RGB)) {
      assertThat(plain.faceConditioning()).isFalse();
      DiffusionResult result = plain.run(request(FEW_STEPS, 7, null), GenerationControl.NONE);
      assertThat(result.faceConditioned()).isFalse();
      assertThat(result.image().getWidth()).isEqualTo(W);
      DiffusionResult withFace = plain.run(request(FEW_STEPS, 7, face(1)), GenerationControl.NONE);
      assertThat(withFace.latents()).containsExactly(result.latents());
    }
  }

  static double maxDifference(float[] a, float[] b) {
    double max = 0;
    for (int i = 0; i < a.length; i++) {
      max = Math.max(max, Math.abs(a[i] - b[i]));
    }
    return max;
  }
}
