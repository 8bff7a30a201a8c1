package ai.motiv8;

import ai.motiv8.config.AppConfig;
import ai.motiv8.persistence.TestQueries;
import ai.motiv8.support.TestConfigs;
import ai.motiv8.support.TestSelfies;
import ai.motiv8.users.User;
import ai.motiv8.users.UserStore;
import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.ServerSetup;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.Timeout;
import io.vertx.junit5.VertxExtension;
import jakarta.mail.internet.MimeMessage;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code motiv8 batch run} as an operator runs it: {@link Main#run} with {@code --set} options
 * pointing at a database, storage and SMTP server that a running app prepared. The command starts
 * its own Vert.x with every service but HTTP, like the real process.
 */
@ExtendWith(VertxExtension.class)
@Timeout(value = 300, timeUnit = TimeUnit.SECONDS)
class BatchCommandTest {

  /** A Monday. */
  private static final String MONDAY = "2025-01-13";

  @RegisterExtension
  static final GreenMailExtension GREEN_MAIL = new GreenMailExtension(
      new ServerSetup(0, "127.0.0.1", ServerSetup.PROTOCOL_SMTP).dynamicPort());

  @TempDir
  Path dir;

  @Test
  @DisplayName("batch run on a Monday mails the Monday users once and exits 0; a second run mails nobody and exits 0;"
      + " --dry-run changes nothing; a user whose files are missing makes it exit 1 without stopping the others")
  void runsTheDayFromTheCommandLine(Vertx vertx) throws Exception {
    AppConfig config = TestConfigs.local(dir);
    Application app = await(Application.deployWithoutHttp(vertx, config));
    UserStore users = UserStore.createProxy(vertx);
    User template = await(users.findOrCreateByEmail("template@motiv8.test"));
    TestSelfies.Selfie selfie = await(TestSelfies.install(app, template.id(), "/photos/astronaut.png"));
    List<String> mondayUsers = new ArrayList<>();
    for (int i = 0; i < 12; i++) {
      boolean monday = i % 3 == 0;
      User user = await(users.findOrCreateByEmail("cli-" + i + "@motiv8.test"));
      await(users.updateWorkoutDays(user.id(), new JsonObject().put("monday", monday).put("tuesday", !monday)));
      await(users.replaceSelfie(user.id(), selfie.filename(), selfie.embeddingFilename(), null));
      if (monday) {
        mondayUsers.add("cli-" + i + "@motiv8.test");
      }
    }

    assertThat(batchRun("--dry-run")).isZero();
    assertThat(GREEN_MAIL.getReceivedMessages()).isEmpty();
    assertThat(count(config, "SELECT COUNT(*) FROM daily_deliveries")).isZero();

    assertThat(batchRun("--concurrency", "2")).isZero();
    assertThat(recipients()).containsExactlyInAnyOrderElementsOf(mondayUsers);

    assertThat(batchRun()).as("second run").isZero();
    assertThat(recipients()).containsExactlyInAnyOrderElementsOf(mondayUsers);
    assertThat(count(config, "SELECT COUNT(*) FROM generated_images")).isEqualTo(mondayUsers.size());

    // Two more Monday users whose stored files are gone: each fails alone, the third is mailed.
    User noSelfie = await(users.findOrCreateByEmail("no-selfie@motiv8.test"));
    User noEmbedding = await(users.findOrCreateByEmail("no-embedding@motiv8.test"));
    User fine = await(users.findOrCreateByEmail("fine@motiv8.test"));
    for (User user : List.of(noSelfie, noEmbedding, fine)) {
      await(users.updateWorkoutDays(user.id(), new JsonObject().put("monday", true)));
    }
    await(users.replaceSelfie(noSelfie.id(), "gone.png", selfie.embeddingFilename(), null));
    await(users.replaceSelfie(noEmbedding.id(), selfie.filename(), "gone.npy", null));
    await(users.replaceSelfie(fine.id(), selfie.filename(), selfie.embeddingFilename(), null));
    assertThat(batchRun("--limit", "10")).as("with two broken users").isEqualTo(1);
    assertThat(recipients()).hasSize(mondayUsers.size() + 1).contains("fine@motiv8.test");
    assertThat(count(config, "SELECT COUNT(*) FROM daily_deliveries WHERE state = 'failed'")).isEqualTo(2);

    assertThat(batchRun("--date", "2025-13-01")).as("bad date").isEqualTo(2);
    assertThat(batchRun("--concurrency", "0")).as("bad concurrency").isEqualTo(2);
  }

  /** {@code motiv8 batch run --date MONDAY} (unless given) with this test's folders and SMTP server. */
  private int batchRun(String... options) {
    List<String> args = new ArrayList<>(List.of("batch", "run"));
    if (!List.of(options).contains("--date")) {
      args.addAll(List.of("--date", MONDAY));
    }
    args.addAll(List.of(options));
    Map.of(
        "database.sqlitePath", dir.resolve("motiv8.db").toString(),
        "storage.dataDir", dir.resolve("data").toString(),
        "storage.tempDir", dir.resolve("tmp").toString(),
        "mail.outboxDir", dir.resolve("outbox").toString(),
        "face.modelsDir", Path.of("models").toAbsolutePath().toString(),
        "mail.smtpHost", "127.0.0.1",
        "mail.smtpPort", Integer.toString(GREEN_MAIL.getSmtp().getPort()),
        "mail.startTls", "false",
        "batch.enabled", "false"
    ).forEach((key, value) -> args.addAll(List.of("--set", key + "=" + value)));
    return Main.run(args.toArray(String[]::new));
  }

  private static List<String> recipients() throws Exception {
    List<String> all = new ArrayList<>();
    for (MimeMessage message : GREEN_MAIL.getReceivedMessages()) {
      all.add(message.getAllRecipients()[0].toString());
    }
    return all;
  }

  private static long count(AppConfig config, String sql) {
    return TestQueries.count(config.database(), sql);
  }

  private static <T> T await(Future<T> future) throws Exception {
    return future.toCompletionStage().toCompletableFuture().get(60, TimeUnit.SECONDS);
  }
}
