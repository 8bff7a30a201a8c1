package ai.motiv8.batch;

import ai.motiv8.account.AccountDeletion;
import ai.motiv8.config.AppConfig.BatchConfig;
import ai.motiv8.config.AppConfig.GenerationConfig;
import ai.motiv8.faces.FaceService;
import ai.motiv8.faces.SelfieFaces;
import ai.motiv8.generation.GenerationRequest;
import ai.motiv8.generation.GenerationResult;
import ai.motiv8.generation.GenerationService;
import ai.motiv8.mail.MailResult;
import ai.motiv8.mail.MailService;
import ai.motiv8.mail.MotivationMail;
import ai.motiv8.metrics.AppMetrics;
import ai.motiv8.storage.ImageVariant;
import ai.motiv8.storage.StorageKeys;
import ai.motiv8.storage.StorageService;
import ai.motiv8.users.Mode;
import ai.motiv8.users.User;
import ai.motiv8.users.UserStore;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.serviceproxy.ServiceException;
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

import static ai.motiv8.batch.BatchFailures.busy;
import static ai.motiv8.batch.BatchFailures.describe;
import static ai.motiv8.batch.BatchFailures.outcomeUnknown;
import static ai.motiv8.batch.BatchFailures.userGone;

/**
 * One run of the daily batch for a logical day: every due user ({@link DueUsers}) gets that day's
 * image and one mail, whatever happened in earlier or concurrent runs.
 *
 * <p>Per user: claim the {@link DailyDelivery} row ({@link DeliveryStore#claim}); unless it is
 * already held, done or out of attempts, generate over the bus ({@link GenerationService}, on
 * whichever worker node the router picks), record it ({@link DeliveryStore#markGenerated}, which also
 * writes the {@code generated_images} row), then mail it. A row that already has an image resumes
 * at the mail step. At most {@link BatchOptions#concurrency()} users are in flight; one user's
 * failure is logged with their id and the run goes on. Users held by another live run are polled
 * until that run finishes them or its lease expires (then this run takes them over).
 *
 * <p>Mail is sent at most once per user and day. The row goes to {@link DailyDelivery#MAILING}
 * before the mail is handed over and to {@link DailyDelivery#MAILED} after; a failure that
 * certainly sent nothing (refused request, SMTP gave up, no mail service) makes it
 * {@link DailyDelivery#FAILED} and retriable, but when the outcome is unknown (the mail service did
 * not answer in time, or the process died in between) the row stays in {@code mailing} and is never
 * retried: a lost mail is preferred to a second one. That gap (sent, not recorded) cannot be closed
 * without the SMTP server taking part, and is reported as a failure for an operator to look at.
 *
 * <p>Each job carries the user's mode and gender and the run's token as its run id, so the worker
 * makes the day's content (theme, mode) and renders the day's background once per run and theme.
 *
 * <p>Each run carries its own claim token; leases and attempts come from {@code batch.*}. Lease
 * times use {@code clock} (tests move it forward to expire leases).
 */
public final class DailyBatch {

  private static final Logger LOG = LoggerFactory.getLogger(DailyBatch.class);

  /** Tries of a job that the generation worker refused as busy (or that no worker took). */
  static final int BUSY_RETRIES = 6;
  static final long BUSY_BACKOFF_MS = 500;
  static final int CLAIM_RETRIES = 3;
  static final long CLAIM_RETRY_MS = 1_000;
  /** How often users held by another run are looked at again. */
  static final long HELD_POLL_MS = 1_000;

  private final Vertx vertx;
  private final BatchConfig config;
  private final Clock clock;
  private final UserStore users;
  private final DeliveryStore deliveries;
  private final GenerationService generation;
  private final MailService mail;
  private final StorageService storage;
  private final SelfieFaces selfieFaces;

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
    this.mail = MailService.createProxy(vertx);
    this.storage = StorageService.createProxy(vertx);
    this.selfieFaces = new SelfieFaces(users, FaceService.createProxy(vertx), storage);
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

  /** The person's mode (stored, else the original's default), which with the day's theme makes their image and mail. */
  static Mode modeOf(User user) {
    return user.mode();
  }

  /** {@code male}, {@code female} or null. */
  static String genderOf(User user) {
    return user.gender();
  }

  private enum Outcome { MAILED, ALREADY_DONE, GONE, FAILED, RETRIABLE, HELD }

