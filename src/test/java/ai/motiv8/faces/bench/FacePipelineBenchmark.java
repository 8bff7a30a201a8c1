package ai.motiv8.faces.bench;

import ai.motiv8.faces.Face;
import ai.motiv8.faces.FaceAligner;
import ai.motiv8.faces.RgbImage;
import ai.motiv8.faces.TestImages;
import ai.motiv8.faces.TestModels;
import ai.motiv8.faces.intake.DecodedImage;
import ai.motiv8.faces.intake.ImageIntake;
import ai.motiv8.faces.onnx.ModelFile;
import ai.motiv8.faces.onnx.ModelManifest;
import ai.motiv8.faces.onnx.OrtSessions;
import ai.motiv8.faces.pack.DefaultFacePack;
import ai.motiv8.faces.pack.FaceRecognizer;
import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;

import java.nio.FloatBuffer;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * Per-stage latency of the default pack (median and p99 over {@code runs} after {@code warmup}),
 * with 1 and 2 ONNX Runtime intra-op threads, and the ratio of the whole pipeline to the bare
 * {@code session.run} of its three models. Not a test: run {@code scripts/bench-faces.sh}.
 *
 * <p>Arguments: {@code [runs=100] [warmup=20]}.
 */
public final class FacePipelineBenchmark {

  public static void main(String[] args) throws Exception {
    int runs = args.length > 0 ? Integer.parseInt(args[0]) : 100;
    int warmup = args.length > 1 ? Integer.parseInt(args[1]) : 20;
    Path packDir = TestModels.defaultPackDir();
    Map<String, byte[]> inputs = new LinkedHashMap<>();
    inputs.put("astronaut.png 512x512", TestImages.resource(TestImages.ASTRONAUT));
    inputs.put("selfie.jpg 768x768", TestImages.jpeg(TestImages.scale(TestImages.photo(TestImages.ASTRONAUT), 1.5), 0.85f));
    System.out.printf(Locale.ROOT, "Default face pack, %d runs after %d warm-up, %d CPU(s), Java %s, load average %.2f%n",
        runs, warmup, Runtime.getRuntime().availableProcessors(), System.getProperty("java.version"), loadAverage());
    // One discarded pass so that the first configuration is not also measuring the JIT.
    for (Map.Entry<String, byte[]> input : inputs.entrySet()) {
      measure(packDir, 1, input.getKey(), input.getValue(), runs, warmup);
    }
    for (int threads : new int[] {1, 2}) {
      for (Map.Entry<String, byte[]> input : inputs.entrySet()) {
        System.out.print(measure(packDir, threads, input.getKey(), input.getValue(), runs, warmup));
      }
    }
    System.out.printf(Locale.ROOT, "%nload average at the end %.2f (other processes share these CPUs)%n", loadAverage());
  }

  private static double loadAverage() {
    return java.lang.management.ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
  }

