package ai.motiv8.mail;

import ai.motiv8.config.AppConfig;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.ext.mail.LoginOption;
import io.vertx.ext.mail.MailClient;
import io.vertx.ext.mail.MailConfig;
import io.vertx.ext.mail.MailMessage;
import io.vertx.ext.mail.SMTPException;
import io.vertx.ext.mail.StartTLSOptions;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.concurrent.TimeUnit;

/**
 * Sends over SMTP with vertx-mail-client: STARTTLS required when configured (as the original
 * service did on port 587), login when a user is set. Transient failures (connection problems,
 * 4xx replies) are retried with {@link Backoff} on Vert.x timers; permanent ones (5xx) are not.
 */
final class SmtpTransport implements MailTransport {

  private static final Logger LOG = LoggerFactory.getLogger(SmtpTransport.class);
  private static final int CONNECT_TIMEOUT_MS = 10_000;
  private static final int IDLE_TIMEOUT_S = 60;
  private static final long MAX_BACKOFF_MS = 60_000;
  private static final int SMTPS_PORT = 465;

  private final Vertx vertx;
  private final MailClient client;
  private final Backoff backoff;
  private final String target;

  SmtpTransport(Vertx vertx, AppConfig.MailConfig config) {
    this.vertx = vertx;
    this.client = MailClient.create(vertx, clientConfig(config));
    this.backoff = new Backoff(config.maxAttempts(), config.retryBackoffMs(),
        Math.max(config.retryBackoffMs(), MAX_BACKOFF_MS));
    this.target = config.smtpHost() + ":" + config.smtpPort();
  }

  static MailConfig clientConfig(AppConfig.MailConfig config) {
    // Port 465 speaks TLS from the first byte (SMTPS); everywhere else STARTTLS upgrades a plain connection.
    boolean implicitTls = config.smtpPort() == SMTPS_PORT;
    MailConfig options = new MailConfig()
        .setHostname(config.smtpHost())
        .setPort(config.smtpPort())
        .setSsl(implicitTls)
        .setStarttls(config.startTls() && !implicitTls ? StartTLSOptions.REQUIRED : StartTLSOptions.DISABLED)
        .setConnectTimeout(CONNECT_TIMEOUT_MS)
        .setIdleTimeout(IDLE_TIMEOUT_S)
        .setIdleTimeoutUnit(TimeUnit.SECONDS);
    if (config.smtpUser() != null) {
      options.setLogin(LoginOption.REQUIRED).setUsername(config.smtpUser()).setPassword(config.smtpPassword());
    } else {
      options.setLogin(LoginOption.DISABLED);
    }
    return options;
  }

  /** For the start-up log: {@code TLS}, {@code STARTTLS required} or {@code no STARTTLS}. */
  static String describeSecurity(AppConfig.MailConfig config) {
    if (config.smtpPort() == SMTPS_PORT) {
      return "TLS";
    }
    return config.startTls() ? "STARTTLS required" : "no STARTTLS";
  }

  @Override
  public Future<MailResult> deliver(MailMessage message) {
    Promise<MailResult> result = Promise.promise();
    attempt(message, 1, result);
    return result.future();
  }

  private void attempt(MailMessage message, int attempt, Promise<MailResult> result) {
    client.sendMail(message).onComplete(sent -> {
      if (sent.succeeded()) {
        result.complete(MailResult.delivered(attempt, sent.result().getMessageID()));
        return;
      }
      Throwable error = sent.cause();
      if (!isTransient(error) || !backoff.mayRetryAfter(attempt)) {
        result.complete(MailResult.notDelivered(attempt, describe(error)));
        return;
      }
      long delay = backoff.delayAfter(attempt);
      LOG.warn("SMTP attempt {} of {} to {} failed ({}), retrying in {} ms", attempt, backoff.maxAttempts(), target,
          describe(error), delay);
      vertx.setTimer(delay, timer -> attempt(message, attempt + 1, result));
    });
  }

  /** 4xx replies and everything below SMTP (refused, reset, timed out) may pass on a later try. */
  static boolean isTransient(Throwable error) {
    return !(error instanceof SMTPException smtp) || smtp.isTransient();
  }

  private static String describe(Throwable error) {
    String message = error.getMessage();
    return error.getClass().getSimpleName() + (message == null ? "" : ": " + message);
  }

  @Override
  public String name() {
    return MailResult.SMTP;
  }

  @Override
  public String target() {
    return target;
  }

  @Override
  public Future<Void> close() {
    return client.close();
  }
}
