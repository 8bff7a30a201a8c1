package ai.motiv8.generation.bench;

import ai.motiv8.Application;
import ai.motiv8.generation.GenerationRequest;
import ai.motiv8.generation.GenerationResult;
import ai.motiv8.generation.GenerationService;
import ai.motiv8.support.ApiClient;
import ai.motiv8.support.TestConfigs;
import ai.motiv8.support.TestSelfies;
import ai.motiv8.support.TestSelfies.Selfie;
import ai.motiv8.support.TestSelfies.SignedIn;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;

import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;

/**
 * Benchmarks generation on the real app (SQLite, local files, default face pack, poster engine,
 * mail to the outbox), all on 127.0.0.1. Not a test; run it with {@code scripts/bench-generate.sh}.
 *
 * <ol>
 *   <li>Through the worker: {@code runs} sequential {@link GenerationService#generate} calls; the
 *       worker's own time per job (stat, copy and decode of the selfie, face detection over the bus,
 *       render + PNG encode, store) and the caller's round trip, median and p99.</li>
 *   <li>Through HTTP: {@code POST /api/generate} for {@code seconds} at each concurrency (closed
 *       loop: each of {@code c} clients sends its next request when the previous one answers), with
 *       record and outbox mail included: requests per second and latency median/p99.</li>
 * </ol>
 *
 * <p>Arguments: {@code [runs=50] [warm-up=15] [seconds=15] [concurrency list=1,4]}.
 */
public final class GenerateBenchmark {

  private GenerateBenchmark() {
  }

  public static void main(String[] args) throws Exception {
    int runs = args.length > 0 ? Integer.parseInt(args[0]) : 50;
    int warmUp = args.length > 1 ? Integer.parseInt(args[1]) : 15;
    int seconds = args.length > 2 ? Integer.parseInt(args[2]) : 15;
    int[] concurrencies = Arrays.stream((args.length > 3 ? args[3] : "1,4").split(",")).mapToInt(Integer::parseInt)
        .toArray();

    Path dir = Files.createTempDirectory(Path.of(System.getProperty("java.io.tmpdir")), "bench-generate");
    Vertx vertx = Vertx.vertx();
    try {
      Application app = await(Application.deploy(vertx, TestConfigs.local(dir)));
      ApiClient api = new ApiClient(vertx, app.httpPort());
      SignedIn user = await(TestSelfies.signIn(app, api));
      Selfie selfie = await(TestSelfies.install(app, user.userId(), "/photos/astronaut.png"));
      System.out.printf(Locale.ROOT, "motiv8 generation benchmark: engine %s, generation.maxConcurrency %d, %d CPU(s)"
              + " shared by client and server, Java %s, load average %.2f%n", app.config().generation().engine(),
          app.config().generation().maxConcurrency(), Runtime.getRuntime().availableProcessors(),
          System.getProperty("java.version"), loadAverage());

      throughWorker(vertx, app, user, selfie, runs, warmUp);
      for (int concurrency : concurrencies) {
        throughHttp(api, user, selfie, concurrency, Math.min(5, seconds), false);
        throughHttp(api, user, selfie, concurrency, seconds, true);
      }
      System.out.printf(Locale.ROOT, "load average at the end %.2f%n", loadAverage());
    } finally {
      await(vertx.close());
      deleteTree(dir);
    }
  }