  private static String measure(Path packDir, int threads, String name, byte[] encoded, int runs, int warmup)
      throws OrtException {
    ImageIntake intake = new ImageIntake(100_000_000L);
    Map<String, long[]> times = new LinkedHashMap<>();
    for (String stage : new String[] {"decode", "detect", "landmarks", "align", "embed", "pipeline (no decode)",
        "total", "bare run: detect", "bare run: landmarks", "bare run: embed", "bare runs (sum)"}) {
      times.put(stage, new long[runs]);
    }
    try (DefaultFacePack pack = DefaultFacePack.load(packDir, threads);
         BareSessions bare = new BareSessions(packDir, threads)) {
      for (int i = -warmup; i < runs; i++) {
        long t0 = System.nanoTime();
        DecodedImage decoded = intake.read(encoded);
        RgbImage image = decoded.image();
        long t1 = System.nanoTime();
        Face face = pack.detector().detect(image).get(0);
        long t2 = System.nanoTime();
        float[] keypoints = pack.landmarker().keypoints(image, face);
        long t3 = System.nanoTime();
        RgbImage aligned = FaceAligner.align(image, keypoints, FaceRecognizer.INPUT_SIZE);
        long t4 = System.nanoTime();
        pack.recognizer().embed(aligned);
        long t5 = System.nanoTime();
        long[] bareTimes = bare.runAll();
        if (i >= 0) {
          record(times, "decode", i, t1 - t0);
          record(times, "detect", i, t2 - t1);
          record(times, "landmarks", i, t3 - t2);
          record(times, "align", i, t4 - t3);
          record(times, "embed", i, t5 - t4);
          record(times, "pipeline (no decode)", i, t5 - t1);
          record(times, "total", i, t5 - t0);
          record(times, "bare run: detect", i, bareTimes[0]);
          record(times, "bare run: landmarks", i, bareTimes[1]);
          record(times, "bare run: embed", i, bareTimes[2]);
          record(times, "bare runs (sum)", i, bareTimes[0] + bareTimes[1] + bareTimes[2]);
        }
      }
    }
    StringBuilder report = new StringBuilder(String.format(Locale.ROOT,
        "%n%s, %d ORT thread(s): stage, median ms, p99 ms%n", name, threads));
    times.forEach((stage, values) -> report.append(String.format(Locale.ROOT, "  %-22s %7.2f %7.2f%n", stage,
        percentile(values, 50), percentile(values, 99))));
    double pipeline = percentile(times.get("pipeline (no decode)"), 50);
    double total = percentile(times.get("total"), 50);
    double bareSum = percentile(times.get("bare runs (sum)"), 50);
    report.append(String.format(Locale.ROOT,
        "  ratio pipeline (no decode) / bare session.run: %.2f; total with decode / bare: %.2f%n",
        pipeline / bareSum, total / bareSum));
    return report.toString();
  }

  private static void record(Map<String, long[]> times, String stage, int i, long nanos) {
    times.get(stage)[i] = nanos;
  }

  private static double percentile(long[] nanos, int percent) {
    long[] sorted = nanos.clone();
    Arrays.sort(sorted);
    int index = (int) Math.ceil(percent / 100.0 * sorted.length) - 1;
    return sorted[Math.max(0, Math.min(sorted.length - 1, index))] / 1e6;
  }

  /** The three models with ready-made input tensors: only {@code session.run} is timed. */
  private static final class BareSessions implements AutoCloseable {
    private final OrtSession[] sessions = new OrtSession[3];
    private final OnnxTensor[] inputs = new OnnxTensor[3];

    BareSessions(Path packDir, int threads) throws OrtException {
      ModelManifest manifest = ModelManifest.committed(DefaultFacePack.NAME);
      String[] roles = {"detector", "landmarks", "recognizer"};
      OrtEnvironment env = OrtEnvironment.getEnvironment();
      for (int i = 0; i < 3; i++) {
        ModelFile file = manifest.fileWithRole(roles[i]);
        sessions[i] = OrtSessions.open(packDir, file, threads);
        long[] shape = file.inputs().get(0).shape();
        int size = (int) Arrays.stream(shape).reduce(1, (a, b) -> a * b);
        float[] data = new float[size];
        for (int j = 0; j < size; j++) {
          data[j] = (float) Math.sin(j * 0.001);
        }
        inputs[i] = OnnxTensor.createTensor(env, FloatBuffer.wrap(data), shape);
      }
    }

    long[] runAll() throws OrtException {
      long[] nanos = new long[3];
      for (int i = 0; i < 3; i++) {
        long start = System.nanoTime();
        try (OrtSession.Result result = sessions[i].run(Map.of("input", inputs[i]))) {
          nanos[i] = System.nanoTime() - start;
        }
      }
      return nanos;
    }

    @Override
    public void close() throws OrtException {
      for (int i = 0; i < 3; i++) {
        inputs[i].close();
        sessions[i].close();
      }
    }
  }
}
