package ai.motiv8.metrics;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.config.MeterFilter;
import io.micrometer.core.instrument.distribution.DistributionStatisticConfig;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.vertx.core.Future;
import io.vertx.micrometer.Label;
import io.vertx.micrometer.Match;
import io.vertx.micrometer.MatchType;
import io.vertx.micrometer.MetricsDomain;
import io.vertx.micrometer.MicrometerMetricsOptions;

import java.time.Duration;
import java.util.EnumSet;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * The process's meters, scraped by Prometheus at {@code /metrics}: Vert.x's own (HTTP server per
 * route, event bus per address, pools) and motiv8's, all in one {@link PrometheusMeterRegistry}.
 * Plain Java code (ONNX stages, engines) records through the static helpers here, so that it needs
 * no Vert.x or registry handed in. Timers publish a small fixed set of buckets (5 ms to 60 s) so
 * that Prometheus can compute percentiles across instances.
 */
public final class AppMetrics {

  /** Prometheus name prefix of every motiv8 meter. */
  public static final String PREFIX = "motiv8.";

  private static final Duration[] BUCKETS = {
      Duration.ofMillis(5), Duration.ofMillis(10), Duration.ofMillis(25), Duration.ofMillis(50),
      Duration.ofMillis(100), Duration.ofMillis(250), Duration.ofMillis(500), Duration.ofSeconds(1),
      Duration.ofMillis(2500), Duration.ofSeconds(5), Duration.ofSeconds(10), Duration.ofSeconds(30),
      Duration.ofSeconds(60)};

  private static final PrometheusMeterRegistry REGISTRY = createRegistry();

  /**
   * The latest batch run of this process: users it set out to process, and those finished.
   * Registered at the first run, not here: Vert.x adds its meter filters to the registry after
   * this class loads, and meters must come after filters.
   */
  private static final AtomicInteger BATCH_USERS_TO_PROCESS = new AtomicInteger();
  private static final AtomicInteger BATCH_USERS_FINISHED = new AtomicInteger();

  private static final Map<String, Timer> EVENT_BUS_REQUESTS = new ConcurrentHashMap<>();

  private AppMetrics() {
  }

  public static PrometheusMeterRegistry registry() {
    return REGISTRY;
  }

  /**
   * Vert.x's metrics on {@link #registry()}: HTTP server requests labelled by route (never by raw
   * path: ids in paths would make a series per user), method and status; event-bus messages by
   * address (node-specific worker addresses folded into one); pools by type and name.
   */
  public static MicrometerMetricsOptions vertxOptions() {
    return new MicrometerMetricsOptions()
        .setEnabled(true)
        .setJvmMetricsEnabled(true)
        .setLabels(EnumSet.of(Label.HTTP_ROUTE, Label.HTTP_METHOD, Label.HTTP_CODE, Label.EB_ADDRESS,
            Label.EB_FAILURE, Label.POOL_TYPE, Label.POOL_NAME))
        .addLabelMatch(new Match()
            .setDomain(MetricsDomain.EVENT_BUS)
            .setLabel(Label.EB_ADDRESS.toString())
            .setType(MatchType.REGEX)
            .setValue("motiv8\\.faces@.*")
            .setAlias("motiv8.faces@node"))
        .addLabelMatch(new Match()
            .setDomain(MetricsDomain.EVENT_BUS)
            .setLabel(Label.EB_ADDRESS.toString())
            .setType(MatchType.REGEX)
            .setValue("motiv8\\.generation@.*")
            .setAlias("motiv8.generation@node"));
  }

  /** Time of one ONNX Runtime stage of a model ({@code model} e.g. {@code default/detect}). */
  public static Timer onnxRun(String model) {
    return Timer.builder(PREFIX + "onnx.run")
        .description("ONNX Runtime inference time per model")
        .tag("model", model)
        .register(REGISTRY);
  }

  /** Records {@code nanos} of ONNX Runtime time for {@code model}. */
  public static void recordOnnxRun(String model, long nanos) {
    onnxRun(model).record(nanos, TimeUnit.NANOSECONDS);
  }

  /** Time of one image generation by {@code engine}, by outcome ({@code success} or {@code failure}). */
  public static Timer generation(String engine, String outcome) {
    return Timer.builder(PREFIX + "generation")
        .description("Image generation time per engine")
        .tags("engine", engine, "outcome", outcome)
        .register(REGISTRY);
  }

