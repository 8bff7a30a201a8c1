package ai.motiv8.batch;

import ai.motiv8.account.AccountDeletion;
import ai.motiv8.config.AppConfig.BatchConfig;
import ai.motiv8.config.AppConfig.GenerationConfig;
import ai.motiv8.generation.GenerationService;
import ai.motiv8.mail.MailService;
import ai.motiv8.users.User;
import ai.motiv8.users.UserStore;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

/**
 * The operator's run of the daily batch for one date ({@code batch run --date}): every due user
 * ({@link DueUsers}: selfie, the date's weekday set, subscribed; or, with {@code batch.emailFilter},
 * the users of the filter whatever their days) gets that day's image and one
 * mail, whatever happened in earlier or concurrent runs, the scheduler's included: both key each
 * delivery on (user, local date) in {@code daily_deliveries}, so a user the scheduler already served
 * that date is reported as done. The per-user work is {@link UserDelivery}'s; this class plans,
 * counts and paces: at most {@link BatchOptions#concurrency()} users in flight, users held by
 * another live run polled until that run finishes them or its lease expires (then this run takes
 * them over). Unsubscribed users are skipped and counted. {@code --resend} (only with an e-mail
 * filter) mails the filter's users again even when that date was already mailed.
 *
 * <p>Each run carries its own claim token; leases and attempts come from {@code batch.*}. Lease
 * times use {@code clock} (tests move it forward to expire leases).
 */
public final class DailyBatch {

  private static final Logger LOG = LoggerFactory.getLogger(DailyBatch.class);

  /** How often users held by another run are looked at again. */
  static final long HELD_POLL_MS = 1_000;

  private final Vertx vertx;
  private final BatchConfig config;
  private final Clock clock;
  private final UserStore users;
  private final DeliveryStore deliveries;
  private final GenerationService generation;

  /** A batch whose generation jobs go straight to the local address (a command, a test: no cluster). */
  public DailyBatch(Vertx vertx, BatchConfig config, GenerationConfig generationConfig, Clock clock) {
    this(vertx, config, generationConfig, GenerationService.createProxy(vertx, generationConfig), clock);
  }

  /**
   * @param generation where the jobs go: in a cluster, a {@code WorkerRouter} proxy that spreads
   *     them over the worker nodes
   */
  public DailyBatch(Vertx vertx, BatchConfig config, GenerationConfig generationConfig, GenerationService generation,
                    Clock clock) {
    this.vertx = vertx;
    this.config = config;
    this.clock = clock;
    this.users = UserStore.createProxy(vertx);
    this.deliveries = DeliveryStore.createProxy(vertx);
    this.generation = generation;
    warnIfLeaseTooShort(config, generationConfig);
  }

  static void warnIfLeaseTooShort(BatchConfig config, GenerationConfig generationConfig) {
    long longestUserMillis = generationConfig.timeoutMs() + GenerationService.PROXY_TIMEOUT_MARGIN_MS
        + MailService.PROXY_TIMEOUT_MS;
    if (TimeUnit.SECONDS.toMillis(config.leaseSeconds()) < longestUserMillis) {
      LOG.warn("batch.leaseSeconds ({}) is shorter than one user's worst case ({} s): another run may take over a"
          + " user that is still being worked on", config.leaseSeconds(), longestUserMillis / 1000);
    }
  }

  /** Runs the day; completes with the summary (never fails for one user's sake). */
  public Future<BatchSummary> run(LocalDate date, BatchOptions options) {
    if (options.resend() && !config.filtered()) {
      return Future.failedFuture(new IllegalArgumentException(
          "--resend needs batch.emailFilter (BATCH_EMAIL_FILTER): it would mail every due user again"));
    }
    Context context = vertx.getOrCreateContext();
    Promise<BatchSummary> done = Promise.promise();
    context.runOnContext(v -> new Run(date, options).start().onComplete(done));
    return done.future();
  }

  /** The state of one run, confined to the context it started on. */
  private final class Run {

    private final LocalDate date;
    private final String day;
    private final BatchOptions options;
    private final String token = UUID.randomUUID().toString();
    private final long started = System.nanoTime();
    private final UserDelivery delivery;
    private final Deque<User> queue = new ArrayDeque<>();
    private final List<User> held = new ArrayList<>();
    private BatchProgress progress;
    private int due;
    private final DeliveryTally tally = new DeliveryTally();
    private int deferred;
    private boolean toldWaiting;

    Run(LocalDate date, BatchOptions options) {
      this.date = date;
      this.day = date.toString();
      this.options = options;
      this.delivery = new UserDelivery(vertx, config, clock, generation, token, options.resend());
    }

