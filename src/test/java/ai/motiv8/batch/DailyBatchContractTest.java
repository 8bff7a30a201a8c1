package ai.motiv8.batch;

import ai.motiv8.Application;
import ai.motiv8.batch.BatchFixture.Athlete;
import ai.motiv8.batch.BatchFixture.Population;
import ai.motiv8.config.AppConfig;
import ai.motiv8.generation.GenerationRequest;
import ai.motiv8.generation.GenerationService;
import ai.motiv8.generation.content.Theme;
import ai.motiv8.metrics.AppMetrics;
import ai.motiv8.persistence.TestQueries;
import ai.motiv8.storage.BlobStores;
import ai.motiv8.storage.ImageVariant;
import ai.motiv8.storage.StorageKeys;
import ai.motiv8.support.ApiClient;
import ai.motiv8.support.FaultyStorage;
import ai.motiv8.support.Polling;
import ai.motiv8.support.TestConfigs;
import ai.motiv8.users.UserStore;
import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.ServerSetup;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
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
import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static ai.motiv8.batch.BatchFixture.MONDAY;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The daily batch end to end on the real app (the real face pack, the poster engine, local files),
 * mail counted on a real SMTP server (GreenMail). Subclasses choose the database; every test gets
 * a fresh one, a fresh data folder and a fresh mail server. ({@code @Timeout} is not inherited:
 * subclasses carry it.)
 */
@ExtendWith(VertxExtension.class)
abstract class DailyBatchContractTest {

  @RegisterExtension
  static final GreenMailExtension GREEN_MAIL = new GreenMailExtension(
      new ServerSetup(0, "127.0.0.1", ServerSetup.PROTOCOL_SMTP).dynamicPort());

  @TempDir
  Path dir;

  private Vertx second;

  /** Environment variables that point the app at a fresh database (none: SQLite in the temp folder). */
  protected abstract Map<String, String> databaseEnvironment();

  @AfterEach
  void closeSecondInstance() throws Exception {
    if (second != null) {
      second.close().toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
    }
  }

  private AppConfig config() {
    Map<String, String> env = new HashMap<>(BatchFixture.smtp(GREEN_MAIL));
    env.putAll(databaseEnvironment());
    return TestConfigs.local(dir, env);
  }

  private static DailyBatch batch(Application app, Clock clock) {
    return new DailyBatch(app.vertx(), app.config().batch(), app.config().generation(), clock);
  }

  private static Future<BatchSummary> run(Application app, BatchOptions options) {
    return batch(app, Clock.systemUTC()).run(MONDAY, options);
  }

  private static Future<Long> count(Application app, String sql) {
    return app.vertx().executeBlocking(() -> TestQueries.count(app.config().database(), sql));
  }

  /** Each due user got exactly one mail and nobody else got any. */
  private static void assertMailedOnce(Population population) {
    Map<String, Integer> mails = BatchFixture.mailsByRecipient(GREEN_MAIL);
    assertThat(mails.keySet()).containsExactlyInAnyOrderElementsOf(population.dueEmails());
    assertThat(mails.values()).allMatch(n -> n == 1, "one mail each");
  }

  private void assertNoTempFiles() {
    assertThat(Polling.filesIn(dir.resolve("tmp"))).as("temp files left").isZero();
  }

