package ai.motiv8.batch;

import ai.motiv8.account.AccountDeletion;
import ai.motiv8.config.AppConfig.BatchConfig;
import ai.motiv8.generation.GenerationService;
import ai.motiv8.users.SendSchedule;
import ai.motiv8.users.User;
import ai.motiv8.users.UserStore;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

/**
 * The scheduler's side of the daily image: each person gets it at their own send time on their own
 * local workout days ({@link SendSchedule}). Every person's next send is stored
 * ({@code users.next_send_at_millis}, indexed, with the local date it is for), so a tick is one
 * range query, {@link UserStore#usersDueBetween} over {@code [now - batch.catchUpMinutes, now]},
 * whatever the number of users and zones. Each due person then goes through {@link UserDelivery}
 * for the stored local date, claimed in {@code daily_deliveries}: one run per (user, local date)
 * across instances and restarts. Afterwards their next send moves to their next workout day
 * ({@link UserStore#advanceSchedule}); a retriable failure is tried again after
 * {@code batch.retryDelaySeconds}; a person held by another instance is left to it (and looked at
 * again on the next tick, so a dead instance's lease expiry hands them over). With
 * {@code batch.emailFilter}, only the filter's users are served; the others' sends move on unmailed.
 *
 * <p>{@link #sweep} (at start and now and then) schedules people that have no next send yet,
 * moves on those that the catch-up window left behind (the service was down), follows a change of
 * the batch's default zone or time, and finishes interrupted account deletions.
 */
public final class ScheduledSends {

  private static final Logger LOG = LoggerFactory.getLogger(ScheduledSends.class);

  /** Users taken on by one tick at most; the rest stay due for the next one. */
  static final int MAX_USERS_PER_TICK = 10_000;

  private final Vertx vertx;
  private final BatchConfig config;
  private final GenerationService generation;
  private final Clock clock;
  private final UserStore users;
  private final SendSchedule schedule;

  public ScheduledSends(Vertx vertx, BatchConfig config, GenerationService generation, Clock clock) {
    this.vertx = vertx;
    this.config = config;
    this.generation = generation;
    this.clock = clock;
    this.users = UserStore.createProxy(vertx);
    this.schedule = SendSchedule.of(config);
  }

  /** How late a send may still go out. */
  long catchUpMillis() {
    return TimeUnit.MINUTES.toMillis(config.catchUpMinutes());
  }

  /** Interrupted deletions finished, then next sends (re)computed; completes with how many changed. */
  public Future<Integer> sweep() {
    long now = clock.millis();
    return AccountDeletion.resumePending(vertx)
        .compose(deleted -> users.reschedule(now, now - catchUpMillis()))
        .onSuccess(changed -> {
          if (changed > 0) {
            LOG.info("Scheduler: next sends of {} users (re)computed", changed);
          }
        });
  }

  /** One tick: the users due now, each delivered once; completes with the tick's summary. */
  public Future<BatchSummary> tick() {
    long now = clock.millis();
    Promise<BatchSummary> done = Promise.promise();
    vertx.getOrCreateContext().runOnContext(v -> users.usersDueBetween(now - catchUpMillis(), now,
            MAX_USERS_PER_TICK)
        .compose(due -> new Tick(now, due).run())
        .onComplete(done));
    return done.future();
  }

  /** One tick's users, confined to the context it started on. */
  private final class Tick {

    private final long now;
    private final List<User> due;
    private final String token = UUID.randomUUID().toString();
    private final long started = System.nanoTime();
    private final UserDelivery delivery;
    private final DeliveryTally tally = new DeliveryTally();

    Tick(long now, List<User> due) {
      this.now = now;
      this.due = due;
      this.delivery = new UserDelivery(vertx, config, clock, generation, token, false);
    }

    Future<BatchSummary> run() {
      if (due.isEmpty()) {
        return Future.succeededFuture(summary());
      }
      LOG.info("Scheduler {}: {} users due (run {})", Instant.ofEpochMilli(now), due.size(), token);
      Deque<User> queue = new ArrayDeque<>(due);
      Promise<Void> finished = Promise.promise();
      Lanes.run(queue, config.concurrency(), this::serve, finished::complete);
      return finished.future().map(v -> summary()).onSuccess(summary -> LOG.info("Scheduler {}", summary));
    }

    private Future<Void> serve(User user) {
      LocalDate date = dateOf(user);
      Future<DeliveryOutcome> delivered = config.filtered() && !DueUsers.isInFilter(user, config.emailFilter())
          ? Future.succeededFuture(DeliveryOutcome.FILTERED_OUT)
          : delivery.deliver(user, date);
      return delivered
          .compose(outcome -> {
            tally.count(outcome);
            if (outcome.settled()) {
              return users.advanceSchedule(user.id(), date.toString(), clock.millis()).mapEmpty();
            }
            if (outcome == DeliveryOutcome.RETRIABLE) {
              return users.postponeSend(user.id(), date.toString(),
                  clock.millis() + TimeUnit.SECONDS.toMillis(config.retryDelaySeconds())).mapEmpty();
            }
            return Future.<Void>succeededFuture();
          })
          .recover(error -> {
            LOG.warn("Scheduler: next send of user {} not updated: {}", user.id(), error.getMessage());
            return Future.succeededFuture();
          });
    }

    /** The local date the stored next send is for. */
    private LocalDate dateOf(User user) {
      try {
        return LocalDate.parse(user.nextSendDate());
      } catch (DateTimeParseException | NullPointerException unreadable) {
        return schedule.localDate(user, Instant.ofEpochMilli(user.nextSendAtMillis()));
      }
    }

    private BatchSummary summary() {
      long wall = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started);
      return new BatchSummary(Instant.ofEpochMilli(now).toString(), false, due.size() - tally.optedOut(),
          delivery.processed(), delivery.generated(), tally.mailed(), tally.skipped() + tally.held(), tally.failed(),
          tally.retriable(), 0, tally.optedOut(), wall,
          delivery.identityScores());
    }
  }
}
