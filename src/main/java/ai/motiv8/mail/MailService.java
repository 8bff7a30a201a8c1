package ai.motiv8.mail;

import ai.motiv8.common.Addresses;
import io.vertx.codegen.annotations.ProxyGen;
import io.vertx.codegen.annotations.VertxGen;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.DeliveryOptions;
import io.vertx.core.json.JsonObject;
import io.vertx.serviceproxy.ServiceProxyBuilder;

/**
 * The mail verticle's event-bus face: mails a person their generated image, inline in an HTML
 * message with a plain-text alternative, over SMTP or (when SMTP is not configured) into the
 * outbox folder as an {@code .eml} file.
 *
 * <p>Delivery problems never fail the Future: they come back as a {@link MailResult} with
 * {@code delivered == false}, so that a mail problem cannot fail a generation. The Future fails
 * only when the request itself is wrong: {@link #BAD_REQUEST} or {@link #IMAGE_NOT_FOUND}.
 */
@ProxyGen
@VertxGen
public interface MailService {

  String ADDRESS = Addresses.MAIL;

  /** The recipient, date or image key of the request is not valid. */
  int BAD_REQUEST = 400;
  /** No stored object at the image key. */
  int IMAGE_NOT_FOUND = 404;

  /**
   * How long a proxy waits for an answer: SMTP retries with backoff can take far longer than the
   * event bus's default 30 s.
   */
  long PROXY_TIMEOUT_MS = 180_000;

  static MailService createProxy(Vertx vertx) {
    return new ServiceProxyBuilder(vertx)
        .setAddress(ADDRESS)
        .setOptions(new DeliveryOptions().setSendTimeout(PROXY_TIMEOUT_MS))
        .build(MailService.class);
  }

  /** Mails the image at {@code mail.imageKey()} to {@code mail.to()}; see the class comment for failures. */
  Future<MailResult> sendMotivation(MotivationMail mail);

  /**
   * Which transport this verticle uses, for health reports:
   * {@code {"transport": "smtp", "target": "host:port"}} or
   * {@code {"transport": "outbox", "target": "<folder>"}}.
   */
  Future<JsonObject> status();
}
