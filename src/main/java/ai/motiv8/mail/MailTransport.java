package ai.motiv8.mail;

import io.vertx.core.Future;
import io.vertx.ext.mail.MailMessage;

/** Where messages go: an SMTP server, or the outbox folder. */
interface MailTransport {

  /** Sends or writes {@code message}; problems come back as a result, never as a failed Future. */
  Future<MailResult> deliver(MailMessage message);

  /** {@link MailResult#SMTP} or {@link MailResult#OUTBOX}. */
  String name();

  /** {@code host:port} or the outbox folder. */
  String target();

  Future<Void> close();
}
