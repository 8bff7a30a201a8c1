package ai.motiv8.generation.bench;

import ai.motiv8.faces.RgbImage;
import ai.motiv8.generation.GenerationControl;
import ai.motiv8.generation.GenerationParameters;
import ai.motiv8.generation.diffusion.ClipImageProcessor.ChannelOrder;
import ai.motiv8.generation.diffusion.DiffusionPack;
import ai.motiv8.generation.diffusion.DiffusionPipeline;
import ai.motiv8.generation.diffusion.DiffusionRequest;
import ai.motiv8.generation.diffusion.DiffusionResult;
import ai.motiv8.generation.diffusion.ExecutionProvider;
import ai.motiv8.generation.diffusion.TinyPack;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;
import java.util.Random;

/**
 * Times the diffusion pipeline's own Java work per step (noise, tensors, copies, guidance, DDIM
 * update, progress and cancellation checks) around the UNet's {@code session.run}, at the real
 * 512 × 768 size (latents 4 × 96 × 64, batch 2, 81 tokens) on the tiny random pack, whose UNet
 * is almost free; then prints the estimate for the real pack from FLOPs. Not a unit test; run
 * it with {@code scripts/bench-diffusion.sh [runs] [warm-up runs] [steps] [pack dir]} (a real
 * pack folder instead of the tiny one times the real models).
 */
public final class DiffusionBenchmark {

  /** ML.md: ~0.8 TFLOP per UNet evaluation at 64×64 latents; 512×768 is 1.5×, guidance doubles it. */
  private static final double UNET_TFLOP_PER_STEP = 0.8 * 1.5 * 2;

  private DiffusionBenchmark() {
  }

  public static void main(String[] args) throws IOException {
    int runs = args.length > 0 ? Integer.parseInt(args[0]) : 5;
    int warmUp = args.length > 1 ? Integer.parseInt(args[1]) : 2;
    int steps = args.length > 2 ? Integer.parseInt(args[2]) : 30;
    Path packDir = args.length > 3 ? Path.of(args[3])
        : TinyPack.writeFaceIdPack(Files.createTempDirectory(Path.of("target"), "tiny-diffusion-pack"));

    DiffusionPack pack = DiffusionPack.open(packDir, false);
    Random random = new Random(1);
    byte[] crop = new byte[224 * 224 * 3];
    random.nextBytes(crop);
    float[] embedding = new float[512];
    for (int i = 0; i < embedding.length; i++) {
      embedding[i] = (float) random.nextGaussian() / 22.6f;
    }
    DiffusionRequest request = DiffusionRequest.of("a photo of a cat", GenerationParameters.DEFAULTS.withSteps(steps), 1,
        new DiffusionRequest.Face(new RgbImage(224, 224, crop), embedding));

    try (DiffusionPipeline pipeline = DiffusionPipeline.load(pack, ExecutionProvider.CPU, 1, ChannelOrder.RGB)) {
      for (int i = 0; i < warmUp; i++) {
        pipeline.run(request.withSeed(i), GenerationControl.NONE);
      }
      double[] overhead = new double[runs];
      double[] unet = new double[runs];
      double[] total = new double[runs];
      DiffusionResult.Timings last = null;
      for (int i = 0; i < runs; i++) {
        last = pipeline.run(request.withSeed(100 + i), GenerationControl.NONE).timings();
        overhead[i] = last.overheadPerStepMs();
        unet[i] = last.unetPerStepMs();
        total[i] = last.totalMs();
      }
      System.out.printf(Locale.ROOT, "pack %s, 512x768, %d steps, %d runs after %d warm-up%n", pack.name(), steps, runs,
          warmUp);
      System.out.printf(Locale.ROOT, "  Java overhead per step (outside session.run): median %.3f ms, best run %.3f ms%n",
          median(overhead), min(overhead));
      System.out.printf(Locale.ROOT, "  UNet session.run per step:                    median %.3f ms, best run %.3f ms%n",
          median(unet), min(unet));
      System.out.printf(Locale.ROOT, "  (machine load average %.1f on %d cores: shared machines inflate both)%n",
          java.lang.management.ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage(),
          Runtime.getRuntime().availableProcessors());
      System.out.printf(Locale.ROOT, "  whole image: median %.1f ms (text %.1f, face %.1f, VAE %.1f in the last run)%n",
          median(total), last.textMs(), last.faceMs(), last.vaeMs());
    }
    for (double gflops : new double[] {50, 100, 5_000, 100_000}) {
      double secondsPerStep = UNET_TFLOP_PER_STEP * 1000 / gflops;
      System.out.printf(Locale.ROOT, "  real pack at %,.0f GFLOP/s sustained: %.1f s per step, %.1f min per 30-step image%n",
          gflops, secondsPerStep, secondsPerStep * 30 / 60);
    }
  }

  private static double min(double[] values) {
    return Arrays.stream(values).min().orElse(Double.NaN);
  }

  private static double median(double[] values) {
    double[] sorted = values.clone();
    Arrays.sort(sorted);
    return sorted[sorted.length / 2];
  }
}