  /** Records {@code nanos} of rendering by {@code engine} (a successful generation). */
  public static void recordGeneration(String engine, long nanos) {
    generation(engine, "success").record(nanos, TimeUnit.NANOSECONDS);
  }

  /**
   * The identity check's cosine of one generated image ({@code motiv8_identity_score}): how much
   * the face in it is the user's, by engine.
   */
  public static void recordIdentityScore(String engine, double score) {
    DistributionSummary.builder(PREFIX + "identity.score")
        .description("Cosine between the face in a generated image and the user's embedding")
        .tag("engine", engine)
        .publishPercentiles(0.0, 0.5)
        .register(REGISTRY)
        .record(score);
  }

  /**
   * Runs {@code job} and records its time under {@link #generation(String, String)}; for the
   * generation worker: {@code return AppMetrics.timeGeneration(engine.name(), () -> render(...));}.
   */
  public static <T> Future<T> timeGeneration(String engine, Supplier<Future<T>> job) {
    Timer.Sample sample = Timer.start(REGISTRY);
    Future<T> result;
    try {
      result = job.get();
    } catch (RuntimeException e) {
      result = Future.failedFuture(e);
    }
    return result.andThen(done -> sample.stop(generation(engine, done.succeeded() ? "success" : "failure")));
  }

  /**
   * One mail outcome: {@code delivered}, {@code not_delivered}, {@code outbox}, {@code outbox_failed}
   * or {@code rejected}.
   */
  public static void mailOutcome(String transport, String outcome) {
    Counter.builder(PREFIX + "mail")
        .description("Mails by transport and outcome")
        .tags("transport", transport, "outcome", outcome)
        .register(REGISTRY)
        .increment();
  }

  /** Event-bus request-reply time seen by the requester, by service address and outcome. */
  public static Timer eventBusRequest(String address, String outcome) {
    // Kept: every event-bus reply records here, and the registry's own lookup builds and hashes an id each time.
    return EVENT_BUS_REQUESTS.computeIfAbsent(address + '\n' + outcome, key -> Timer.builder(PREFIX + "eventbus.request")
        .description("Event-bus request to reply time, by address")
        .tags("address", address, "outcome", outcome)
        .register(REGISTRY));
  }

  /**
   * A call to a worker service through the cluster router, by address and outcome
   * ({@code success}, {@code failure}, {@code retried}, {@code node_left}, {@code no_worker}).
   */
  public static void workerCall(String address, String outcome) {
    Counter.builder(PREFIX + "worker.calls")
        .description("Calls to worker services by outcome")
        .tags("address", address, "outcome", outcome)
        .register(REGISTRY)
        .increment();
  }

  /** Progress of the batch run under way (or the latest one) in this process. */
  public static void batchProgress(int toProcess, int finished) {
    REGISTRY.gauge(PREFIX + "batch.run.users", Tags.of("state", "to_process"), BATCH_USERS_TO_PROCESS).set(toProcess);
    REGISTRY.gauge(PREFIX + "batch.run.users", Tags.of("state", "finished"), BATCH_USERS_FINISHED).set(finished);
  }

  /** A user the daily batch finished with, by outcome ({@code mailed}, {@code skipped} or {@code failed}). */
  public static void batchUser(String outcome) {
    Counter.builder(PREFIX + "batch.users")
        .description("Users finished by the daily batch, by outcome")
        .tag("outcome", outcome)
        .register(REGISTRY)
        .increment();
  }

  private static PrometheusMeterRegistry createRegistry() {
    PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    registry.config().meterFilter(new MeterFilter() {
      @Override
      public DistributionStatisticConfig configure(Meter.Id id, DistributionStatisticConfig config) {
        boolean timed = id.getType() == Meter.Type.TIMER
            && (id.getName().startsWith(PREFIX) || id.getName().startsWith("vertx.http.server.response.time"));
        return timed ? DistributionStatisticConfig.builder().serviceLevelObjectives(nanos()).build().merge(config)
            : config;
      }
    });
    return registry;
  }

  private static double[] nanos() {
    double[] values = new double[BUCKETS.length];
    for (int i = 0; i < BUCKETS.length; i++) {
      values[i] = BUCKETS[i].toNanos();
    }
    return values;
  }
}
