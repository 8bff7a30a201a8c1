package ai.motiv8.cluster.bench;

import ai.motiv8.cluster.HazelcastSetup;
import ai.motiv8.cluster.WorkerRelayVerticle;
import ai.motiv8.cluster.WorkerRouter;
import ai.motiv8.config.AppConfig.ClusterConfig;
import ai.motiv8.faces.DetectedFace;
import ai.motiv8.faces.FaceAnalysis;
import ai.motiv8.faces.FaceService;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.VerticleBase;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.eventbus.Message;
import io.vertx.core.internal.VertxInternal;
import io.vertx.core.json.JsonObject;
import io.vertx.core.spi.cluster.RegistrationInfo;
import io.vertx.serviceproxy.ServiceBinder;
import io.vertx.spi.cluster.hazelcast.HazelcastClusterManager;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.lang.management.ManagementFactory;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * Measures the request/reply latency of one event-bus hop: to a consumer in the same Vert.x
 * instance (not clustered, as {@code --role all} runs), and to the same consumer on another
 * clustered node in a second JVM (Hazelcast and the event bus on loopback, as {@code --role api}
 * talks to {@code --role worker}). Not a test; run it with {@code scripts/bench-eventbus.sh}.
 *
 * <p>Cases, each warmed up and then measured one request at a time (the next request is sent when
 * the previous reply has arrived, so each sample is one round trip and nothing queues):
 * <ul>
 *   <li>{@code tiny}: the string {@code "ping"}, answered {@code "pong"};</li>
 *   <li>{@code keys}: the JSON the api's {@code FaceService.analyze} proxy sends (image and
 *       embedding storage keys), answered with a {@code FaceAnalysis} as JSON (one face);</li>
 *   <li>{@code FaceService}: {@code analyze(imageKey, embeddingKey)} through the generated service
 *       proxy and a stand-in service that answers at once; remotely both straight to the service
 *       address ({@code direct}) and through {@link WorkerRouter} and the worker node's
 *       {@link WorkerRelayVerticle} ({@code router}): the exact path of {@code POST /api/upload}
 *       minus the face analysis itself;</li>
 *   <li>the router's lookup of the worker nodes alone (the cluster manager's registrations), which
 *       the router does before each call.</li>
 * </ul>
 * The consumer runs in a verticle of its own (another event loop than the caller's, as in the app).
 * Metrics are off in both JVMs. Arguments: {@code [iterations=20000] [warmup=5000]}.
 */
public final class EventBusHopBenchmark {

  private static final String ECHO = "motiv8.bench.echo";
  private static final String READY = "RESPONDER READY";
  private static final String IMAGE_KEY = "uploads/20250113T070000Z-5f0c2a9e4b7d4e21a1c3b2f6d8e9a0b1.jpg";
  private static final String EMBEDDING_KEY = "embeddings/20250113T070000Z-5f0c2a9e4b7d4e21a1c3b2f6d8e9a0b1.npy";

  private EventBusHopBenchmark() {
  }

  public static void main(String[] args) throws Exception {
    if (args.length == 3 && args[0].equals("responder")) {
      responder(args[1], Integer.parseInt(args[2]));
      return;
    }
    int iterations = args.length > 0 ? Integer.parseInt(args[0]) : 20_000;
    int warmup = args.length > 1 ? Integer.parseInt(args[1]) : 5_000;
    JsonObject keys = keysRequest();
    System.out.printf(Locale.ROOT, "motiv8 event-bus hop benchmark: %d round trips per case after %d warm-up,"
            + " %d CPU(s), Java %s, load average %s%n", iterations, warmup, Runtime.getRuntime().availableProcessors(),
        System.getProperty("java.version"), loadAverage());
    System.out.printf(Locale.ROOT, "payloads: tiny 4 bytes each way; keys request %d bytes of JSON, reply %d bytes%n",
        keys.encode().length(), analysis(EMBEDDING_KEY).toJson().encode().length());
    System.out.println();
    System.out.printf(Locale.ROOT, "%-30s %-12s %8s %8s %8s %8s %9s %8s%n", "consumer", "payload", "mean µs",
        "p50 µs", "p90 µs", "p99 µs", "p99.9 µs", "max µs");

    Vertx local = Vertx.vertx();
    try {
      await(local.deployVerticle(new Responders(ECHO, true)));
      FaceService localFaces = WorkerRouter.create(local).proxy(FaceService.class, FaceService.ADDRESS, 60_000);
      run(local, "local", "tiny", iterations, warmup, () -> local.eventBus().request(ECHO, "ping"));
      run(local, "local", "keys", iterations, warmup, () -> local.eventBus().request(ECHO, keys));
      run(local, "local", "FaceService", iterations, warmup,
          () -> localFaces.analyze(IMAGE_KEY, EMBEDDING_KEY));
    } finally {
      await(local.close());
    }

    String clusterName = "motiv8-bench-" + UUID.randomUUID();
    int port = freePort();
    Process responder = startResponder(clusterName, port);
    Vertx clustered = null;
    try {
      clustered = await(clusteredVertx(clusterName, port));
      Vertx node = clustered;
      WorkerRouter router = WorkerRouter.create(node);
      awaitRemote(node, router);
      await(node.deployVerticle(new Responders("motiv8.bench.echo.here", false)));
      FaceService remoteFaces = router.proxy(FaceService.class, FaceService.ADDRESS, 60_000);
      run(node, "clustered, same node", "tiny", iterations, warmup,
          () -> node.eventBus().request("motiv8.bench.echo.here", "ping"));
      run(node, "clustered, other JVM", "tiny", iterations, warmup, () -> node.eventBus().request(ECHO, "ping"));
      run(node, "clustered, other JVM", "keys", iterations, warmup, () -> node.eventBus().request(ECHO, keys));
      FaceService directFaces = FaceService.createProxy(node, 60_000);
      run(node, "clustered, other JVM (direct)", "FaceService", iterations, warmup,
          () -> directFaces.analyze(IMAGE_KEY, EMBEDDING_KEY));
      run(node, "router: worker nodes lookup", "-", iterations, warmup,
          () -> router.workerNodes(FaceService.ADDRESS));
      run(node, "clustered, other JVM (router)", "FaceService", iterations, warmup,
          () -> remoteFaces.analyze(IMAGE_KEY, EMBEDDING_KEY));
      router.close();
    } finally {
      if (clustered != null) {
        await(clustered.close());
      }
      responder.getOutputStream().close();
      if (!responder.waitFor(30, TimeUnit.SECONDS)) {
        responder.destroy();
      }
    }
    System.out.println();
    System.out.println("load average at the end: " + loadAverage());
  }

  /** The body of the api's {@code FaceService.analyze} request, as the generated proxy builds it. */
  private static JsonObject keysRequest() {
    return new JsonObject().put("imageKey", IMAGE_KEY).put("embeddingKey", EMBEDDING_KEY);
  }

  /** A typical answer: one face with its box, score and five keypoints. */
  private static FaceAnalysis analysis(String embeddingKey) {
    DetectedFace face = new DetectedFace(List.of(212.4f, 131.9f, 391.7f, 358.2f), 0.9987f,
        List.of(262.1f, 222.5f, 340.8f, 220.9f, 301.6f, 268.3f, 270.2f, 309.7f, 333.4f, 308.1f));
    return new FaceAnalysis(List.of(face), 0, embeddingKey, "default", List.of(512), "image/jpeg", "jpg", 640, 480);
  }

  /** The consumers a worker node would have: an echo and a stand-in face service that answers at once. */
  private static final class Responders extends VerticleBase {

    private final String echoAddress;
    private final boolean faces;

    /** The echo at {@code echoAddress}, and the stand-in face service when {@code faces}. */
    Responders(String echoAddress, boolean faces) {
      this.echoAddress = echoAddress;
      this.faces = faces;
    }

    @Override
    public Future<?> start() {
      FaceAnalysis answer = analysis(EMBEDDING_KEY);
      JsonObject answerJson = answer.toJson();
      Future<Void> echo = vertx.eventBus().<Object>consumer(echoAddress, (Message<Object> message) ->
          message.reply(message.body() instanceof JsonObject ? answerJson : "pong")).completion();
      if (!faces) {
        return echo;
      }
      Future<Void> service = new ServiceBinder(vertx).setAddress(FaceService.ADDRESS)
          .register(FaceService.class, new StandInFaces(answer)).completion();
      return Future.all(echo, service);
    }
  }

  private record StandInFaces(FaceAnalysis answer) implements FaceService {

    @Override
    public Future<FaceAnalysis> analyze(String imageKey, String embeddingKey) {
      return Future.succeededFuture(answer);
    }

    @Override
    public Future<FaceAnalysis> detect(String imageKey) {
      return Future.succeededFuture(answer);
    }
  }

  private static void run(Vertx vertx, String where, String payload, int iterations, int warmup,
                          Supplier<Future<?>> call) throws Exception {
    await(roundTrips(vertx, warmup, call));
    long[] nanos = await(roundTrips(vertx, iterations, call));
    Arrays.sort(nanos);
    double mean = Arrays.stream(nanos).average().orElse(0);
    System.out.printf(Locale.ROOT, "%-30s %-12s %8.1f %8.1f %8.1f %8.1f %9.1f %8.1f%n", where, payload,
        mean / 1000,
        percentile(nanos, 50), percentile(nanos, 90), percentile(nanos, 99), percentile(nanos, 99.9),
        nanos[nanos.length - 1] / 1000.0);
  }

  /** {@code count} sequential round trips on one event-loop context; their durations in nanoseconds. */
  private static Future<long[]> roundTrips(Vertx vertx, int count, Supplier<Future<?>> call) {
    Promise<long[]> done = Promise.promise();
    long[] nanos = new long[count];
    vertx.getOrCreateContext().runOnContext(v -> next(vertx, 0, nanos, call, done));
    return done.future();
  }

  private static void next(Vertx vertx, int i, long[] nanos, Supplier<Future<?>> call, Promise<long[]> done) {
    if (i == nanos.length) {
      done.complete(nanos);
      return;
    }
    long start = System.nanoTime();
    call.get().onComplete(reply -> {
      long took = System.nanoTime() - start;
      if (reply.failed()) {
        done.fail(reply.cause());
        return;
      }
      nanos[i] = took;
      // The next request from a fresh task: no deep recursion, and not inside the measured time.
      vertx.getOrCreateContext().runOnContext(v -> next(vertx, i + 1, nanos, call, done));
    });
  }

  private static double percentile(long[] sorted, double p) {
    int index = (int) Math.ceil(p / 100 * sorted.length) - 1;
    return sorted[Math.max(0, Math.min(sorted.length - 1, index))] / 1000.0;
  }

  /**
   * The other node: a JVM of its own on this class path with a clustered Vert.x, the consumers of
   * {@link Responders} and the relay of a worker node. It prints {@value #READY} once reachable and
   * leaves the cluster when its standard input closes.
   */
  private static void responder(String clusterName, int port) throws Exception {
    Vertx vertx = await(clusteredVertx(clusterName, port));
    await(vertx.deployVerticle(new Responders(ECHO, true)));
    await(vertx.deployVerticle(new WorkerRelayVerticle(List.of(FaceService.ADDRESS), 60_000, 1_000)));
    System.out.println(READY);
    System.out.flush();
    while (System.in.read() >= 0) {
      // until the benchmark closes our standard input
    }
    await(vertx.close());
    System.exit(0);
  }

  private static Process startResponder(String clusterName, int port) throws IOException, InterruptedException {
    List<String> command = new ArrayList<>(List.of(
        Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-Xmx256m",
        "-Djava.io.tmpdir=" + System.getProperty("java.io.tmpdir"),
        "-Dhazelcast.phone.home.enabled=false"));
    // The same module flags as this JVM (the script passes those of the Docker image to both).
    ManagementFactory.getRuntimeMXBean().getInputArguments().stream()
        .filter(arg -> arg.startsWith("--add-"))
        .forEach(command::add);
    String logback = System.getProperty("logback.configurationFile");
    if (logback != null) {
      command.add("-Dlogback.configurationFile=" + logback);
    }
    command.addAll(List.of("-cp", System.getProperty("java.class.path"), EventBusHopBenchmark.class.getName(),
        "responder", clusterName, String.valueOf(port)));
    Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
    BufferedReader output = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
    String line;
    while ((line = output.readLine()) != null && !line.contains(READY)) {
      System.out.println("  [responder] " + line);
    }
    if (line == null) {
      throw new IllegalStateException("the responder JVM exited before it was ready: " + process.waitFor());
    }
    Thread drain = new Thread(() -> output.lines().forEach(l -> System.out.println("  [responder] " + l)),
        "responder-output");
    drain.setDaemon(true);
    drain.start();
    return process;
  }

  /** A clustered Vert.x as motiv8 builds one on loopback (see {@code conf/cluster-worker.json}), metrics off. */
  private static Future<Vertx> clusteredVertx(String clusterName, int port) {
    ClusterConfig cluster = new ClusterConfig(true, clusterName, "tcp-ip", List.of("127.0.0.1:" + port), "127.0.0.1",
        null, port, 0, 0, 10, null, null);
    HazelcastClusterManager manager = HazelcastSetup.clusterManager(cluster);
    return Vertx.builder()
        .with(new VertxOptions().setEventBusOptions(HazelcastSetup.eventBusOptions(cluster)))
        .withClusterManager(manager)
        .buildClustered();
  }

  /** Waits until this node sees the other node's echo consumer and its face-service relay. */
  private static void awaitRemote(Vertx vertx, WorkerRouter router) throws Exception {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
    while (System.nanoTime() < deadline) {
      Promise<List<RegistrationInfo>> echo = Promise.promise();
      ((VertxInternal) vertx).clusterManager().getRegistrations(ECHO, echo);
      if (!await(echo.future()).isEmpty() && !await(router.workerNodes(FaceService.ADDRESS)).isEmpty()) {
        return;
      }
      Thread.sleep(100);
    }
    throw new IllegalStateException("the responder's consumers did not show up in the cluster");
  }

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }

  private static String loadAverage() {
    return String.format(Locale.ROOT, "%.2f", ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
  }

  private static <T> T await(Future<T> future) throws Exception {
    return future.toCompletionStage().toCompletableFuture().get(120, TimeUnit.SECONDS);
  }
}
