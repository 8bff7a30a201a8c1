package ai.motiv8.mail;

import ai.motiv8.config.AppConfig;
import ai.motiv8.metrics.AppMetrics;
import ai.motiv8.storage.BlobStore;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.AsyncResult;
import io.vertx.core.eventbus.MessageConsumer;
import io.vertx.core.json.JsonObject;
import io.vertx.serviceproxy.ServiceBinder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;

/**
 * Serves {@link MailService} at {@link MailService#ADDRESS}: SMTP when {@code SMTP_HOST} is set,
 * otherwise {@code .eml} files in the outbox folder. Runs on an event loop; nothing in it blocks.
 */
public final class MailVerticle extends VerticleBase {

  private static final Logger LOG = LoggerFactory.getLogger(MailVerticle.class);

  private final AppConfig.MailConfig config;
  private final BlobStore blobs;
  private final UnsubscribeTokens unsubscribe;
  private MailTransport transport;
  private MessageConsumer<JsonObject> consumer;

  /** @param unsubscribe signs the one-click unsubscribe links ({@link UnsubscribeTokens#of}) */
  public MailVerticle(AppConfig.MailConfig config, BlobStore blobs, UnsubscribeTokens unsubscribe) {
    this.config = config;
    this.blobs = blobs;
    this.unsubscribe = unsubscribe;
  }

  @Override
  public Future<?> start() {
    transport = createTransport();
    MotivationMailer mailer = new MotivationMailer(blobs, transport, config.fromEmail(), unsubscribe,
        Clock.systemUTC());
    consumer = new ServiceBinder(vertx).setAddress(MailService.ADDRESS).register(MailService.class, counted(mailer));
    return consumer.completion();
  }

  private MailTransport createTransport() {
    if (config.smtpConfigured()) {
      LOG.info("Mail: SMTP {}:{} ({}, {}), from {}", config.smtpHost(), config.smtpPort(),
          SmtpTransport.describeSecurity(config), describeLogin(), config.fromEmail());
      return new SmtpTransport(vertx, config);
    }
    OutboxTransport outbox = new OutboxTransport(vertx, config.outboxDir(), domainOf(config.fromEmail()),
        Clock.systemUTC());
    LOG.info("Mail: writing .eml files to {}", outbox.target());
    return outbox;
  }

  private String describeLogin() {
    if (config.smtpUser() == null) {
      return "no login";
    }
    return "user " + config.smtpUser() + ", password " + (config.smtpPassword() == null ? "not set" : "masked");
  }

  /** The domain of the sender address, for Message-IDs; {@code motiv8.local} when there is none. */
  static String domainOf(String address) {
    int at = address == null ? -1 : address.lastIndexOf('@');
    String domain = at < 0 ? "" : address.substring(at + 1).trim();
    return domain.matches("[A-Za-z0-9.-]+") ? domain : "motiv8.local";
  }

  /** The mailer, counting each outcome in {@code motiv8_mail_total{transport,outcome}}. */
  private MailService counted(MailService mailer) {
    String transportName = config.smtpConfigured() ? MailResult.SMTP : MailResult.OUTBOX;
    return new MailService() {
      @Override
      public Future<MailResult> sendMotivation(MotivationMail mail) {
        return mailer.sendMotivation(mail).andThen(done -> AppMetrics.mailOutcome(transportName, outcome(done)));
      }

      @Override
      public Future<JsonObject> status() {
        return mailer.status();
      }
    };
  }

  private static String outcome(AsyncResult<MailResult> done) {
    if (done.failed()) {
      return "rejected";
    }
    MailResult result = done.result();
    if (MailResult.OUTBOX.equals(result.transport())) {
      return result.error() == null ? "outbox" : "outbox_failed";
    }
    return result.delivered() ? "delivered" : "not_delivered";
  }

  @Override
  public Future<?> stop() {
    Future<Void> unregistered = consumer == null ? Future.succeededFuture() : consumer.unregister();
    return unregistered.eventually(() -> transport == null ? Future.succeededFuture() : transport.close());
  }
}