  private static void throughWorker(Vertx vertx, Application app, SignedIn user, Selfie selfie, int runs, int warmUp)
      throws Exception {
    GenerationService service = GenerationService.createProxy(vertx, app.config().generation());
    double[] worker = new double[runs];
    double[] roundTrip = new double[runs];
    long bytes = 0;
    String last = null;
    for (int i = -warmUp; i < runs; i++) {
      GenerationRequest request = GenerationRequest.of(user.userId(), selfie.key(), selfie.embeddingKey(),
          LocalDate.of(2025, 1, 14).plusDays(Math.floorMod(i, 365)), GenerationRequest.BATCH).setSeed((long) i);
      long start = System.nanoTime();
      GenerationResult result = await(service.generate(request));
      if (i >= 0) {
        roundTrip[i] = (System.nanoTime() - start) / 1e6;
        worker[i] = result.millis();
        bytes += result.sizeBytes();
      }
      last = result.key();
    }
    Path sample = Path.of("target", "generated-sample.png");
    Files.write(sample, await(TestSelfies.read(app.blobStore(), last)).getBytes());
    System.out.printf(Locale.ROOT, "%nThrough GenerationService, %d sequential jobs after %d warm-up, mean PNG %d KiB%n",
        runs, warmUp, bytes / runs / 1024);
    System.out.println("  worker time per job:  " + summary(worker));
    System.out.println("  caller round trip:    " + summary(roundTrip));
    System.out.println("  last poster copied to " + sample);
  }

  /** A closed loop of {@code concurrency} clients for {@code seconds}; prints the result unless warming up. */
  private static void throughHttp(ApiClient api, SignedIn user, Selfie selfie, int concurrency, int seconds,
                                  boolean report) throws Exception {
    long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
    List<Double> latencies = new ArrayList<>();
    Map<Integer, Integer> statuses = new TreeMap<>();
    List<Future<Void>> clients = new ArrayList<>();
    long start = System.nanoTime();
    for (int c = 0; c < concurrency; c++) {
      Promise<Void> done = Promise.promise();
      loop(api, user, selfie, end, latencies, statuses, done);
      clients.add(done.future());
    }
    await(Future.all(clients));
    double elapsed = (System.nanoTime() - start) / 1e9;
    if (!report) {
      return;
    }
    double[] millis;
    synchronized (latencies) {
      millis = latencies.stream().mapToDouble(Double::doubleValue).toArray();
    }
    int ok = statuses.getOrDefault(200, 0);
    System.out.printf(Locale.ROOT, "%nPOST /api/generate, concurrency %d, %.1f s: %d requests, %.2f req/s (200: %.2f/s),"
        + " statuses %s%n", concurrency, elapsed, millis.length, millis.length / elapsed, ok / elapsed, statuses);
    System.out.println("  latency: " + summary(millis));
  }

  private static void loop(ApiClient api, SignedIn user, Selfie selfie, long end, List<Double> latencies,
                           Map<Integer, Integer> statuses, Promise<Void> done) {
    if (System.nanoTime() >= end) {
      done.complete();
      return;
    }
    long start = System.nanoTime();
    api.post("/api/generate", user.token(), new JsonObject().put("embedding_filename", selfie.embeddingFilename()))
        .onComplete(answer -> {
          synchronized (latencies) {
            latencies.add((System.nanoTime() - start) / 1e6);
            statuses.merge(answer.succeeded() ? answer.result().statusCode() : -1, 1, Integer::sum);
          }
          loop(api, user, selfie, end, latencies, statuses, done);
        });
  }

  private static String summary(double[] millis) {
    double[] sorted = millis.clone();
    Arrays.sort(sorted);
    return String.format(Locale.ROOT, "median %.1f ms, p99 %.1f ms, min %.1f ms, max %.1f ms (n=%d)",
        percentile(sorted, 50), percentile(sorted, 99), sorted[0], sorted[sorted.length - 1], sorted.length);
  }

  /** Nearest-rank percentile of sorted values. */
  private static double percentile(double[] sorted, double p) {
    int rank = (int) Math.ceil(p / 100 * sorted.length);
    return sorted[Math.max(0, Math.min(sorted.length - 1, rank - 1))];
  }

  private static double loadAverage() {
    return ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
  }

  private static <T> T await(Future<T> future) throws Exception {
    return future.toCompletionStage().toCompletableFuture().get(10, TimeUnit.MINUTES);
  }

  private static void deleteTree(Path dir) throws Exception {
    try (var paths = Files.walk(dir)) {
      for (Path path : paths.sorted(java.util.Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(path);
      }
    }
  }
}
