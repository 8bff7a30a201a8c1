package ai.motiv8.batch;

import ai.motiv8.config.AppConfig.BatchConfig;
import ai.motiv8.faces.FaceService;
import ai.motiv8.faces.SelfieFaces;
import ai.motiv8.generation.GenerationRequest;
import ai.motiv8.generation.GenerationResult;
import ai.motiv8.generation.GenerationService;
import ai.motiv8.mail.MailResult;
import ai.motiv8.mail.MailService;
import ai.motiv8.mail.MotivationMail;
import ai.motiv8.storage.ImageVariant;
import ai.motiv8.storage.StorageKeys;
import ai.motiv8.storage.StorageService;
import ai.motiv8.users.User;
import ai.motiv8.users.UserStore;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.serviceproxy.ServiceException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static ai.motiv8.batch.BatchFailures.busy;
import static ai.motiv8.batch.BatchFailures.describe;
import static ai.motiv8.batch.BatchFailures.optedOut;
import static ai.motiv8.batch.BatchFailures.outcomeUnknown;
import static ai.motiv8.batch.BatchFailures.userGone;

/**
 * The per-user state machine of the daily image, for one run (one claim token): one user and one
 * local day at a time, whoever decided that they are due (the operator's {@link DailyBatch} for a
 * date, or the scheduler's tick, {@link ScheduledSends}, for each user's own local date).
 *
 * <p>Claim the {@link DailyDelivery} row ({@link DeliveryStore#claim}); unless it is already held,
 * done or out of attempts, find the face first if the selfie has no embedding yet (rows of the
 * original, {@link SelfieFaces}), generate over the bus ({@link GenerationService}), record it
 * ({@link DeliveryStore#markGenerated}, which also writes the {@code generated_images} row), then
 * mail it. A row that already has an image resumes at the mail step. Someone unsubscribed is
 * neither claimed nor mailed. With {@code resend} (the operator's {@code --resend}), a day already
 * mailed is reopened as this run's claim and mailed again.
 *
 * <p>Mail is sent at most once per user and day. The row goes to {@link DailyDelivery#MAILING}
 * before the mail is handed over and to {@link DailyDelivery#MAILED} after; a failure that
 * certainly sent nothing (refused request, SMTP gave up, no mail service) makes it
 * {@link DailyDelivery#FAILED} and retriable, but when the outcome is unknown (the mail service did
 * not answer in time, or the process died in between) the row stays in {@code mailing} and is never
 * retried: a lost mail is preferred to a second one.
 *
 * <p>Each job carries the user's mode and gender and the run's token as its run id. Lease times use
 * {@code clock}.
 */
final class UserDelivery {

  private static final Logger LOG = LoggerFactory.getLogger(UserDelivery.class);

  /** Tries of a job that the generation worker refused as busy (or that no worker took). */
  static final int BUSY_RETRIES = 6;
  static final long BUSY_BACKOFF_MS = 500;
  static final int CLAIM_RETRIES = 3;
  static final long CLAIM_RETRY_MS = 1_000;

  private final Vertx vertx;
  private final BatchConfig config;
  private final Clock clock;
  private final DeliveryStore deliveries;
  private final GenerationService generation;
  private final MailService mail;
  private final StorageService storage;
  private final SelfieFaces selfieFaces;
  private final String token;
  private final boolean resend;
  private final long leaseMillis;
  /** The identity score of every image this run generated and recorded (where the engine checked it). */
  private final List<Double> identityScores = new ArrayList<>();
  private int processed;
  private int generated;
  private int faceFailures;

  UserDelivery(Vertx vertx, BatchConfig config, Clock clock, GenerationService generation, String token,
               boolean resend) {
    this.vertx = vertx;
    this.config = config;
    this.clock = clock;
    this.deliveries = DeliveryStore.createProxy(vertx);
    this.generation = generation;
    this.mail = MailService.createProxy(vertx);
    this.storage = StorageService.createProxy(vertx);
    this.selfieFaces = new SelfieFaces(UserStore.createProxy(vertx), FaceService.createProxy(vertx), storage);
    this.token = token;
    this.resend = resend;
    this.leaseMillis = TimeUnit.SECONDS.toMillis(config.leaseSeconds());
  }

  /** Users this run claimed and worked on. */
  int processed() {
    return processed;
  }

  /** Images this run generated and recorded. */
  int generated() {
    return generated;
  }

  /** Users whose selfie's face could not be found (they have to upload another one). */
  int faceFailures() {
    return faceFailures;
  }

