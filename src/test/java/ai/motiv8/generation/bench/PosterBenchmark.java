package ai.motiv8.generation.bench;

import ai.motiv8.faces.Face;
import ai.motiv8.faces.RgbImage;
import ai.motiv8.faces.TestModels;
import ai.motiv8.faces.pack.DefaultFacePack;
import ai.motiv8.generation.FaceEmbedding;
import ai.motiv8.generation.FaceGeometry;
import ai.motiv8.generation.GenerationEngine.EngineOutput;
import ai.motiv8.generation.GenerationInput;
import ai.motiv8.generation.content.DailyContent;
import ai.motiv8.generation.diffusion.FacePackIdentityCheck;
import ai.motiv8.generation.diffusion.Pixels;
import ai.motiv8.generation.poster.PosterEngine;
import ai.motiv8.generation.poster.PosterFonts;
import ai.motiv8.generation.poster.PosterVariant;
import ai.motiv8.generation.poster.TestFaces;
import ai.motiv8.segmentation.PersonSegmenter;
import ai.motiv8.segmentation.SegmentationPack;
import ai.motiv8.storage.ImageVariant;
import ai.motiv8.users.Mode;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.awt.geom.AffineTransform;
import java.awt.image.BufferedImage;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Supplier;

/**
 * Times the production poster engine (person segmentation model, default face pack's identity
 * check, ONNX Runtime on one thread) on the astronaut photo at three face sizes (about 60, 110 and
 * 220 px) over every theme and mode, one image at a time on the calling thread. Not a unit test;
 * run it with {@code scripts/bench-poster.sh}, which pins the JVM to one core.
 *
 * <p>Reported per image (median, p99, thread CPU time): the segmentation model alone on a
 * portrait-sized crop; the identity check alone (detect + embed + cosine on the 600×900 poster);
 * the 600×900 render with segmentation, unchecked; the mailed image (render, identity check, PNG
 * encode: what {@link PosterEngine#generate} does); everything the worker stores (that, plus the
 * 1200×1800 render and the JPEG, 2× and preview encodes). Sizes: mean and max of each stored form.
 *
 * <p>Arguments: {@code [runs] [warm-up runs] [sample dir]}, defaults 72, 24, {@code target/posters}.
 */
public final class PosterBenchmark {

  private static final Logger LOG = LoggerFactory.getLogger(PosterBenchmark.class);
  private static final double[] SIZES = {0.55, 1.0, 2.0};

  private PosterBenchmark() {
  }

  public static void main(String[] args) throws Exception {
    int runs = args.length > 0 ? Integer.parseInt(args[0]) : 72;
    int warmUp = args.length > 1 ? Integer.parseInt(args[1]) : 24;
    Path samples = Path.of(args.length > 2 ? args[2] : "target/posters");

    try (DefaultFacePack pack = DefaultFacePack.load(TestModels.defaultPackDir(), 1);
         PersonSegmenter segmenter = SegmentationPack.load(TestModels.modelsDir(), 1)) {
      FacePackIdentityCheck identity = new FacePackIdentityCheck(pack);
      PosterEngine engine = new PosterEngine(PosterFonts.bundled(), segmenter, identity, pack.embeddingModel());
      List<GenerationInput> inputs = inputs(pack);

      Files.createDirectories(samples);
      for (int i = 0; i < 6; i++) {
        Files.write(samples.resolve("poster-" + i + ".png"), engine.generate(inputs.get(i * 7 % inputs.size())));
      }
      LOG.info("Sample posters written to {}", samples.toAbsolutePath());
      for (int i = 0; i < warmUp; i++) {
        engine.generateReported(inputs.get(i % inputs.size()));
      }

      Timer segmentation = new Timer("segmentation model alone (portrait crop)");
      Timer check = new Timer("identity check alone (detect + embed on the poster)");
      Timer render = new Timer("render 600x900 with segmentation, unchecked");
      Timer mailed = new Timer("mailed image: render + identity check + PNG");
      Timer stored = new Timer("all stored forms: + 1200x1800 render, JPEG, 2x, preview");
      long[] bytes = new long[ImageVariant.values().length];
      long[] maxBytes = new long[ImageVariant.values().length];
      for (int i = 0; i < runs; i++) {
        GenerationInput input = inputs.get(i % inputs.size());
        BufferedImage crop = portraitCrop(input);
        segmentation.time(() -> segmenter.segment(crop));
        BufferedImage poster = render.time(() -> engine.render(input, PosterVariant.DESIGNED, 1).image());
        check.time(() -> identity.similarity(poster, input.faceEmbedding().vector()));
        byte[] png = mailed.time(() -> engine.generate(input));
        EngineOutput output = stored.time(() -> engine.generateReported(input));
        count(bytes, maxBytes, ImageVariant.PNG, png.length);
        output.variants().forEach((variant, encoded) -> count(bytes, maxBytes, variant, encoded.length));
      }
      LOG.info("poster engine, {} runs after {} warm-up, {} inputs (3 face sizes x 12 themes x modes), "
          + "thread CPU time, {} available processor(s)", runs, warmUp, inputs.size(),
          Runtime.getRuntime().availableProcessors());
      for (Timer timer : List.of(segmentation, check, render, mailed, stored)) {
        timer.report();
      }
      for (ImageVariant variant : ImageVariant.values()) {
        LOG.info("{}: mean {} KiB, max {} KiB", variant, bytes[variant.ordinal()] / runs / 1024,
            maxBytes[variant.ordinal()] / 1024);
      }
    }
  }