  @Test
  @DisplayName("200 users with mixed workout days: exactly the due ones get one image and one mail, and a rerun"
      + " only reports them as done")
  void mailsEveryDueUserOnce(Vertx vertx, VertxTestContext ctx) {
    AppConfig config = config();
    Application.deploy(vertx, config).compose(app -> BatchFixture.populate(app, 200, MONDAY).compose(population -> {
      int due = population.due().size();
      return run(app, BatchOptions.all(2)).compose(first -> {
        ctx.verify(() -> {
          assertThat(due).isBetween(25, 35);
          assertThat(first.due()).isEqualTo(due);
          assertThat(first.processed()).isEqualTo(due);
          assertThat(first.generated()).isEqualTo(due);
          assertThat(first.mailed()).isEqualTo(due);
          assertThat(first.skipped()).isZero();
          assertThat(first.failed()).isZero();
          assertThat(first.ok()).isTrue();
          assertMailedOnce(population);
          assertThat(GREEN_MAIL.getReceivedMessages()).as("the day's theme and the users' mode reached the mail")
              .allSatisfy(message -> assertThat(message.getSubject())
                  .isEqualTo("Daily Motivation: " + Theme.ofDate(MONDAY).title()));
          assertNoTempFiles();
          assertThat(AppMetrics.registry().scrape()).as("batch progress on /metrics")
              .contains("motiv8_batch_run_users{state=\"to_process\"} " + due + ".0")
              .contains("motiv8_batch_run_users{state=\"finished\"} " + due + ".0")
              .containsPattern("motiv8_batch_users_total\\{outcome=\"mailed\"} [1-9]");
        });
        return Future.all(BatchFixture.deliveries(app, MONDAY),
            count(app, "SELECT COUNT(*) FROM generated_images WHERE source = 'batch'"),
            count(app, "SELECT COUNT(DISTINCT user_id) FROM generated_images"));
      }).compose(rows -> {
        Map<String, DailyDelivery> deliveries = rows.resultAt(0);
        ctx.verify(() -> {
          assertThat(deliveries.keySet()).isEqualTo(population.dueIds());
          assertThat(deliveries.values()).allMatch(DailyDelivery::isMailed)
              .allMatch(row -> row.attempts() == 1 && row.imageKey().startsWith("generated/"));
          assertThat((Long) rows.resultAt(1)).isEqualTo(due);
          assertThat((Long) rows.resultAt(2)).isEqualTo(due);
        });
        Athlete someone = population.due().get(due / 2);
        ApiClient api = new ApiClient(vertx, app.httpPort());
        return api.devLogin(someone.email())
            .compose(token -> api.get("/api/daily-motivation?date_str=" + MONDAY, token))
            .map(daily -> {
              ctx.verify(() -> {
                assertThat(daily.statusCode()).as(daily.bodyAsString()).isEqualTo(200);
                assertThat(daily.bodyAsJsonObject().getString("s3_key"))
                    .isEqualTo(deliveries.get(someone.id()).imageKey());
              });
              return deliveries;
            });
      }).compose(before -> run(app, BatchOptions.all(2)).compose(again -> {
        ctx.verify(() -> {
          assertThat(again.due()).isEqualTo(due);
          assertThat(again.skipped()).isEqualTo(due);
          assertThat(again.processed()).isZero();
          assertThat(again.generated()).isZero();
          assertThat(again.mailed()).isZero();
          assertThat(again.ok()).isTrue();
          assertMailedOnce(population);
        });
        return Future.all(BatchFixture.deliveries(app, MONDAY), count(app, "SELECT COUNT(*) FROM generated_images"))
            .map(after -> {
              ctx.verify(() -> {
                assertThat(after.<Map<String, DailyDelivery>>resultAt(0).values())
                    .extracting(DailyDelivery::toJson)
                    .containsExactlyInAnyOrderElementsOf(before.values().stream().map(DailyDelivery::toJson).toList());
                assertThat((Long) after.resultAt(1)).isEqualTo(due);
              });
              return after;
            });
      }));
    })).onComplete(ctx.succeedingThenComplete());
  }

  @Test
  @DisplayName("A dry run lists the due users and changes nothing: no claim, no image, no mail")
  void dryRunChangesNothing(Vertx vertx, VertxTestContext ctx) {
    Application.deploy(vertx, config()).compose(app -> BatchFixture.populate(app, 40, MONDAY)
        .compose(population -> run(app, new BatchOptions(true, 2, 0)).compose(summary -> {
          ctx.verify(() -> {
            assertThat(summary.dryRun()).isTrue();
            assertThat(summary.due()).isEqualTo(population.due().size()).isPositive();
            assertThat(summary.processed() + summary.generated() + summary.mailed() + summary.failed()).isZero();
            assertThat(GREEN_MAIL.getReceivedMessages()).isEmpty();
          });
          return Future.all(count(app, "SELECT COUNT(*) FROM daily_deliveries"),
              count(app, "SELECT COUNT(*) FROM generated_images"), count(app, "SELECT COUNT(*) FROM batch_runs"));
        })
        .map(counts -> {
          ctx.verify(() -> assertThat(List.of(counts.resultAt(0), counts.resultAt(1), counts.resultAt(2)))
              .containsOnly(0L));
          return counts;
        })))
        .onComplete(ctx.succeedingThenComplete());
  }

