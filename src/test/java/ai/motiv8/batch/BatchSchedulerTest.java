package ai.motiv8.batch;

import ai.motiv8.Application;
import ai.motiv8.batch.BatchFixture.Population;
import ai.motiv8.config.AppConfig;
import ai.motiv8.config.AppConfig.DatabaseConfig;
import ai.motiv8.persistence.TestDatabases;
import ai.motiv8.persistence.TestQueries;
import ai.motiv8.support.TestConfigs;
import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.ServerSetup;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.Timeout;
import io.vertx.junit5.VertxExtension;
import io.vertx.junit5.VertxTestContext;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The scheduler in the service: two instances (two Vert.x in this JVM, not clustered) with the
 * batch enabled and due now, sharing one PostgreSQL database and one storage folder. The day is
 * claimed in the database, so exactly one of them runs it.
 */
@ExtendWith(VertxExtension.class)
@Timeout(value = 300, timeUnit = TimeUnit.SECONDS)
class BatchSchedulerTest {

  @RegisterExtension
  static final GreenMailExtension GREEN_MAIL = new GreenMailExtension(
      new ServerSetup(0, "127.0.0.1", ServerSetup.PROTOCOL_SMTP).dynamicPort());

  @TempDir
  Path dir;

  private final List<Vertx> instances = new java.util.ArrayList<>();

  @AfterEach
  void closeInstances() throws Exception {
    for (Vertx instance : instances) {
      instance.close().toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
    }
  }

  @Test
  @DisplayName("Two instances scheduled at the same time: one claims today's run, each due user gets one mail, and"
      + " the day ends finished with its summary")
  void oneInstanceRunsTheDay(Vertx vertx, VertxTestContext ctx) {
    DatabaseConfig database = TestDatabases.postgres();
    LocalDate today = LocalDate.now(ZoneOffset.UTC);
    Map<String, String> env = new HashMap<>(BatchFixture.smtp(GREEN_MAIL));
    env.putAll(BatchFixture.postgres(database));
    AppConfig setUp = TestConfigs.local(dir, env);
    env.putAll(Map.of("BATCH_ENABLED", "true", "BATCH_TIME", "00:00", "BATCH_ZONE", "UTC"));
    AppConfig scheduled = TestConfigs.local(dir, env);
    Vertx first = Vertx.vertx();
    Vertx second = Vertx.vertx();
    instances.addAll(List.of(first, second));

    // Users first (with the scheduler off), so that the day's run sees all of them.
    Application.deploy(vertx, setUp)
        .compose(app -> BatchFixture.populate(app, 100, today))
        .compose(population -> Future.all(Application.deploy(first, scheduled), Application.deploy(second, scheduled))
            .compose(started -> finished(vertx, database, System.currentTimeMillis() + 240_000))
            .compose(v -> vertx.executeBlocking(() -> List.of(
                TestQueries.count(database, "SELECT COUNT(*) FROM batch_runs"),
                TestQueries.text(database, "SELECT summary FROM batch_runs"),
                TestQueries.count(database, "SELECT COUNT(*) FROM daily_deliveries WHERE state = 'mailed'"),
                TestQueries.count(database, "SELECT COUNT(*) FROM generated_images WHERE source = 'batch'"))))
            .map(rows -> {
              ctx.verify(() -> {
                int due = population.due().size();
                assertThat(rows.get(0)).isEqualTo(1L);
                JsonObject summary = new JsonObject((String) rows.get(1));
                assertThat(summary.getInteger("processed")).as("the owner did every user").isEqualTo(due);
                assertThat(summary.getInteger("mailed")).isEqualTo(due);
                assertThat(rows.get(2)).isEqualTo((long) due);
                assertThat(rows.get(3)).isEqualTo((long) due);
                assertMailedOnce(population);
              });
              return rows;
            }))
        .onComplete(ctx.succeedingThenComplete());
  }

  /** Polls until today's run is finished. */
  private static Future<Void> finished(Vertx vertx, DatabaseConfig database, long deadline) {
    return vertx.executeBlocking(() -> TestQueries.text(database, "SELECT state FROM batch_runs")).compose(state -> {
      if ("finished".equals(state)) {
        return Future.succeededFuture();
      }
      if (System.currentTimeMillis() > deadline) {
        return Future.failedFuture(new AssertionError("today's run did not finish; state " + state));
      }
      Promise<Void> later = Promise.promise();
      vertx.setTimer(200, id -> finished(vertx, database, deadline).onComplete(later));
      return later.future();
    });
  }

  private static void assertMailedOnce(Population population) {
    Map<String, Integer> mails = BatchFixture.mailsByRecipient(GREEN_MAIL);
    assertThat(mails.keySet()).containsExactlyInAnyOrderElementsOf(population.dueEmails());
    assertThat(mails.values()).allMatch(n -> n == 1, "one mail each");
  }
}
