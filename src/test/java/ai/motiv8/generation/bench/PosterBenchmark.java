package ai.motiv8.generation.bench;

import ai.motiv8.generation.GenerationInput;
import ai.motiv8.generation.poster.PosterEngine;
import ai.motiv8.generation.poster.TestFaces;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.Arrays;

/**
 * Times {@link PosterEngine#generate} on the astronaut photo (render + PNG encode) and writes a
 * few sample posters. Not a unit test; run it with {@code scripts/bench-poster.sh}.
 *
 * <p>Arguments: {@code [runs] [warm-up runs] [sample dir]}, defaults 50, 20, {@code target/posters}.
 */
public final class PosterBenchmark {

  private static final Logger LOG = LoggerFactory.getLogger(PosterBenchmark.class);

  private PosterBenchmark() {
  }

  public static void main(String[] args) throws IOException {
    int runs = args.length > 0 ? Integer.parseInt(args[0]) : 50;
    int warmUp = args.length > 1 ? Integer.parseInt(args[1]) : 20;
    Path samples = Path.of(args.length > 2 ? args[2] : "target/posters");

    PosterEngine engine = new PosterEngine();
    BufferedImage selfie = TestFaces.astronaut();
    LocalDate day = LocalDate.of(2025, 1, 14);

    Files.createDirectories(samples);
    for (int i = 0; i < 8; i++) {
      GenerationInput input = new GenerationInput(selfie, TestFaces.ASTRONAUT_FACE, day.plusDays(i), i, null);
      Files.write(samples.resolve("poster-" + i + ".png"), engine.generate(input));
    }
    LOG.info("Sample posters written to {}", samples.toAbsolutePath());

    for (int i = 0; i < warmUp; i++) {
      engine.generate(new GenerationInput(selfie, TestFaces.ASTRONAUT_FACE, day, i, null));
    }
    double[] millis = new double[runs];
    double[] renderMillis = new double[runs];
    long bytes = 0;
    for (int i = 0; i < runs; i++) {
      GenerationInput input = new GenerationInput(selfie, TestFaces.ASTRONAUT_FACE, day.plusDays(i), i, null);
      long start = System.nanoTime();
      bytes += engine.generate(input).length;
      millis[i] = (System.nanoTime() - start) / 1e6;
      start = System.nanoTime();
      engine.render(input);
      renderMillis[i] = (System.nanoTime() - start) / 1e6;
    }
    Arrays.sort(millis);
    Arrays.sort(renderMillis);
    LOG.info("poster (render + PNG): {} runs after {} warm-up: median {} ms, p99 {} ms, min {} ms, max {} ms, "
            + "mean size {} KiB", runs, warmUp, fmt(percentile(millis, 50)), fmt(percentile(millis, 99)),
        fmt(millis[0]), fmt(millis[runs - 1]), bytes / runs / 1024);
    LOG.info("poster (render only): median {} ms, p99 {} ms", fmt(percentile(renderMillis, 50)),
        fmt(percentile(renderMillis, 99)));
  }

  /** Nearest-rank percentile of sorted values. */
  private static double percentile(double[] sorted, double p) {
    int rank = (int) Math.ceil(p / 100 * sorted.length);
    return sorted[Math.max(0, Math.min(sorted.length - 1, rank - 1))];
  }

  private static String fmt(double value) {
    return String.format(java.util.Locale.ROOT, "%.1f", value);
  }
}