  @Test
  @DisplayName("A run where storage fails for some users fails only them; the rerun finishes every due user, resumes"
      + " mail-step failures without a new image, and nobody gets a second mail or a second row")
  void failedUsersAreFinishedByTheRerun(Vertx vertx, VertxTestContext ctx) {
    AppConfig config = config();
    FaultyStorage storage = new FaultyStorage(BlobStores.create(vertx, config.storage()));
    Map<String, DailyDelivery> afterFirst = new HashMap<>();
    Application.deploy(vertx, config, storage).compose(app -> BatchFixture.populate(app, 70, MONDAY)
        .compose(population -> {
          int due = population.due().size();
          AtomicInteger writes = new AtomicInteger();
          AtomicInteger opens = new AtomicInteger();
          // Every third image cannot be stored (its PNG; its variants are written beside it, and a failed
          // store deletes them again); every third stored image cannot be read for its mail.
          storage.failWrites(key -> key.startsWith(StorageKeys.GENERATED + "/")
              && !ImageVariant.isSiblingName(key) && writes.incrementAndGet() % 3 == 0);
          storage.failOpens(key -> key.startsWith(StorageKeys.GENERATED + "/") && opens.incrementAndGet() % 3 == 0);
          return run(app, BatchOptions.all(2))
              .compose(first -> BatchFixture.deliveries(app, MONDAY).map(rows -> {
                afterFirst.putAll(rows);
                ctx.verify(() -> {
                  assertThat(first.failed()).isPositive();
                  assertThat(first.retriable()).isEqualTo(first.failed());
                  assertThat(first.ok()).isFalse();
                  assertThat(first.mailed() + first.failed()).isEqualTo(due);
                  assertThat(rows.values().stream().filter(r -> r.state().equals(DailyDelivery.FAILED)
                      && r.imageKey() != null)).as("failed at the mail step").isNotEmpty();
                  assertThat(rows.values().stream().filter(r -> r.state().equals(DailyDelivery.FAILED)
                      && r.imageKey() == null)).as("failed at generation").isNotEmpty();
                  Map<String, Integer> mails = BatchFixture.mailsByRecipient(GREEN_MAIL);
                  assertThat(mails.values()).allMatch(n -> n == 1);
                  assertThat(mails).hasSize(first.mailed());
                });
                return first;
              }))
              .compose(first -> {
                storage.heal();
                return run(app, BatchOptions.all(2)).map(second -> Map.entry(first, second));
              })
              .compose(both -> {
                BatchSummary first = both.getKey();
                BatchSummary second = both.getValue();
                long failedAtGeneration = afterFirst.values().stream()
                    .filter(r -> r.state().equals(DailyDelivery.FAILED) && r.imageKey() == null).count();
                ctx.verify(() -> {
                  assertThat(second.ok()).isTrue();
                  assertThat(second.skipped()).isEqualTo(first.mailed());
                  assertThat(second.mailed()).isEqualTo(first.failed());
                  assertThat(second.generated()).isEqualTo(failedAtGeneration);
                  assertMailedOnce(population);
                  assertNoTempFiles();
                });
                return Future.all(BatchFixture.deliveries(app, MONDAY),
                    count(app, "SELECT COUNT(*) FROM generated_images"),
                    count(app, "SELECT COUNT(DISTINCT user_id) FROM generated_images"));
              })
              .map(rows -> {
                Map<String, DailyDelivery> deliveries = rows.resultAt(0);
                ctx.verify(() -> {
                  assertThat(deliveries.values()).allMatch(DailyDelivery::isMailed);
                  assertThat((Long) rows.resultAt(1)).as("one image row per user").isEqualTo(due);
                  assertThat((Long) rows.resultAt(2)).isEqualTo(due);
                  assertThat(Polling.filesIn(dir.resolve("data").resolve(StorageKeys.GENERATED)))
                      .as("each recorded image and its four variants, nothing of the failed stores")
                      .isEqualTo(due * (1L + ImageVariant.siblingKeys("generated/x.png").size()));
                  afterFirst.values().stream().filter(r -> r.imageKey() != null).forEach(r ->
                      assertThat(deliveries.get(r.userId()).imageKey()).as("image kept for " + r.userId())
                          .isEqualTo(r.imageKey()));
                  afterFirst.values().stream().filter(r -> r.state().equals(DailyDelivery.FAILED)).forEach(r ->
                      assertThat(deliveries.get(r.userId()).attempts()).isEqualTo(2));
                });
                return deliveries;
              });
        }))
        .onComplete(ctx.succeedingThenComplete());
  }

