package ai.motiv8.mail;

import ai.motiv8.users.Mode;
import ai.motiv8.storage.Blob;
import ai.motiv8.storage.BlobNotFoundException;
import ai.motiv8.storage.BlobStore;
import ai.motiv8.storage.StorageKeys;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.serviceproxy.ServiceException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.regex.Pattern;

/**
 * {@link MailService} implementation: checks the request, reads the image from storage, writes
 * the message and hands it to the transport, then logs what happened.
 */
final class MotivationMailer implements MailService {

  private static final Logger LOG = LoggerFactory.getLogger(MotivationMailer.class);
  /** One address, no display name, nothing that could break a header line. */
  private static final Pattern ADDRESS = Pattern.compile("[^\\s@<>()\\[\\],;:\"\\\\]+@[^\\s@<>()\\[\\],;:\"\\\\]+");
  /** Mail servers commonly refuse messages over 25 MB; base64 adds a third. */
  static final long MAX_IMAGE_BYTES = 15L * 1024 * 1024;

  private final BlobStore blobs;
  private final MailTransport transport;
  private final String from;

  MotivationMailer(BlobStore blobs, MailTransport transport, String from) {
    this.blobs = blobs;
    this.transport = transport;
    this.from = from;
  }

  @Override
  public Future<MailResult> sendMotivation(MotivationMail mail) {
    LocalDate date;
    try {
      date = validate(mail);
    } catch (IllegalArgumentException e) {
      return Future.failedFuture(new ServiceException(BAD_REQUEST, e.getMessage()));
    }
    return readImage(mail.imageKey())
        .compose(png -> transport.deliver(MotivationMessages.build(from, mail.to(), date, mode(mail), png)))
        .onSuccess(result -> logOutcome(mail, result))
        .onFailure(error -> LOG.warn("Mail for {} on {} not sent: {}", who(mail), mail.date(), error.getMessage()));
  }

  @Override
  public Future<JsonObject> status() {
    return Future.succeededFuture(new JsonObject().put("transport", transport.name()).put("target", transport.target()));
  }

  /** The person's mode, or the original's default for someone without one. */
  private static Mode mode(MotivationMail mail) {
    return Mode.lookup(mail.mode()).orElse(Mode.defaultFor(false, null));
  }

  private static LocalDate validate(MotivationMail mail) {
    if (mail == null) {
      throw new IllegalArgumentException("No mail given");
    }
    if (mail.to() == null || !ADDRESS.matcher(mail.to()).matches()) {
      throw new IllegalArgumentException("Invalid recipient address");
    }
    StorageKeys.validate(mail.imageKey());
    if (mail.mode() != null && Mode.lookup(mail.mode()).isEmpty()) {
      throw new IllegalArgumentException("Invalid mode, expected shame, toned, ripped or furry: " + mail.mode());
    }
    try {
      return LocalDate.parse(String.valueOf(mail.date()));
    } catch (DateTimeParseException e) {
      throw new IllegalArgumentException("Invalid date, expected YYYY-MM-DD: " + mail.date());
    }
  }

  /** The whole image in memory: it must go into the message anyway, and it is small. */
  private Future<Buffer> readImage(String key) {
    return blobs.open(key)
        .recover(error -> Future.failedFuture(error instanceof BlobNotFoundException
            ? new ServiceException(IMAGE_NOT_FOUND, "Image not found: " + key)
            : error))
        .compose(blob -> {
          if (blob.info().size() > MAX_IMAGE_BYTES) {
            blob.stream().resume();
            return Future.failedFuture(new ServiceException(BAD_REQUEST, "Image too large to mail: " + key));
          }
          return collect(blob);
        });
  }

  private static Future<Buffer> collect(Blob blob) {
    Promise<Buffer> bytes = Promise.promise();
    Buffer buffer = Buffer.buffer((int) Math.max(0, blob.info().size()));
    blob.stream()
        .exceptionHandler(bytes::tryFail)
        .endHandler(v -> bytes.tryComplete(buffer))
        .handler(buffer::appendBuffer)
        .resume();
    return bytes.future();
  }

  private static void logOutcome(MotivationMail mail, MailResult result) {
    if (result.delivered()) {
      LOG.info("Mail for {} on {} delivered over SMTP after {} attempt(s), {}", who(mail), mail.date(),
          result.attempts(), result.messageId());
    } else if (result.outboxPath() != null) {
      LOG.info("Mail for {} on {} written to {}", who(mail), mail.date(), result.outboxPath());
    } else {
      LOG.warn("Mail for {} on {} not delivered after {} attempt(s): {}", who(mail), mail.date(), result.attempts(),
          result.error());
    }
  }

  /** The user id when known, else the masked address: logs need no full e-mail addresses. */
  private static String who(MotivationMail mail) {
    return mail.userId() != null ? "user " + mail.userId() : maskAddress(mail.to());
  }

  static String maskAddress(String address) {
    if (address == null) {
      return "?";
    }
    int at = address.indexOf('@');
    return at <= 0 ? "***" : address.charAt(0) + "***" + address.substring(at);
  }
}
