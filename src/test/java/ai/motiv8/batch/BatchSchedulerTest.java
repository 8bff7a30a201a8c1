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
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The scheduler in the service: two instances (two Vert.x in this JVM, not clustered) with the
 * batch enabled, sharing one PostgreSQL database and one storage folder. The users are set up
 * with a clock just before today's 00:00 UTC (so their next send is today's), the instances run on
 * a clock 30 s after it: both tick, each (user, day) is claimed in the database, so each due user
 * gets exactly one mail whichever instance served them.
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
  @DisplayName("Two instances ticking at the same time: each due user gets one mail, and their next send moves on")
  void oneInstanceRunsTheDay(Vertx vertx, VertxTestContext ctx) {
    DatabaseConfig database = TestDatabases.postgres();
    LocalDate today = LocalDate.now(ZoneOffset.UTC);
    Instant midnight = today.atStartOfDay(ZoneOffset.UTC).toInstant();
    Clock beforeMidnight = Clock.fixed(midnight.minusSeconds(60), ZoneOffset.UTC);
    Clock afterMidnight = Clock.offset(Clock.systemUTC(), Duration.between(Instant.now(), midnight.plusSeconds(30)));
    Map<String, String> env = new HashMap<>(BatchFixture.smtp(GREEN_MAIL));
    env.putAll(BatchFixture.postgres(database));
    env.putAll(Map.of("BATCH_TIME", "00:00", "BATCH_ZONE", "UTC"));
    AppConfig setUp = TestConfigs.local(dir, env);
    env.put("BATCH_ENABLED", "true");
    AppConfig scheduled = TestConfigs.local(dir, env);
    Vertx first = Vertx.vertx();
    Vertx second = Vertx.vertx();
    instances.addAll(List.of(first, second));

    // Users first (with the scheduler off), so that the day's run sees all of them.
    Application.deploy(vertx, setUp, null, beforeMidnight)
        .compose(app -> BatchFixture.populate(app, 100, today))
        .compose(population -> Future.all(Application.deploy(first, scheduled, null, afterMidnight),
                Application.deploy(second, scheduled, null, afterMidnight))
            .compose(started -> finished(vertx, database, population.due().size(),
                System.currentTimeMillis() + 240_000))
            .compose(v -> vertx.executeBlocking(() -> List.of(
                TestQueries.count(database, "SELECT COUNT(*) FROM daily_deliveries WHERE state = 'mailed'"),
                TestQueries.count(database, "SELECT COUNT(*) FROM generated_images WHERE source = 'batch'"),
                TestQueries.count(database, "SELECT COUNT(*) FROM users WHERE next_send_date = '" + today + "'"))))
            .map(rows -> {
              ctx.verify(() -> {
                int due = population.due().size();
                assertThat(rows.get(0)).isEqualTo((long) due);
                assertThat(rows.get(1)).isEqualTo((long) due);
                assertThat(rows.get(2)).as("every served user's next send moved on").isZero();
                assertMailedOnce(population);
              });
              return rows;
            }))
        .onComplete(ctx.succeedingThenComplete());
  }

  /** Polls until every due user is mailed and moved on. */
  private static Future<Void> finished(Vertx vertx, DatabaseConfig database, int due, long deadline) {
    return vertx.executeBlocking(() -> TestQueries.count(database,
        "SELECT COUNT(*) FROM daily_deliveries WHERE state = 'mailed'")).compose(mailed -> {
      if (mailed >= due) {
        Promise<Void> settled = Promise.promise();
        vertx.setTimer(2_000, id -> settled.complete());
        return settled.future();
      }
      if (System.currentTimeMillis() > deadline) {
        return Future.failedFuture(new AssertionError("only " + mailed + " of " + due + " mailed"));
      }
      Promise<Void> later = Promise.promise();
      vertx.setTimer(200, id -> finished(vertx, database, due, deadline).onComplete(later));
      return later.future();
    });
  }

  private static void assertMailedOnce(Population population) {
    Map<String, Integer> mails = BatchFixture.mailsByRecipient(GREEN_MAIL);
    assertThat(mails.keySet()).containsExactlyInAnyOrderElementsOf(population.dueEmails());
    assertThat(mails.values()).allMatch(n -> n == 1, "one mail each");
  }
}