  /** The state of one run, confined to the context it started on. */
  private final class Run {

    private final LocalDate date;
    private final String day;
    private final BatchOptions options;
    private final String token = UUID.randomUUID().toString();
    private final long started = System.nanoTime();
    private final long leaseMillis = TimeUnit.SECONDS.toMillis(config.leaseSeconds());
    private final Deque<User> queue = new ArrayDeque<>();
    private final List<User> held = new ArrayList<>();
    private BatchProgress progress;
    private int due;
    private int processed;
    private int generated;
    /** The identity score of every image this run generated and recorded (where the engine checked it). */
    private final List<Double> identityScores = new ArrayList<>();
    private int mailed;
    private int skipped;
    private int failed;
    private int retriable;
    private int deferred;
    private int faceFailures;
    private boolean toldWaiting;

    Run(LocalDate date, BatchOptions options) {
      this.date = date;
      this.day = date.toString();
      this.options = options;
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
          .onSuccess(summary -> LOG.info("Batch {}{}", summary, faceFailures > 0
              ? " (" + faceFailures + " failed to find the face in their selfie)" : ""));
    }

    /** The due users not already mailed, within the limit; the rest are counted, and listed in a dry run. */
    private List<User> plan(List<User> all, List<DailyDelivery> rows) {
      Map<String, DailyDelivery> byUser = new HashMap<>();
      rows.forEach(row -> byUser.put(row.userId(), row));
      List<User> dueUsers = all.stream().filter(user -> DueUsers.isSelected(user, date, config.emailFilter()))
          .sorted(Comparator.comparing(User::id)).toList();
      due = dueUsers.size();
      List<User> todo = new ArrayList<>();
      for (User user : dueUsers) {
        DailyDelivery row = byUser.get(user.id());
        if (row != null && row.isMailed() && !options.resend()) {
          skipped++;
        } else if (options.limit() > 0 && todo.size() >= options.limit()) {
          deferred++;
        } else {
          todo.add(user);
          if (options.dryRun()) {
            LOG.info("Batch {}: user {} {}", day, user.id(), plannedStep(row));
          }
        }
      }
      LOG.info("Batch {}: {} users with a selfie, {} due, {} already done, {} to process{}", day, all.size(), due,
          skipped, todo.size(), deferred > 0 ? ", " + deferred + " deferred by the limit" : "");
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

    /**
     * Runs the queue; then, while users are held by other runs, looks at them again after a pause.
     * Callbacks rather than a chain of Futures, so that a long queue builds no long chain.
     */
    private void drain(Promise<Void> finished) {
      lanes(() -> {
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

    /** Up to {@code concurrency} lanes take users off the queue until it is empty; then {@code whenEmpty}. */
    private void lanes(Runnable whenEmpty) {
      int count = Math.min(options.concurrency(), queue.size());
      if (count == 0) {
        whenEmpty.run();
        return;
      }
      int[] running = {count};
      Runnable laneEnded = () -> {
        if (--running[0] == 0) {
          whenEmpty.run();
        }
      };
      for (int i = 0; i < count; i++) {
        next(laneEnded);
      }
    }

    private void next(Runnable laneEnded) {
      User user = queue.poll();
      if (user == null) {
        laneEnded.run();
        return;
      }
      deliver(user).onComplete(outcome -> {
        if (outcome.failed()) {
          LOG.warn("Batch {}: user {} failed: {}", day, user.id(), describe(outcome.cause()), outcome.cause());
        }
        count(user, outcome.succeeded() ? outcome.result() : Outcome.FAILED);
        next(laneEnded);
      });
    }

    private void count(User user, Outcome outcome) {
      switch (outcome) {
        case HELD -> {
          held.add(user);
          return;
        }
        case MAILED -> mailed++;
        case ALREADY_DONE, GONE -> skipped++;
        case RETRIABLE -> {
          failed++;
          retriable++;
        }
        case FAILED -> failed++;
      }
      AppMetrics.batchUser(switch (outcome) {
        case MAILED -> "mailed";
        case ALREADY_DONE, GONE -> "skipped";
        default -> "failed";
      });
      progress.userDone();
    }

    private Future<Outcome> deliver(User user) {
      return reopenForResend(user).compose(v -> claim(user, 0)).compose(row -> {
        if (row.heldBy(token)) {
          processed++;
          return row.imageKey() != null ? resumeMail(user, row) : generateAndMail(user, row.attempts());
        }
        return Future.succeededFuture(notOurs(user, row));
      }, error -> {
        if (userGone(error)) {
          LOG.info("Batch {}: user {} was deleted meanwhile", day, user.id());
          return Future.succeededFuture(Outcome.GONE);
        }
        LOG.warn("Batch {}: user {} could not be claimed: {}", day, user.id(), describe(error));
        return Future.succeededFuture(Outcome.FAILED);
      });
    }

    /** With {@code --resend}, a day already mailed starts again as this run's claim; else nothing. */
    private Future<Void> reopenForResend(User user) {
      if (!options.resend()) {
        return Future.succeededFuture();
      }
      long now = clock.millis();
      return deliveries.reopenMailed(user.id(), day, token, now, now + leaseMillis).map(reopened -> {
        if (reopened) {
          LOG.info("Batch {}: user {} was already mailed today: resending (--resend)", day, user.id());
        }
        return null;
      });
    }

    /** A claim that the database could not answer (e.g. SQLite's write lock busy) is tried again. */
    private Future<DailyDelivery> claim(User user, int retry) {
      long now = clock.millis();
      return deliveries.claim(user.id(), day, token, now, now + leaseMillis, config.maxAttempts()).recover(error -> {
        if (retry >= CLAIM_RETRIES || userGone(error)) {
          return Future.failedFuture(error);
        }
        LOG.debug("Batch {}: claim of user {} failed ({}), trying again", day, user.id(), error.getMessage());
        return pause(CLAIM_RETRY_MS).compose(v -> claim(user, retry + 1));
      });
    }

    /** The row another run holds, finished, or gave up. */
    private Outcome notOurs(User user, DailyDelivery row) {
      long now = clock.millis();
      if (row.isMailed()) {
        return Outcome.ALREADY_DONE;
      }
      if (DailyDelivery.MAILING.equals(row.state()) && row.leaseExpired(now)) {
        LOG.warn("Batch {}: user {} was being mailed by a run that stopped; the mail may have left, so it is not sent"
            + " again ({})", day, user.id(), row.lastError() != null ? row.lastError() : "no outcome recorded");
        return Outcome.FAILED;
      }
      boolean givenUp = DailyDelivery.FAILED.equals(row.state()) || row.leaseExpired(now);
      if (givenUp && row.attempts() >= config.maxAttempts()) {
        LOG.warn("Batch {}: user {} is out of attempts ({}): {}", day, user.id(), row.attempts(), row.lastError());
        return Outcome.FAILED;
      }
      return Outcome.HELD;
    }

    private Future<Outcome> resumeMail(User user, DailyDelivery row) {
      LOG.info("Batch {}: user {} already has {} (attempt {}): resuming at the mail step", day, user.id(),
          row.imageKey(), row.attempts());
      return mailTo(user, row.imageKey(), row.attempts());
    }

    /** Finds the face first when the selfie has no embedding (or gender) yet: rows of the original. */
    private Future<Outcome> generateAndMail(User user, int attempts) {
      return selfieFaces.ensureFace(user).compose(
          ready -> generateAndMailReady(ready, attempts),
          error -> fail(user, "face", faceFailure(error), attempts));
    }

    private Future<Outcome> generateAndMailReady(User user, int attempts) {
      GenerationRequest request = GenerationRequest.of(user.id(), StorageKeys.upload(user.selfieFilename()),
          StorageKeys.embedding(user.selfieEmbeddingFilename()), DueUsers.logicalDay(user, date),
          GenerationRequest.BATCH).setEmbeddingModel(user.embeddingModel())
          .setUserMode(modeOf(user).wireName()).setGender(genderOf(user)).setRunId(token);
      return generate(request, 0).compose(
          result -> record(user, result, attempts),
          error -> fail(user, "generation", describe(error), attempts));
    }

    private String faceFailure(Throwable error) {
      faceFailures++;
      if (error instanceof ServiceException service && service.failureCode() == FaceService.NO_FACE) {
        return "the selfie shows no face; the user has to upload another one";
      }
      return "finding the face in the selfie failed: " + describe(error);
    }

    private Future<Outcome> record(User user, GenerationResult result, int attempts) {
      long now = clock.millis();
      return deliveries.markGenerated(user.id(), day, token, result.key(), user.mode().wireName(),
          result.identitySimilarity(), now, now + leaseMillis).compose(recorded -> {
        if (!recorded) {
          LOG.warn("Batch {}: user {} was taken over by another run while generating; dropping {}", day, user.id(),
              result.key());
          return ImageVariant.deleteAll(result.key(), storage::delete).otherwiseEmpty().map(Outcome.HELD);
        }
        generated++;
        if (result.identitySimilarity() != null) {
          identityScores.add(result.identitySimilarity());
        }
        return mailTo(user, result.key(), attempts);
      }, error -> ImageVariant.deleteAll(result.key(), storage::delete).otherwiseEmpty()
          .compose(v -> userGone(error) ? Future.succeededFuture(Outcome.GONE)
              : fail(user, "recording " + result.key(), describe(error), attempts)));
    }

    private Future<Outcome> mailTo(User user, String imageKey, int attempts) {
      long now = clock.millis();
      return deliveries.beginMail(user.id(), day, token, now, now + leaseMillis).compose(mine -> {
        if (!mine) {
          return Future.succeededFuture(Outcome.HELD);
        }
        MotivationMail message = new MotivationMail(user.email(), day, imageKey, user.id(), modeOf(user).wireName());
        return mail.sendMotivation(message).transform(sent -> {
          if (sent.succeeded() && handedOver(sent.result())) {
            return deliveries.markMailed(user.id(), day, token, clock.millis()).map(marked -> {
              if (!marked) {
                LOG.error("Batch {}: user {} was mailed but the record did not change", day, user.id());
              }
              return Outcome.MAILED;
            }).recover(error -> {
              LOG.error("Batch {}: user {} was mailed but it could not be recorded ({}); it will not be mailed again",
                  day, user.id(), error.getMessage());
              return Future.succeededFuture(Outcome.FAILED);
            });
          }
          if (sent.failed() && outcomeUnknown(sent.cause())) {
            return mailUnknown(user, describe(sent.cause()));
          }
          String why = sent.succeeded() ? sent.result().error() : describe(sent.cause());
          return fail(user, "mail", why, attempts);
        });
      }, error -> fail(user, "mail", describe(error), attempts));
    }

    /** SMTP accepted it, or (no SMTP configured) it was written to the outbox. */
    private boolean handedOver(MailResult result) {
      return result.delivered() || MailResult.OUTBOX.equals(result.transport()) && result.error() == null;
    }

    private Future<Outcome> mailUnknown(User user, String why) {
      LOG.warn("Batch {}: the mail to user {} may or may not have left ({}); it will not be sent again", day,
          user.id(), why);
      return deliveries.markMailUnknown(user.id(), day, token, "mail outcome unknown: " + why, clock.millis())
          .otherwise(false)
          .map(Outcome.FAILED);
    }

    /**
     * Logs the failure with the user id and marks the row failed: a later run retries it while
     * {@code attempts} (this claim's count) is below {@code batch.maxAttempts}.
     */
    private Future<Outcome> fail(User user, String step, String why, int attempts) {
      boolean again = attempts < config.maxAttempts();
      LOG.warn("Batch {}: user {} failed at {} (attempt {} of {}{}): {}", day, user.id(), step, attempts,
          config.maxAttempts(), again ? ", a later run retries" : "", why);
      return deliveries.markFailed(user.id(), day, token, step + ": " + why, clock.millis())
          .otherwise(false)
          .map(again ? Outcome.RETRIABLE : Outcome.FAILED);
    }

    /** Retries jobs that the worker refused as busy, or that found no worker, with a growing pause. */
    private Future<GenerationResult> generate(GenerationRequest request, int retry) {
      return generation.generate(request).recover(error -> {
        if (!busy(error) || retry >= BUSY_RETRIES) {
          return Future.failedFuture(error);
        }
        long delay = BUSY_BACKOFF_MS << Math.min(retry, 5);
        LOG.debug("Batch {}: generation busy for user {}, retrying in {} ms", day, request.userId(), delay);
        return pause(delay).compose(v -> generate(request, retry + 1));
      });
    }

    private Future<Void> pause(long millis) {
      Promise<Void> promise = Promise.promise();
      vertx.setTimer(millis, id -> promise.complete());
      return promise.future();
    }

    private BatchSummary summary() {
      long wall = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started);
      return new BatchSummary(day, options.dryRun(), due, processed, generated, mailed, skipped, failed, retriable,
          deferred, wall, BatchSummary.IdentityScores.of(identityScores));
    }
  }
}