  private static void count(long[] bytes, long[] max, ImageVariant variant, long size) {
    bytes[variant.ordinal()] += size;
    max[variant.ordinal()] = Math.max(max[variant.ordinal()], size);
  }

  /** Three face sizes × the twelve themes (a day in each month), the modes in turn. */
  private static List<GenerationInput> inputs(DefaultFacePack pack) {
    List<GenerationInput> inputs = new ArrayList<>();
    BufferedImage astronaut = TestFaces.astronaut();
    for (double factor : SIZES) {
      int size = (int) Math.round(astronaut.getWidth() * factor);
      BufferedImage image = TestFaces.transform(astronaut, TestFaces.ASTRONAUT_FACE,
          AffineTransform.getScaleInstance(factor, factor), size, size).image();
      RgbImage rgb = Pixels.rgbOf(image);
      Face face = pack.detect(rgb).get(0);
      FaceGeometry geometry = new FaceGeometry(new float[] {face.x1(), face.y1(), face.x2(), face.y2()},
          face.keypoints());
      FaceEmbedding embedding = new FaceEmbedding(pack.embeddingModel(), pack.embed(rgb, face));
      for (int month = 0; month < 12; month++) {
        LocalDate day = LocalDate.of(2026, 4, 14).plusMonths(month);
        Mode mode = Mode.values()[(month + inputs.size()) % Mode.values().length];
        inputs.add(new GenerationInput(image, geometry, day, month * 31L + size, null, null, embedding, null)
            .withContent(DailyContent.forDate(day, mode, null), "bench"));
      }
    }
    return inputs;
  }

  /** The selfie's head-and-shoulders area, about the size the engine hands the model. */
  private static BufferedImage portraitCrop(GenerationInput input) {
    float[] box = input.face().box();
    double w = (box[2] - box[0]) * 2.6;
    double h = (box[3] - box[1]) * 2.8;
    int x = (int) Math.max(0, (box[0] + box[2]) / 2 - w / 2);
    int y = (int) Math.max(0, box[1] - h * 0.3);
    BufferedImage selfie = input.selfie();
    return selfie.getSubimage(x, y, (int) Math.min(w, selfie.getWidth() - x),
        (int) Math.min(h, selfie.getHeight() - y));
  }

  /** Thread CPU time per call (the JVM is pinned to one core; wall time follows the machine's load). */
  private static final class Timer {
    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();
    private final String name;
    private final List<Double> millis = new ArrayList<>();

    Timer(String name) {
      this.name = name;
    }

    <T> T time(Supplier<T> work) {
      long start = THREADS.getCurrentThreadCpuTime();
      T result = work.get();
      millis.add((THREADS.getCurrentThreadCpuTime() - start) / 1e6);
      return result;
    }

    void report() {
      double[] sorted = millis.stream().mapToDouble(Double::doubleValue).sorted().toArray();
      LOG.info("{}: median {} ms, p99 {} ms, min {} ms, max {} ms", name, fmt(percentile(sorted, 50)),
          fmt(percentile(sorted, 99)), fmt(sorted[0]), fmt(sorted[sorted.length - 1]));
    }
  }

  /** Nearest-rank percentile of sorted values. */
  private static double percentile(double[] sorted, double p) {
    int rank = (int) Math.ceil(p / 100 * sorted.length);
    return sorted[Math.max(0, Math.min(sorted.length - 1, rank - 1))];
  }

  private static String fmt(double value) {
    return String.format(Locale.ROOT, "%.1f", value);
  }
}
