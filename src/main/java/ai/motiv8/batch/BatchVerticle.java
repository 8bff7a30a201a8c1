package ai.motiv8.batch;

import ai.motiv8.cluster.WorkerRouter;
import ai.motiv8.config.AppConfig.BatchConfig;
import ai.motiv8.config.AppConfig.GenerationConfig;
import ai.motiv8.generation.GenerationService;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.json.JsonObject;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.LocalDate;
import java.time.ZonedDateTime;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

/**
 * The daily batch's scheduler, deployed on worker nodes with a database pool and mail service of
 * their own (generation jobs go to any worker node through a {@link WorkerRouter}). Once a minute it looks at the
 * clock in {@code batch.schedule.zone}; from {@code batch.schedule.time} on, it asks the database
 * for the day ({@link DeliveryStore#claimRun}). Exactly one instance gets it (a row per day; no
 * cluster manager needed), runs {@link DailyBatch} for it while renewing its lease, and records the
 * summary. A day with failures that a retry may fix is released for {@code batch.retryDelaySeconds}
 * and then run again by whichever instance claims it first; a day whose owner died is taken over
 * once its lease expires. An instance that starts late in the day catches up.
 */
public final class BatchVerticle extends VerticleBase {

  private static final Logger LOG = LoggerFactory.getLogger(BatchVerticle.class);

  static final long FIRST_TICK_MS = 1_000;
  static final long TICK_MS = 60_000;

  private final BatchConfig config;
  private final GenerationConfig generation;
  private final Clock clock;
  private final String owner = instanceName();
  private DeliveryStore store;
  private DailyBatch batch;
  private WorkerRouter workers;
  private long ticks = -1;
  private long heartbeat = -1;
  private boolean busy;
  private LocalDate finishedDay;
  private LocalDate heldDay;

  public BatchVerticle(BatchConfig config, GenerationConfig generation, Clock clock) {
    this.config = config;
    this.generation = generation;
    this.clock = clock;
  }

  @Override
  public Future<?> start() {
    store = DeliveryStore.createProxy(vertx);
    workers = WorkerRouter.create(vertx);
    batch = new DailyBatch(vertx, config, generation, workers.proxy(GenerationService.class,
        GenerationService.ADDRESS, generation.timeoutMs() + GenerationService.PROXY_TIMEOUT_MARGIN_MS), clock);
    ticks = vertx.setPeriodic(FIRST_TICK_MS, TICK_MS, id -> tick());
    LOG.info("Daily batch scheduled at {} {} ({} users at once); this instance is {}", config.time(), config.zone(),
        config.concurrency(), owner);
    return Future.succeededFuture();
  }

  @Override
  public Future<?> stop() {
    vertx.cancelTimer(ticks);
    vertx.cancelTimer(heartbeat);
    if (workers != null) {
      workers.close();
    }
    return Future.succeededFuture();
  }

  /** The name this instance claims days under: host and a random part, for the logs and {@code batch_runs.owner}. */
  String owner() {
    return owner;
  }

  private void tick() {
    ZonedDateTime now = clock.instant().atZone(config.zone());
    LocalDate day = now.toLocalDate();
    if (busy || now.toLocalTime().isBefore(config.time()) || day.equals(finishedDay)) {
      return;
    }
    busy = true;
    long millis = clock.millis();
    store.claimRun(day.toString(), owner, millis, millis + leaseMillis())
        .compose(answer -> switch (answer) {
          case DeliveryStore.RUN_CLAIMED -> runDay(day);
          case DeliveryStore.RUN_FINISHED -> {
            finishedDay = day;
            yield Future.<Void>succeededFuture();
          }
          default -> {
            if (!day.equals(heldDay)) {
              heldDay = day;
              LOG.info("Daily batch for {} is run by another instance", day);
            }
            yield Future.<Void>succeededFuture();
          }
        })
        .onFailure(error -> LOG.warn("Daily batch for {}: {}", day, error.getMessage()))
        .onComplete(done -> busy = false);
  }

  private Future<Void> runDay(LocalDate day) {
    LOG.info("Daily batch for {} runs on this instance ({})", day, owner);
    heartbeat = vertx.setPeriodic(leaseMillis() / 3, id -> renew(day));
    return batch.run(day, BatchOptions.all(config.concurrency()))
        .compose(summary -> {
          boolean finished = summary.retriable() == 0;
          long now = clock.millis();
          if (finished) {
            finishedDay = day;
          } else {
            LOG.info("Daily batch for {}: {} users to retry in {} s", day, summary.retriable(),
                config.retryDelaySeconds());
          }
          return store.endRun(day.toString(), owner, finished, now,
              now + TimeUnit.SECONDS.toMillis(config.retryDelaySeconds()), summary.toJson());
        }, error -> {
          long now = clock.millis();
          LOG.warn("Daily batch for {} stopped: {}; retrying in {} s", day, error.getMessage(),
              config.retryDelaySeconds());
          return store.endRun(day.toString(), owner, false, now,
              now + TimeUnit.SECONDS.toMillis(config.retryDelaySeconds()),
              new JsonObject().put("error", String.valueOf(error.getMessage())));
        })
        .eventually(() -> {
          vertx.cancelTimer(heartbeat);
          return Future.succeededFuture();
        });
  }

  private void renew(LocalDate day) {
    long now = clock.millis();
    store.renewRun(day.toString(), owner, now, now + leaseMillis())
        .onSuccess(kept -> {
          if (!kept) {
            // Users stay safe (each is claimed on its own); the other instance finishes the day.
            LOG.warn("Daily batch for {}: another instance took the day over (this one was too slow to renew)", day);
          }
        })
        .onFailure(error -> LOG.warn("Daily batch for {}: lease not renewed: {}", day, error.getMessage()));
  }

  private long leaseMillis() {
    return TimeUnit.SECONDS.toMillis(config.leaseSeconds());
  }

  /** No DNS look-up: this runs on an event loop. */
  private static String instanceName() {
    String host = System.getenv("HOSTNAME");
    return (host == null || host.isBlank() ? "motiv8" : host) + "/" + UUID.randomUUID().toString().substring(0, 8);
  }
}
