package ai.motiv8.mail;

import io.vertx.codegen.annotations.DataObject;
import io.vertx.core.json.JsonObject;

/**
 * What became of one motivation mail.
 *
 * <ul>
 *   <li>{@code delivered}: true only when an SMTP server accepted the message</li>
 *   <li>{@code transport}: {@value #SMTP} or {@value #OUTBOX}</li>
 *   <li>{@code attempts}: SMTP attempts made (1 for the outbox)</li>
 *   <li>{@code messageId}: the message's {@code Message-ID}, when one was assigned</li>
 *   <li>{@code outboxPath}: the {@code .eml} file written, in outbox mode</li>
 *   <li>{@code error}: why the message was not delivered or written, else null</li>
 * </ul>
 */
@DataObject
public final class MailResult {

  public static final String SMTP = "smtp";
  public static final String OUTBOX = "outbox";

  private final boolean delivered;
  private final String transport;
  private final int attempts;
  private final String messageId;
  private final String outboxPath;
  private final String error;

  public MailResult(boolean delivered, String transport, int attempts, String messageId, String outboxPath,
                    String error) {
    this.delivered = delivered;
    this.transport = transport;
    this.attempts = attempts;
    this.messageId = messageId;
    this.outboxPath = outboxPath;
    this.error = error;
  }

  public MailResult(JsonObject json) {
    this(json.getBoolean("delivered", false), json.getString("transport"), json.getInteger("attempts", 0),
        json.getString("message_id"), json.getString("outbox_path"), json.getString("error"));
  }

  /** An SMTP server accepted the message. */
  public static MailResult delivered(int attempts, String messageId) {
    return new MailResult(true, SMTP, attempts, messageId, null, null);
  }

  /** SMTP gave up after {@code attempts}. */
  public static MailResult notDelivered(int attempts, String error) {
    return new MailResult(false, SMTP, attempts, null, null, error);
  }

  /** The message was written to the outbox (which is not a delivery). */
  public static MailResult writtenToOutbox(String path, String messageId) {
    return new MailResult(false, OUTBOX, 1, messageId, path, null);
  }

  /** The outbox could not be written. */
  public static MailResult outboxFailed(String error) {
    return new MailResult(false, OUTBOX, 1, null, null, error);
  }

  public JsonObject toJson() {
    return new JsonObject()
        .put("delivered", delivered)
        .put("transport", transport)
        .put("attempts", attempts)
        .put("message_id", messageId)
        .put("outbox_path", outboxPath)
        .put("error", error);
  }

  public boolean delivered() {
    return delivered;
  }

  public String transport() {
    return transport;
  }

  public int attempts() {
    return attempts;
  }

  public String messageId() {
    return messageId;
  }

  public String outboxPath() {
    return outboxPath;
  }

  public String error() {
    return error;
  }

  @Override
  public String toString() {
    return "MailResult" + toJson().encode();
  }
}
