package ai.motiv8.mail;

import com.icegreen.greenmail.configuration.GreenMailConfiguration;
import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.ServerSetup;
import ai.motiv8.storage.LocalBlobStore;
import io.vertx.core.Vertx;
import io.vertx.core.net.NetServer;
import io.vertx.core.net.NetSocket;
import io.vertx.junit5.Timeout;
import io.vertx.junit5.VertxExtension;
import io.vertx.junit5.VertxTestContext;
import io.vertx.serviceproxy.ServiceException;
import jakarta.mail.internet.MimeMessage;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static ai.motiv8.mail.MailTestSupport.IMAGE_KEY;
import static ai.motiv8.mail.MailTestSupport.PNG;
import static ai.motiv8.mail.MailTestSupport.TO;
import static org.assertj.core.api.Assertions.assertThat;

@ExtendWith(VertxExtension.class)
@Timeout(value = 30, timeUnit = TimeUnit.SECONDS)
class MailVerticleSmtpTest {

  @RegisterExtension
  static final GreenMailExtension GREEN_MAIL = new GreenMailExtension(
      new ServerSetup(0, "127.0.0.1", ServerSetup.PROTOCOL_SMTP).dynamicPort())
      .withConfiguration(GreenMailConfiguration.aConfig().withUser("coach@motiv8.test", "coach", "s3cret"))
      .withPerMethodLifecycle(true);

  @TempDir
  Path dir;
  private LocalBlobStore blobs;

  @BeforeEach
  void storeImage(Vertx vertx, VertxTestContext context) {
    blobs = new LocalBlobStore(vertx, dir.resolve("data"));
    MailTestSupport.storeImage(blobs).onComplete(context.succeedingThenComplete());
  }

  private int smtpPort() {
    return GREEN_MAIL.getSmtp().getPort();
  }

  @Test
  @DisplayName("The SMTP server receives subject, text part, HTML part and the inline PNG its cid: names")
  void deliversOverSmtp(Vertx vertx, VertxTestContext context) {
    MailTestSupport.deploy(vertx, MailTestSupport.smtp(smtpPort(), null, null, dir.resolve("outbox"), 3), blobs)
        .compose(id -> MailService.createProxy(vertx).sendMotivation(MailTestSupport.mail(IMAGE_KEY)))
        .onComplete(context.succeeding(result -> context.verify(() -> {
          assertThat(result.delivered()).isTrue();
          assertThat(result.transport()).isEqualTo(MailResult.SMTP);
          assertThat(result.attempts()).isEqualTo(1);
          assertThat(result.messageId()).isNotBlank();
          assertThat(result.error()).isNull();

          MimeMessage[] received = GREEN_MAIL.getReceivedMessages();
          assertThat(received).hasSize(1);
          MimeParts.assertMotivationMail(received[0], TO, PNG);
          assertThat(received[0].getFrom()[0].toString()).isEqualTo(MailTestSupport.FROM);
          context.completeNow();
        })));
  }

  @Test
  @DisplayName("The mail carries one-click unsubscribe headers and a visible link, a Message-ID on the sender's"
      + " domain, a Date and the idempotency key of the user's day, the same key when the mail is sent again")
  void trustedHeaders(Vertx vertx, VertxTestContext context) {
    MailService mail = MailService.createProxy(vertx);
    MailTestSupport.deploy(vertx, MailTestSupport.smtp(smtpPort(), null, null, dir.resolve("outbox"), 3), blobs)
        .compose(id -> mail.sendMotivation(MailTestSupport.mail(IMAGE_KEY)))
        .compose(first -> mail.sendMotivation(MailTestSupport.mail(IMAGE_KEY)))
        .onComplete(context.succeeding(result -> context.verify(() -> {
          MimeMessage[] received = GREEN_MAIL.getReceivedMessages();
          assertThat(received).hasSize(2);
          String link = MimeParts.assertTrustedMail(received[0], "motiv8.test", "user-1", MailTestSupport.DAY);
          assertThat(link).startsWith(MailTestSupport.PUBLIC_BASE_URL + "/api/unsubscribe?token=");
          String token = java.net.URLDecoder.decode(link.substring(link.indexOf("token=") + 6),
              java.nio.charset.StandardCharsets.UTF_8);
          assertThat(MailTestSupport.TOKENS.verify(token))
              .contains(new UnsubscribeTokens.Subscription("user-1", UnsubscribeTokens.MOTIVATION));
          assertThat(MimeParts.assertTrustedMail(received[1], "motiv8.test", "user-1", MailTestSupport.DAY))
              .isEqualTo(link);
          assertThat(received[1].getMessageID()).as("each copy is its own message").isNotEqualTo(
              received[0].getMessageID());
          assertThat(result.messageId()).isEqualTo(received[1].getMessageID());
          context.completeNow();
        })));
  }

  @Test
  @DisplayName("With an SMTP user configured the client logs in before sending")
  void logsIn(Vertx vertx, VertxTestContext context) {
    MailTestSupport.deploy(vertx, MailTestSupport.smtp(smtpPort(), "coach", "s3cret", dir.resolve("outbox"), 3), blobs)
        .compose(id -> MailService.createProxy(vertx).sendMotivation(MailTestSupport.mail(IMAGE_KEY)))
        .onComplete(context.succeeding(result -> context.verify(() -> {
          assertThat(result.delivered()).isTrue();
          assertThat(GREEN_MAIL.getReceivedMessages()).hasSize(1);
          context.completeNow();
        })));
  }

