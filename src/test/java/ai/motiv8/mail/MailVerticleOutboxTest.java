package ai.motiv8.mail;

import ai.motiv8.storage.LocalBlobStore;
import io.vertx.core.Vertx;
import io.vertx.junit5.Timeout;
import io.vertx.junit5.VertxExtension;
import io.vertx.junit5.VertxTestContext;
import jakarta.mail.internet.MimeMessage;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import static ai.motiv8.mail.MailTestSupport.IMAGE_KEY;
import static ai.motiv8.mail.MailTestSupport.PNG;
import static ai.motiv8.mail.MailTestSupport.TO;
import static org.assertj.core.api.Assertions.assertThat;

@ExtendWith(VertxExtension.class)
@Timeout(value = 30, timeUnit = TimeUnit.SECONDS)
class MailVerticleOutboxTest {

  @TempDir
  Path dir;
  private LocalBlobStore blobs;

  @BeforeEach
  void storeImage(Vertx vertx, VertxTestContext context) {
    blobs = new LocalBlobStore(vertx, dir.resolve("data"));
    MailTestSupport.storeImage(blobs).onComplete(context.succeedingThenComplete());
  }

  @Test
  @DisplayName("Without SMTP the mail is written to the outbox as an .eml that parses with the same parts")
  void writesParseableEml(Vertx vertx, VertxTestContext context) {
    Path outbox = dir.resolve("outbox");
    MailTestSupport.deploy(vertx, MailTestSupport.outbox(outbox), blobs)
        .compose(id -> MailService.createProxy(vertx).sendMotivation(MailTestSupport.mail(IMAGE_KEY)))
        .onComplete(context.succeeding(result -> context.verify(() -> {
          assertThat(result.delivered()).as("an outbox file is not a delivery").isFalse();
          assertThat(result.transport()).isEqualTo(MailResult.OUTBOX);
          assertThat(result.error()).isNull();
          Path eml = Path.of(result.outboxPath());
          assertThat(eml).hasParent(outbox.toAbsolutePath()).isRegularFile();
          assertThat(eml.getFileName().toString()).endsWith(".eml");

          try (InputStream in = Files.newInputStream(eml)) {
            MimeMessage message = MimeParts.parse(in);
            MimeParts.assertMotivationMail(message, TO, PNG);
            assertThat(message.getMessageID()).isEqualTo(result.messageId()).contains("@motiv8.test");
          }
          context.completeNow();
        })));
  }

  @Test
  @DisplayName("Each mail gets its own .eml file")
  void oneFilePerMail(Vertx vertx, VertxTestContext context) {
    Path outbox = dir.resolve("outbox");
    MailService mail = MailService.createProxy(vertx);
    MailTestSupport.deploy(vertx, MailTestSupport.outbox(outbox), blobs)
        .compose(id -> mail.sendMotivation(MailTestSupport.mail(IMAGE_KEY)))
        .compose(first -> mail.sendMotivation(MailTestSupport.mail(IMAGE_KEY)))
        .compose(second -> vertx.fileSystem().readDir(outbox.toString(), ".*\\.eml"))
        .onComplete(context.succeeding(files -> context.verify(() -> {
          assertThat(files).hasSize(2);
          context.completeNow();
        })));
  }

  @Test
  @DisplayName("The status names the outbox transport and its folder")
  void status(Vertx vertx, VertxTestContext context) {
    Path outbox = dir.resolve("outbox");
    MailTestSupport.deploy(vertx, MailTestSupport.outbox(outbox), blobs)
        .compose(id -> MailService.createProxy(vertx).status())
        .onComplete(context.succeeding(status -> context.verify(() -> {
          assertThat(status.getString("transport")).isEqualTo("outbox");
          assertThat(status.getString("target")).isEqualTo(outbox.toAbsolutePath().toString());
          context.completeNow();
        })));
  }
}