    Future<BatchSummary> start() {
      LOG.info("Batch {}{}: looking for users due on {} (run {}, {} at once)", day,
          options.dryRun() ? " (dry run)" : "",
          date.getDayOfWeek(), token, options.concurrency());
      if (config.filtered()) {
        LOG.warn("Batch {}: e-mail filter active ({}): only those users, whatever their workout days{}", day,
            String.join(", ", config.emailFilter()), options.resend() ? ", mailed again if already mailed" : "");
      }
      // Deletions that an earlier attempt left half-way are finished first (never fails the run).
      Future<Integer> deletions = options.dryRun() ? Future.succeededFuture(0)
          : AccountDeletion.resumePending(vertx);
      return deletions.compose(finished -> users.usersWithSelfie())
          .compose(all -> deliveries.deliveries(day).map(rows -> plan(all, rows)))
          .compose(todo -> options.dryRun() ? Future.succeededFuture() : work(todo))
          .map(v -> summary())
          .onSuccess(summary -> LOG.info("Batch {}{}", summary, delivery.faceFailures() > 0
              ? " (" + delivery.faceFailures() + " failed to find the face in their selfie)" : ""));
    }

    /** The due users not already mailed, within the limit; the rest are counted, and listed in a dry run. */
    private List<User> plan(List<User> all, List<DailyDelivery> rows) {
      Map<String, DailyDelivery> byUser = new HashMap<>();
      rows.forEach(row -> byUser.put(row.userId(), row));
      List<User> dueUsers = all.stream().filter(user -> DueUsers.isSelected(user, date, config.emailFilter()))
          .sorted(Comparator.comparing(User::id)).toList();
      int optedOut = (int) dueUsers.stream().filter(User::emailOptOut).count();
      tally.optedOut(optedOut);
      dueUsers = dueUsers.stream().filter(user -> !user.emailOptOut()).toList();
      due = dueUsers.size();
      List<User> todo = new ArrayList<>();
      for (User user : dueUsers) {
        DailyDelivery row = byUser.get(user.id());
        if (row != null && row.isMailed() && !options.resend()) {
          tally.alreadyDone();
        } else if (options.limit() > 0 && todo.size() >= options.limit()) {
          deferred++;
        } else {
          todo.add(user);
          if (options.dryRun()) {
            LOG.info("Batch {}: user {} {}", day, user.id(), plannedStep(row));
          }
        }
      }
      LOG.info("Batch {}: {} users with a selfie, {} due, {} unsubscribed, {} already done, {} to process{}", day,
          all.size(), due, optedOut, tally.skipped(), todo.size(),
          deferred > 0 ? ", " + deferred + " deferred by the limit" : "");
      return todo;
    }

    private String plannedStep(DailyDelivery row) {
      if (row == null) {
        return "would generate and mail";
      }
      boolean expired = row.leaseExpired(clock.millis());
      return switch (row.state()) {
        case DailyDelivery.MAILING -> expired
            ? "would not mail again (a run stopped while mailing; the mail may have left)"
            : "would wait for the run that is mailing";
        case DailyDelivery.FAILED -> row.attempts() >= config.maxAttempts()
            ? "would give up (out of attempts; last error: " + row.lastError() + ")"
            : (row.imageKey() != null ? "would retry the mail" : "would retry generating and mailing");
        default -> expired
            ? (row.imageKey() != null ? "would resume at the mail step" : "would resume generating and mailing")
            : "would wait for the run working on it";
      };
    }

    private Future<Void> work(List<User> todo) {
      progress = new BatchProgress(day, todo.size());
      queue.addAll(todo);
      Promise<Void> finished = Promise.promise();
      drain(finished);
      return finished.future();
    }

    /** Runs the queue; then, while users are held by other runs, looks at them again after a pause. */
    private void drain(Promise<Void> finished) {
      Lanes.run(queue, options.concurrency(), user -> delivery.deliver(user, date)
          .onSuccess(outcome -> count(user, outcome)), () -> {
        if (held.isEmpty()) {
          finished.complete();
          return;
        }
        if (!toldWaiting) {
          toldWaiting = true;
          LOG.info("Batch {}: waiting for {} users held by another run (until it finishes them or its lease"
              + " expires)", day, held.size());
        }
        queue.addAll(held);
        held.clear();
        vertx.setTimer(HELD_POLL_MS, id -> drain(finished));
      });
    }

    private void count(User user, DeliveryOutcome outcome) {
      if (outcome == DeliveryOutcome.HELD) {
        held.add(user);
        return;
      }
      tally.count(outcome);
      progress.userDone();
    }

    private BatchSummary summary() {
      long wall = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started);
      return new BatchSummary(day, options.dryRun(), due, delivery.processed(), delivery.generated(), tally.mailed(),
          tally.skipped(), tally.failed(), tally.retriable(), deferred, tally.optedOut(), wall, delivery.identityScores());
    }
  }
}