  BatchSummary.IdentityScores identityScores() {
    return BatchSummary.IdentityScores.of(identityScores);
  }

  /** Delivers {@code user}'s image of their local {@code date}; never fails (a failure is an outcome, logged). */
  Future<DeliveryOutcome> deliver(User user, LocalDate date) {
    if (user.emailOptOut()) {
      return Future.succeededFuture(DeliveryOutcome.OPTED_OUT);
    }
    return new Attempt(date).deliver(user).recover(error -> {
      LOG.warn("Batch {}: user {} failed: {}", date, user.id(), describe(error), error);
      return Future.succeededFuture(DeliveryOutcome.FAILED);
    });
  }

  /** The person's mode (stored, else the original's default), which with the day's theme makes their image and mail. */
  static String modeOf(User user) {
    return user.mode().wireName();
  }

  /** One user's day. */
  private final class Attempt {

    private final LocalDate date;
    private final String day;

    Attempt(LocalDate date) {
      this.date = date;
      this.day = date.toString();
    }

    private Future<DeliveryOutcome> deliver(User user) {
      return reopenForResend(user).compose(v -> claim(user, 0)).compose(row -> {
        if (row.heldBy(token)) {
          processed++;
          return row.imageKey() != null ? resumeMail(user, row) : generateAndMail(user, row.attempts());
        }
        return Future.succeededFuture(notOurs(user, row));
      }, error -> {
        if (userGone(error)) {
          LOG.info("Batch {}: user {} was deleted meanwhile", day, user.id());
          return Future.succeededFuture(DeliveryOutcome.GONE);
        }
        if (optedOut(error)) {
          LOG.info("Batch {}: user {} unsubscribed meanwhile", day, user.id());
          return Future.succeededFuture(DeliveryOutcome.OPTED_OUT);
        }
        LOG.warn("Batch {}: user {} could not be claimed: {}", day, user.id(), describe(error));
        return Future.succeededFuture(DeliveryOutcome.FAILED);
      });
    }

    /** With {@code resend}, a day already mailed starts again as this run's claim; else nothing. */
    private Future<Void> reopenForResend(User user) {
      if (!resend) {
        return Future.succeededFuture();
      }
      long now = clock.millis();
      return deliveries.reopenMailed(user.id(), day, token, now, now + leaseMillis).map(reopened -> {
        if (reopened) {
          LOG.info("Batch {}: user {} was already mailed that day: resending (--resend)", day, user.id());
        }
        return null;
      });
    }

    /** A claim that the database could not answer (e.g. SQLite's write lock busy) is tried again. */
    private Future<DailyDelivery> claim(User user, int retry) {
      long now = clock.millis();
      return deliveries.claim(user.id(), day, token, now, now + leaseMillis, config.maxAttempts()).recover(error -> {
        if (retry >= CLAIM_RETRIES || userGone(error) || optedOut(error)) {
          return Future.failedFuture(error);
        }
        LOG.debug("Batch {}: claim of user {} failed ({}), trying again", day, user.id(), error.getMessage());
        return pause(CLAIM_RETRY_MS).compose(v -> claim(user, retry + 1));
      });
    }

    /** The row another run holds, finished, or gave up. */
    private DeliveryOutcome notOurs(User user, DailyDelivery row) {
      long now = clock.millis();
      if (row.isMailed()) {
        return DeliveryOutcome.ALREADY_DONE;
      }
      if (DailyDelivery.MAILING.equals(row.state()) && row.leaseExpired(now)) {
        LOG.warn("Batch {}: user {} was being mailed by a run that stopped; the mail may have left, so it is not sent"
            + " again ({})", day, user.id(), row.lastError() != null ? row.lastError() : "no outcome recorded");
        return DeliveryOutcome.FAILED;
      }
      boolean givenUp = DailyDelivery.FAILED.equals(row.state()) || row.leaseExpired(now);
      if (givenUp && row.attempts() >= config.maxAttempts()) {
        LOG.warn("Batch {}: user {} is out of attempts ({}): {}", day, user.id(), row.attempts(), row.lastError());
        return DeliveryOutcome.FAILED;
      }
      return DeliveryOutcome.HELD;
    }

    private Future<DeliveryOutcome> resumeMail(User user, DailyDelivery row) {
      LOG.info("Batch {}: user {} already has {} (attempt {}): resuming at the mail step", day, user.id(),
          row.imageKey(), row.attempts());
      return mailTo(user, row.imageKey(), row.attempts());
    }

