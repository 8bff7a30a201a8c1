package ai.motiv8.generation.bench;

import ai.motiv8.generation.FaceEmbedding;
import ai.motiv8.generation.FaceGeometry;
import ai.motiv8.generation.GenerationInput;
import ai.motiv8.generation.GenerationParameters;
import ai.motiv8.generation.PersonComposite;
import ai.motiv8.generation.content.DailyContent;
import ai.motiv8.generation.diffusion.ClipImageProcessor.ChannelOrder;
import ai.motiv8.generation.diffusion.DiffusionEngine;
import ai.motiv8.generation.diffusion.DiffusionPack;
import ai.motiv8.generation.diffusion.DiffusionPipeline;
import ai.motiv8.generation.diffusion.ExecutionProvider;
import ai.motiv8.generation.diffusion.TinyPack;
import ai.motiv8.users.Mode;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.Locale;
import java.util.Random;

/**
 * What the two-stage path costs on the diffusion engine, at the real 512 × 768 size on the tiny
 * random pack (whose models are almost free, so the figures are our Java work around them: the
 * extra background pass, the matte, the feather and the composite) or on a real pack folder.
 *
 * <p>Method: one engine; warm-up runs of both paths; then {@code runs} batch "runs" of
 * {@code users} users each (a run id of its own, so each run renders its background once):
 * wall time per image on the single-stage path (prompt only), and on the two-stage path the
 * first user of a run (background + person), the others (person only, background shared), the
 * composite alone, and the average per image of a run. Medians over the runs. Not a unit test:
 * {@code scripts/bench-two-stage.sh [runs=5] [users=10] [steps=30] [pack dir]} (README, Benchmarks).
 */
public final class TwoStageBenchmark {

  private TwoStageBenchmark() {
  }

  public static void main(String[] args) throws IOException {
    int runs = args.length > 0 ? Integer.parseInt(args[0]) : 5;
    int users = args.length > 1 ? Integer.parseInt(args[1]) : 10;
    int steps = args.length > 2 ? Integer.parseInt(args[2]) : 30;
    Path packDir = args.length > 3 ? Path.of(args[3])
        : TinyPack.writeFaceIdPack(Files.createTempDirectory(Path.of("target"), "tiny-diffusion-pack"));
    GenerationParameters parameters = GenerationParameters.DEFAULTS.withSteps(steps);
    LocalDate day = LocalDate.of(2025, 7, 14);
    BufferedImage selfie = selfie();
    FaceGeometry face = new FaceGeometry(new float[] {60, 50, 140, 160},
        new float[] {80, 90, 120, 90, 100, 115, 84, 138, 116, 138});
    DailyContent content = DailyContent.forDate(day, Mode.TONED, "female");

    try (DiffusionEngine engine = new DiffusionEngine(DiffusionPipeline.load(DiffusionPack.open(packDir, false),
        ExecutionProvider.CPU, 1, ChannelOrder.RGB), 512, 768)) {
      for (int i = 0; i < 3; i++) {
        engine.generate(input(selfie, face, day, i, parameters, null, null, engine));
        engine.generate(input(selfie, face, day, i, parameters, content, "warm-" + i, engine));
      }
      double[] single = new double[runs];
      double[] first = new double[runs];
      double[] shared = new double[runs];
      double[] composite = new double[runs];
      double[] perImage = new double[runs];
      for (int r = 0; r < runs; r++) {
        long t0 = System.nanoTime();
        for (int u = 0; u < users; u++) {
          engine.generate(input(selfie, face, day, u, parameters, null, null, engine));
        }
        single[r] = (System.nanoTime() - t0) / 1e6 / users;
        double rest = 0;
        double mixing = 0;
        long t1 = System.nanoTime();
        for (int u = 0; u < users; u++) {
          long start = System.nanoTime();
          DiffusionEngine.Output out = engine.generateDetailed(input(selfie, face, day, u, parameters, content,
              "run-" + r, engine));
          double ms = (System.nanoTime() - start) / 1e6;
          if (u == 0) {
            first[r] = ms;
          } else {
            rest += ms;
          }
          mixing += out.stages().compositeMs();
        }
        perImage[r] = (System.nanoTime() - t1) / 1e6 / users;
        shared[r] = users > 1 ? rest / (users - 1) : 0;
        composite[r] = mixing / users;
      }
      System.out.printf(Locale.ROOT, "motiv8 two-stage benchmark: pack %s, 512x768, %d steps, %d runs of %d users,"
          + " %d CPU(s)%n", engine.pipeline().pack().name(), steps, runs, users,
          Runtime.getRuntime().availableProcessors());
      System.out.printf(Locale.ROOT, "single-stage image                   %9.1f ms%n", median(single));
      System.out.printf(Locale.ROOT, "two-stage, first user of a run       %9.1f ms (background + person)%n",
          median(first));
      System.out.printf(Locale.ROOT, "two-stage, other users (bg shared)   %9.1f ms%n", median(shared));
      System.out.printf(Locale.ROOT, "two-stage, matte+feather+composite   %9.1f ms%n", median(composite));
      System.out.printf(Locale.ROOT, "two-stage, per image of a run        %9.1f ms (%.2fx single-stage; "
          + "model work %.2fx: (users + 1) / users passes)%n", median(perImage), median(perImage) / median(single),
          (users + 1.0) / users);
      System.out.printf(Locale.ROOT, "backgrounds rendered %d, reused %d%n", engine.backgrounds().renders(),
          engine.backgrounds().reuses());
      BufferedImage flat = new BufferedImage(512, 768, BufferedImage.TYPE_INT_RGB);
      long t = System.nanoTime();
      for (int i = 0; i < 20; i++) {
        PersonComposite.compose(flat, selfie512());
      }
      System.out.printf(Locale.ROOT, "composite of a 512x768 person on a studio background: %.1f ms%n",
          (System.nanoTime() - t) / 1e6 / 20);
    }
  }

  private static GenerationInput input(BufferedImage selfie, FaceGeometry face, LocalDate day, long seed,
                                       GenerationParameters parameters, DailyContent content, String run,
                                       DiffusionEngine engine) {
    Random random = new Random(seed);
    float[] vector = new float[engine.pipeline().embeddingSize() == 0 ? 512 : engine.pipeline().embeddingSize()];
    for (int i = 0; i < vector.length; i++) {
      vector[i] = (float) random.nextGaussian() / 22.6f;
    }
    GenerationInput input = new GenerationInput(selfie, face, day, seed, "photo of a bodybuilder", parameters,
        new FaceEmbedding(DiffusionEngine.EMBEDDING_MODEL, vector));
    return content == null ? input : input.withContent(content, run);
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

  /** A person-shaped block on a light studio grey, at the real size. */
  private static BufferedImage selfie512() {
    BufferedImage image = new BufferedImage(512, 768, BufferedImage.TYPE_INT_RGB);
    Graphics2D g = image.createGraphics();
    g.setColor(new Color(200, 200, 204));
    g.fillRect(0, 0, 512, 768);
    g.setColor(new Color(150, 90, 70));
    g.fillRoundRect(160, 80, 192, 640, 80, 80);
    g.dispose();
    return image;
  }

  private static double median(double[] values) {
    double[] sorted = values.clone();
    Arrays.sort(sorted);
    return sorted[sorted.length / 2];
  }
}