  @Test
  @DisplayName("A refused login is permanent: not delivered, not retried, and the call still succeeds")
  void wrongPasswordIsNotRetried(Vertx vertx, VertxTestContext context) {
    MailTestSupport.deploy(vertx, MailTestSupport.smtp(smtpPort(), "coach", "wrong", dir.resolve("outbox"), 3), blobs)
        .compose(id -> MailService.createProxy(vertx).sendMotivation(MailTestSupport.mail(IMAGE_KEY)))
        .onComplete(context.succeeding(result -> context.verify(() -> {
          assertThat(result.delivered()).isFalse();
          assertThat(result.attempts()).isEqualTo(1);
          assertThat(result.error()).isNotBlank();
          assertThat(GREEN_MAIL.getReceivedMessages()).isEmpty();
          context.completeNow();
        })));
  }

  @Test
  @DisplayName("When the SMTP server is down the mail is tried maxAttempts times and reported not delivered")
  void smtpDown(Vertx vertx, VertxTestContext context) {
    int closed = MailTestSupport.closedPort();
    MailTestSupport.deploy(vertx, MailTestSupport.smtp(closed, null, null, dir.resolve("outbox"), 3), blobs)
        .compose(id -> MailService.createProxy(vertx).sendMotivation(MailTestSupport.mail(IMAGE_KEY)))
        .onComplete(context.succeeding(result -> context.verify(() -> {
          assertThat(result.delivered()).isFalse();
          assertThat(result.transport()).isEqualTo(MailResult.SMTP);
          assertThat(result.attempts()).isEqualTo(3);
          assertThat(result.error()).isNotBlank();
          context.completeNow();
        })));
  }

  @Test
  @DisplayName("A transient failure (421 greeting) is retried and the mail then delivered")
  void transientFailureRetried(Vertx vertx, VertxTestContext context) {
    AtomicInteger connections = new AtomicInteger();
    NetServer flaky = vertx.createNetServer().connectHandler(socket -> {
      if (connections.incrementAndGet() == 1) {
        socket.write("421 4.3.2 Busy, try again later\r\n").onComplete(written -> socket.close());
      } else {
        relay(vertx, socket, smtpPort());
      }
    });
    flaky.listen(0, "127.0.0.1")
        .compose(server -> MailTestSupport.deploy(vertx,
            MailTestSupport.smtp(server.actualPort(), null, null, dir.resolve("outbox"), 3), blobs))
        .compose(id -> MailService.createProxy(vertx).sendMotivation(MailTestSupport.mail(IMAGE_KEY)))
        .onComplete(context.succeeding(result -> context.verify(() -> {
          assertThat(result.delivered()).isTrue();
          assertThat(result.attempts()).isEqualTo(2);
          assertThat(GREEN_MAIL.getReceivedMessages()).hasSize(1);
          context.completeNow();
        })));
  }

  @Test
  @DisplayName("A missing image fails the call with IMAGE_NOT_FOUND and sends nothing")
  void missingImage(Vertx vertx, VertxTestContext context) {
    MailTestSupport.deploy(vertx, MailTestSupport.smtp(smtpPort(), null, null, dir.resolve("outbox"), 3), blobs)
        .compose(id -> MailService.createProxy(vertx).sendMotivation(MailTestSupport.mail("generated/nope.png")))
        .onComplete(context.failing(error -> context.verify(() -> {
          assertThat(error).isInstanceOf(ServiceException.class);
          assertThat(((ServiceException) error).failureCode()).isEqualTo(MailService.IMAGE_NOT_FOUND);
          assertThat(error.getMessage()).contains("generated/nope.png");
          assertThat(GREEN_MAIL.getReceivedMessages()).isEmpty();
          context.completeNow();
        })));
  }

  @Test
  @DisplayName("A recipient that is not one plain address fails the call with BAD_REQUEST")
  void badRecipient(Vertx vertx, VertxTestContext context) {
    MotivationMail injected = new MotivationMail("a@b.test\r\nBcc: x@y.test", MailTestSupport.DAY, IMAGE_KEY, null);
    MailTestSupport.deploy(vertx, MailTestSupport.smtp(smtpPort(), null, null, dir.resolve("outbox"), 3), blobs)
        .compose(id -> MailService.createProxy(vertx).sendMotivation(injected))
        .onComplete(context.failing(error -> context.verify(() -> {
          assertThat(((ServiceException) error).failureCode()).isEqualTo(MailService.BAD_REQUEST);
          context.completeNow();
        })));
  }

  @Test
  @DisplayName("The status names the SMTP transport and its target")
  void status(Vertx vertx, VertxTestContext context) {
    MailTestSupport.deploy(vertx, MailTestSupport.smtp(smtpPort(), null, null, dir.resolve("outbox"), 3), blobs)
        .compose(id -> MailService.createProxy(vertx).status())
        .onComplete(context.succeeding(status -> context.verify(() -> {
          assertThat(status.getString("transport")).isEqualTo("smtp");
          assertThat(status.getString("target")).isEqualTo("127.0.0.1:" + smtpPort());
          context.completeNow();
        })));
  }

  /** Pipes {@code front} to a new connection to the SMTP server, both ways. */
  private static void relay(Vertx vertx, NetSocket front, int port) {
    front.pause();
    vertx.createNetClient().connect(port, "127.0.0.1").onComplete(connected -> {
      if (connected.failed()) {
        front.close();
        return;
      }
      NetSocket back = connected.result();
      front.pipeTo(back);
      back.pipeTo(front);
    });
  }
}