    /** Finds the face first when the selfie has no embedding (or gender) yet: rows of the original. */
    private Future<DeliveryOutcome> generateAndMail(User user, int attempts) {
      return selfieFaces.ensureFace(user).compose(
          ready -> generateAndMailReady(ready, attempts),
          error -> fail(user, "face", faceFailure(error), attempts));
    }

    private String faceFailure(Throwable error) {
      faceFailures++;
      if (error instanceof ServiceException service && service.failureCode() == FaceService.NO_FACE) {
        return "the selfie shows no face; the user has to upload another one";
      }
      return "finding the face in the selfie failed: " + describe(error);
    }

    private Future<DeliveryOutcome> generateAndMailReady(User user, int attempts) {
      GenerationRequest request = GenerationRequest.of(user.id(), StorageKeys.upload(user.selfieFilename()),
          StorageKeys.embedding(user.selfieEmbeddingFilename()), date,
          GenerationRequest.BATCH).setEmbeddingModel(user.embeddingModel())
          .setUserMode(modeOf(user)).setGender(user.gender()).setRunId(token);
      return generate(request, 0).compose(
          result -> record(user, result, attempts),
          error -> fail(user, "generation", describe(error), attempts));
    }

    private Future<DeliveryOutcome> record(User user, GenerationResult result, int attempts) {
      long now = clock.millis();
      return deliveries.markGenerated(user.id(), day, token, result.key(), user.mode().wireName(),
          result.identitySimilarity(), now, now + leaseMillis).compose(recorded -> {
        if (!recorded) {
          LOG.warn("Batch {}: user {} was taken over by another run while generating; dropping {}", day, user.id(),
              result.key());
          return ImageVariant.deleteAll(result.key(), storage::delete).otherwiseEmpty().map(DeliveryOutcome.HELD);
        }
        generated++;
        if (result.identitySimilarity() != null) {
          identityScores.add(result.identitySimilarity());
        }
        return mailTo(user, result.key(), attempts);
      }, error -> ImageVariant.deleteAll(result.key(), storage::delete).otherwiseEmpty()
          .compose(v -> userGone(error) ? Future.succeededFuture(DeliveryOutcome.GONE)
              : fail(user, "recording " + result.key(), describe(error), attempts)));
    }

    private Future<DeliveryOutcome> mailTo(User user, String imageKey, int attempts) {
      long now = clock.millis();
      return deliveries.beginMail(user.id(), day, token, now, now + leaseMillis).compose(mine -> {
        if (!mine) {
          return Future.succeededFuture(DeliveryOutcome.HELD);
        }
        MotivationMail message = new MotivationMail(user.email(), day, imageKey, user.id(), modeOf(user));
        return mail.sendMotivation(message).transform(sent -> {
          if (sent.succeeded() && handedOver(sent.result())) {
            return deliveries.markMailed(user.id(), day, token, clock.millis()).map(marked -> {
              if (!marked) {
                LOG.error("Batch {}: user {} was mailed but the record did not change", day, user.id());
              }
              return DeliveryOutcome.MAILED;
            }).recover(error -> {
              LOG.error("Batch {}: user {} was mailed but it could not be recorded ({}); it will not be mailed again",
                  day, user.id(), error.getMessage());
              return Future.succeededFuture(DeliveryOutcome.FAILED);
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

    private Future<DeliveryOutcome> mailUnknown(User user, String why) {
      LOG.warn("Batch {}: the mail to user {} may or may not have left ({}); it will not be sent again", day,
          user.id(), why);
      return deliveries.markMailUnknown(user.id(), day, token, "mail outcome unknown: " + why, clock.millis())
          .otherwise(false)
          .map(DeliveryOutcome.FAILED);
    }

    /**
     * Logs the failure with the user id and marks the row failed: a later run retries it while
     * {@code attempts} (this claim's count) is below {@code batch.maxAttempts}.
     */
    private Future<DeliveryOutcome> fail(User user, String step, String why, int attempts) {
      boolean again = attempts < config.maxAttempts();
      LOG.warn("Batch {}: user {} failed at {} (attempt {} of {}{}): {}", day, user.id(), step, attempts,
          config.maxAttempts(), again ? ", a later run retries" : "", why);
      return deliveries.markFailed(user.id(), day, token, step + ": " + why, clock.millis())
          .otherwise(false)
          .map(again ? DeliveryOutcome.RETRIABLE : DeliveryOutcome.FAILED);
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
  }
}