  @Test
  @DisplayName("Users claimed by a run that died are taken over once the lease expires: resumed at the right step,"
      + " and one caught while mailing is never mailed again")
  void deadRunIsTakenOverAfterItsLease(Vertx vertx, VertxTestContext ctx) {
    AppConfig config = config();
    String dead = "dead-run";
    Application.deploy(vertx, config).compose(app -> BatchFixture.populate(app, 50, MONDAY).compose(population -> {
      List<Athlete> due = population.due();
      DeliveryStore store = DeliveryStore.createProxy(vertx);
      UserStore users = UserStore.createProxy(vertx);
      GenerationService generation = GenerationService.createProxy(vertx, config.generation());
      long now = System.currentTimeMillis();
      long lease = now + TimeUnit.SECONDS.toMillis(config.batch().leaseSeconds());
      String day = MONDAY.toString();
      Map<String, String> deadImages = new HashMap<>();
      // The dead run claimed the first, generated for the second, and was mailing the third.
      Future<Void> deadRun = store.claim(due.get(0).id(), day, dead, now, lease, 3)
          .compose(v -> Future.all(List.of(due.get(1), due.get(2)).stream().map(athlete -> store
              .claim(athlete.id(), day, dead, now, lease, 3)
              .compose(v2 -> users.findById(athlete.id()))
              .compose(user -> generation.generate(GenerationRequest.of(user.id(),
                  StorageKeys.upload(user.selfieFilename()), StorageKeys.embedding(user.selfieEmbeddingFilename()),
                  MONDAY, GenerationRequest.BATCH)))
              .compose(result -> {
                deadImages.put(athlete.id(), result.key());
                return store.markGenerated(athlete.id(), day, dead, result.key(), "ripped", null, now, lease);
              })).toList()))
          .compose(v -> store.beginMail(due.get(2).id(), day, dead, now, lease))
          .mapEmpty();
      Clock afterLease = Clock.offset(Clock.systemUTC(), Duration.ofSeconds(config.batch().leaseSeconds() + 60));
      return deadRun
          .compose(v -> batch(app, afterLease).run(MONDAY, BatchOptions.all(2)))
          .compose(summary -> {
            ctx.verify(() -> {
              assertThat(summary.processed()).isEqualTo(due.size() - 1);
              assertThat(summary.generated()).as("all but the two with images").isEqualTo(due.size() - 2);
              assertThat(summary.mailed()).isEqualTo(due.size() - 1);
              assertThat(summary.failed()).as("the one caught while mailing").isEqualTo(1);
              assertThat(summary.retriable()).isZero();
              assertThat(summary.ok()).isFalse();
              Map<String, Integer> mails = BatchFixture.mailsByRecipient(GREEN_MAIL);
              assertThat(mails).doesNotContainKey(due.get(2).email()).hasSize(due.size() - 1);
              assertThat(mails.values()).allMatch(n -> n == 1);
            });
            return Future.all(BatchFixture.deliveries(app, MONDAY),
                count(app, "SELECT COUNT(*) FROM generated_images"));
          })
          .compose(rows -> {
            Map<String, DailyDelivery> deliveries = rows.resultAt(0);
            ctx.verify(() -> {
              assertThat(deliveries.get(due.get(1).id()).imageKey()).isEqualTo(deadImages.get(due.get(1).id()));
              assertThat(deliveries.get(due.get(1).id()).state()).isEqualTo(DailyDelivery.MAILED);
              assertThat(deliveries.get(due.get(2).id()).state()).isEqualTo(DailyDelivery.MAILING);
              assertThat(deliveries.get(due.get(0).id()).attempts()).isEqualTo(2);
              assertThat((Long) rows.resultAt(1)).isEqualTo(due.size());
            });
            return batch(app, afterLease).run(MONDAY, BatchOptions.all(2));
          })
          .map(again -> {
            ctx.verify(() -> {
              assertThat(again.skipped()).isEqualTo(due.size() - 1);
              assertThat(again.failed()).isEqualTo(1);
              assertThat(again.generated() + again.mailed()).isZero();
              assertThat(BatchFixture.mailsByRecipient(GREEN_MAIL)).hasSize(due.size() - 1);
            });
            return again;
          });
    })).onComplete(ctx.succeedingThenComplete());
  }

  @Test
  @DisplayName("Two instances (two Vert.x, one database, one storage) running the same day at once process each"
      + " due user once between them")
  void concurrentRunsShareTheDay(Vertx vertx, VertxTestContext ctx) {
    AppConfig config = config();
    second = Vertx.vertx();
    Future.all(Application.deploy(vertx, config), Application.deployWithoutHttp(second, config)).compose(apps -> {
      Application one = apps.resultAt(0);
      Application two = apps.resultAt(1);
      return BatchFixture.populate(one, 100, MONDAY).compose(population -> Future.all(
              run(one, BatchOptions.all(2)), run(two, BatchOptions.all(2)))
          .compose(runs -> {
            BatchSummary a = runs.resultAt(0);
            BatchSummary b = runs.resultAt(1);
            int due = population.due().size();
            ctx.verify(() -> {
              assertThat(a.ok()).as(a.toString()).isTrue();
              assertThat(b.ok()).as(b.toString()).isTrue();
              assertThat(a.processed() + b.processed()).isEqualTo(due);
              assertThat(a.generated() + b.generated()).isEqualTo(due);
              assertThat(a.mailed() + b.mailed()).isEqualTo(due);
              assertMailedOnce(population);
            });
            return Future.all(count(one, "SELECT COUNT(*) FROM daily_deliveries"),
                count(one, "SELECT COUNT(*) FROM generated_images"));
          })
          .map(counts -> {
            ctx.verify(() -> {
              assertThat((Long) counts.resultAt(0)).isEqualTo(population.due().size());
              assertThat((Long) counts.resultAt(1)).isEqualTo(population.due().size());
            });
            return counts;
          }));
    }).onComplete(ctx.succeedingThenComplete());
  }
}
