package ai.motiv8.batch;

import ai.motiv8.cluster.WorkerRouter;
import ai.motiv8.config.AppConfig.BatchConfig;
import ai.motiv8.config.AppConfig.GenerationConfig;
import ai.motiv8.generation.GenerationService;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;

/**
 * The daily image's scheduler, deployed on worker nodes with a database pool and mail service of
 * their own (generation jobs go to any worker node through a {@link WorkerRouter}). Once a minute
 * it runs a {@link ScheduledSends#tick}: the users whose own local send time has come, each
 * delivered once for their local date. Every instance ticks; the claims in the database keep each
 * (user, local date) to one run, so instances share the work and take over a dead one's users
 * once their leases expire. A tick still working when the next is due makes that one wait (its
 * users stay due). At start and every {@link #SWEEP_EVERY_TICKS} ticks it {@linkplain
 * ScheduledSends#sweep sweeps} (catch-up, new users, changed defaults, interrupted deletions).
 */
public final class BatchVerticle extends VerticleBase {

  private static final Logger LOG = LoggerFactory.getLogger(BatchVerticle.class);

  static final long FIRST_TICK_MS = 1_000;
  static final long TICK_MS = 60_000;
  static final int SWEEP_EVERY_TICKS = 60;

  private final BatchConfig config;
  private final GenerationConfig generation;
  private final Clock clock;
  private ScheduledSends sends;
  private WorkerRouter workers;
  private long ticks = -1;
  private long count;
  private boolean busy;

  public BatchVerticle(BatchConfig config, GenerationConfig generation, Clock clock) {
    this.config = config;
    this.generation = generation;
    this.clock = clock;
  }

  @Override
  public Future<?> start() {
    workers = WorkerRouter.create(vertx);
    DailyBatch.warnIfLeaseTooShort(config, generation);
    sends = new ScheduledSends(vertx, config, workers.proxy(GenerationService.class, GenerationService.ADDRESS,
        generation.timeoutMs() + GenerationService.PROXY_TIMEOUT_MARGIN_MS), clock);
    ticks = vertx.setPeriodic(FIRST_TICK_MS, TICK_MS, id -> tick());
    LOG.info("Daily image scheduler: each user at their own send time (default {} {}), {} users at once, sends up"
        + " to {} min late", config.time(), config.zone(), config.concurrency(), config.catchUpMinutes());
    return Future.succeededFuture();
  }

  @Override
  public Future<?> stop() {
    vertx.cancelTimer(ticks);
    if (workers != null) {
      workers.close();
    }
    return Future.succeededFuture();
  }

  private void tick() {
    if (busy) {
      return;
    }
    busy = true;
    Future<Integer> swept = count++ % SWEEP_EVERY_TICKS == 0
        ? sends.sweep().otherwise(error -> {
          LOG.warn("Scheduler sweep failed: {}", error.getMessage());
          return 0;
        })
        : Future.succeededFuture(0);
    swept.compose(v -> sends.tick())
        .onFailure(error -> LOG.warn("Scheduler tick failed: {}", error.getMessage()))
        .onComplete(done -> busy = false);
  }
}
