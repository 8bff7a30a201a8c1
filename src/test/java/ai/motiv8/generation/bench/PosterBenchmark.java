package ai.motiv8.generation.bench;

import ai.motiv8.generation.GenerationInput;
import ai.motiv8.generation.poster.PosterEngine;
import ai.motiv8.generation.poster.TestFaces;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
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
    // Wall time suffers from whatever else runs on the machine; the thread's CPU time does not,
    // and rendering and encoding both run on the calling thread.
    ThreadMXBean threads = ManagementFactory.getThreadMXBean();
    double[] wall = new double[runs];
    double[] cpu = new double[runs];
    double[] renderCpu = new double[runs];
    long bytes = 0;
    for (int i = 0; i < runs; i++) {
      GenerationInput input = new GenerationInput(selfie, TestFaces.ASTRONAUT_FACE, day.plusDays(i), i, null);
      long start = System.nanoTime();
      long startCpu = threads.getCurrentThreadCpuTime();
      bytes += engine.generate(input).length;
      cpu[i] = (threads.getCurrentThreadCpuTime() - startCpu) / 1e6;
      wall[i] = (System.nanoTime() - start) / 1e6;
      startCpu = threads.getCurrentThreadCpuTime();
      engine.render(input);
      renderCpu[i] = (threads.getCurrentThreadCpuTime() - startCpu) / 1e6;
    }
    LOG.info("poster, {} runs after {} warm-up, mean PNG {} KiB", runs, warmUp, bytes / runs / 1024);
    report("render + PNG, wall", wall);
    report("render + PNG, CPU", cpu);
    report("render only, CPU", renderCpu);
  }

  private static void report(String what, double[] millis) {
    double[] sorted = millis.clone();
    Arrays.sort(sorted);
    LOG.info("{}: median {} ms, p99 {} ms, min {} ms, max {} ms", what, fmt(percentile(sorted, 50)),
        fmt(percentile(sorted, 99)), fmt(sorted[0]), fmt(sorted[sorted.length - 1]));
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
