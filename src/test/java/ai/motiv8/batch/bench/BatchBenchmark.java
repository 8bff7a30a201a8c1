package ai.motiv8.batch.bench;

import ai.motiv8.Application;
import ai.motiv8.batch.BatchOptions;
import ai.motiv8.batch.BatchSummary;
import ai.motiv8.batch.DailyBatch;
import ai.motiv8.config.AppConfig;
import ai.motiv8.config.ConfigLoader;
import ai.motiv8.support.TestSelfies;
import ai.motiv8.users.User;
import ai.motiv8.users.UserStore;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;

import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Benchmarks the daily batch on the real app (SQLite, local files, default face pack, poster
 * engine, mail to the outbox), in one process on this machine. Not a test; run it with
 * {@code scripts/bench-batch.sh}.
 *
 * <p>{@code users} users who work out every day share one selfie; after two warm-up days, each
 * concurrency gets a day of its own (so every user is due and nobody is done yet) and reports
 * users per minute, images per minute and the process CPU time per image (face detection,
 * rendering, PNG encoding, storage, database and mail included). The generation worker is allowed
 * as many jobs at once as the largest concurrency, so that the batch's bound is the one measured.
 *
 * <p>Arguments: {@code [users=40] [concurrency list=1,2,4]}.
 */
public final class BatchBenchmark {

  private static final LocalDate FIRST_DAY = LocalDate.of(2025, 1, 13);

  private BatchBenchmark() {
  }

  public static void main(String[] args) throws Exception {
    int users = args.length > 0 ? Integer.parseInt(args[0]) : 40;
    int[] concurrencies = Arrays.stream((args.length > 1 ? args[1] : "1,2,4").split(","))
        .mapToInt(Integer::parseInt).toArray();
    int widest = Arrays.stream(concurrencies).max().orElse(1);

    Path dir = Files.createTempDirectory(Path.of(System.getProperty("java.io.tmpdir")), "bench-batch");
    Vertx vertx = Vertx.vertx();
    try {
      AppConfig config = config(dir, widest);
      Application app = await(Application.deployWithoutHttp(vertx, config));
      populate(app, users);
      DailyBatch batch = new DailyBatch(vertx, config.batch(), config.generation(), Clock.systemUTC());
      System.out.printf(Locale.ROOT, "motiv8 batch benchmark: %d users due, engine %s, generation.maxConcurrency %d,"
              + " %d CPU(s), Java %s, load average %.2f%n", users, config.generation().engine(),
          config.generation().maxConcurrency(), Runtime.getRuntime().availableProcessors(),
          System.getProperty("java.version"), loadAverage());

      // Warm-up: two whole days, so that the JIT's own CPU time does not land on the first row.
      await(batch.run(FIRST_DAY.minusDays(2), BatchOptions.all(widest)));
      await(batch.run(FIRST_DAY.minusDays(1), BatchOptions.all(1)));
      System.out.println();
      System.out.println("concurrency  users  wall s  users/min  images/min  CPU s/image  load avg");
      for (int i = 0; i < concurrencies.length; i++) {
        long cpuBefore = processCpuNanos();
        BatchSummary summary = await(batch.run(FIRST_DAY.plusDays(i), BatchOptions.all(concurrencies[i])));
        long cpu = processCpuNanos() - cpuBefore;
        if (!summary.ok() || summary.generated() != users) {
          System.out.println("  run not clean: " + summary);
        }
        System.out.printf(Locale.ROOT, "%11d  %5d  %6.1f  %9.1f  %10.1f  %11.3f  %8.2f%n", concurrencies[i],
            summary.processed(), summary.wallMillis() / 1000.0, summary.processed() * 60_000.0 / summary.wallMillis(),
            summary.imagesPerMinute(), cpu / 1e9 / Math.max(1, summary.generated()), loadAverage());
      }
    } finally {
      await(vertx.close());
      deleteTree(dir);
    }
  }

  private static AppConfig config(Path dir, int generationConcurrency) {
    Map<String, String> env = Map.of(
        "HTTP_PORT", "0",
        "HTTP_HOST", "127.0.0.1",
        "SQLITE_PATH", dir.resolve("motiv8.db").toString(),
        "DATA_DIR", dir.resolve("data").toString(),
        "TEMP_DIR", dir.resolve("tmp").toString(),
        "OUTBOX_DIR", dir.resolve("outbox").toString(),
        "MODELS_DIR", Path.of(System.getProperty("models.dir", "models")).toAbsolutePath().toString(),
        "BATCH_ENABLED", "false");
    return new ConfigLoader(dir.resolve("no-conf"), dir.resolve("no.env"), env)
        .load(null, Map.of("generation.maxConcurrency", Integer.toString(generationConcurrency)));
  }

  /** {@code count} users who work out every day, sharing the astronaut selfie. */
  private static void populate(Application app, int count) throws Exception {
    UserStore store = UserStore.createProxy(app.vertx());
    JsonObject everyDay = new JsonObject();
    User.DAYS.forEach(day -> everyDay.put(day, true));
    User first = await(store.findOrCreateByEmail("bench-0@motiv8.test"));
    TestSelfies.Selfie selfie = await(TestSelfies.install(app, first.id(), "/photos/astronaut.png"));
    List<Future<User>> all = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      all.add(store.findOrCreateByEmail("bench-" + i + "@motiv8.test")
          .compose(user -> store.updateWorkoutDays(user.id(), everyDay))
          .compose(user -> store.replaceSelfie(user.id(), selfie.filename(), selfie.embeddingFilename(), null)));
    }
    await(Future.all(all));
  }

  private static long processCpuNanos() {
    return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean()).getProcessCpuTime();
  }

  private static double loadAverage() {
    return ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
  }

  private static <T> T await(Future<T> future) throws Exception {
    return future.toCompletionStage().toCompletableFuture().get();
  }

  private static void deleteTree(Path dir) throws Exception {
    try (Stream<Path> paths = Files.walk(dir)) {
      for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(path);
      }
    }
  }
}
