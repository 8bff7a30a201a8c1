package ai.motiv8.mail;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.ext.mail.MailMessage;
import io.vertx.ext.mail.mailencoder.MailEncoder;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.UUID;

/**
 * Development transport: writes each message as an RFC 822 {@code .eml} file (what the SMTP
 * client would have sent, encoded by vertx-mail-client's own {@link MailEncoder}) into the outbox
 * folder, where a mail program or a test can open it.
 */
final class OutboxTransport implements MailTransport {

  private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'")
      .withZone(ZoneOffset.UTC);

  private final Vertx vertx;
  private final Path outboxDir;
  private final String hostname;
  private final Clock clock;

  /**
   * @param hostname used in generated {@code Message-ID}s (so that no host name lookup is needed)
   */
  OutboxTransport(Vertx vertx, Path outboxDir, String hostname, Clock clock) {
    this.vertx = vertx;
    this.outboxDir = outboxDir.toAbsolutePath().normalize();
    this.hostname = hostname;
    this.clock = clock;
  }

  @Override
  public Future<MailResult> deliver(MailMessage message) {
    Path file = outboxDir.resolve(STAMP.format(clock.instant()) + "-" + UUID.randomUUID() + ".eml");
    // Encoding base64-encodes the image: CPU work kept off the event loop.
    return vertx.executeBlocking(() -> encode(message), false)
        .compose(encoded -> vertx.fileSystem().mkdirs(outboxDir.toString())
            .compose(v -> vertx.fileSystem().writeFile(file.toString(), encoded.bytes()))
            .map(v -> MailResult.writtenToOutbox(file.toString(), encoded.messageId())))
        .otherwise(error -> MailResult.outboxFailed("Could not write " + file + ": " + error.getMessage()));
  }

  private Encoded encode(MailMessage message) {
    MailEncoder encoder = new MailEncoder(message, hostname);
    String mime = encoder.encode();
    return new Encoded(Buffer.buffer(mime.getBytes(StandardCharsets.UTF_8)), encoder.getMessageID());
  }

  @Override
  public String name() {
    return MailResult.OUTBOX;
  }

  @Override
  public String target() {
    return outboxDir.toString();
  }

  @Override
  public Future<Void> close() {
    return Future.succeededFuture();
  }

  private record Encoded(Buffer bytes, String messageId) {
  }
}
