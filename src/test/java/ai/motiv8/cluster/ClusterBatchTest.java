package ai.motiv8.cluster;

import ai.motiv8.Application;
import ai.motiv8.batch.BatchOptions;
import ai.motiv8.batch.DailyBatch;
import ai.motiv8.config.AppConfig;
import ai.motiv8.generation.GenerationService;
import ai.motiv8.support.Polling;
import ai.motiv8.support.TestSelfies;
import ai.motiv8.users.User;
import ai.motiv8.users.UserStore;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.Timeout;
import io.vertx.junit5.VertxExtension;
import io.vertx.junit5.VertxTestContext;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.ZoneOffset;
import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The daily batch in a cluster: its scheduler runs on a worker node, never on an api node; a batch
 * sends its generation jobs through a {@link WorkerRouter}, spread over every worker node.
 */
@ExtendWith(VertxExtension.class)
@Timeout(value = 180, timeUnit = TimeUnit.SECONDS)
class ClusterBatchTest {

  private static final LocalDate MONDAY = LocalDate.of(2025, 1, 13);
  private static final int USERS = 12;

  @TempDir
  Path dir;

  ClusterNodes nodes;

  @BeforeEach
  void cluster() {
    nodes = new ClusterNodes(dir);
  }

  @AfterEach
  void closeNodes(VertxTestContext ctx) {
    nodes.closeAll().onComplete(ctx.succeedingThenComplete());
  }

  @Test
  @DisplayName("With the batch enabled everywhere, a worker node's scheduler runs today's batch and the api node"
      + " sends no job")
  void workerNodeSchedulesTheBatch(VertxTestContext ctx) {
    Map<String, String> batchFromMidnight = Map.of("BATCH_ENABLED", "true", "BATCH_TIME", "00:00",
        "BATCH_ZONE", "UTC");
    AtomicInteger jobsFromApi = new AtomicInteger();
    nodes.start("worker")
        .compose(faces -> nodes.start("api", batchFromMidnight))
        .compose(api -> {
          api.vertx().eventBus().addOutboundInterceptor(delivery -> {
            if (NodeAddresses.serviceOf(delivery.message().address()).equals(GenerationService.ADDRESS)) {
              jobsFromApi.incrementAndGet();
            }
            delivery.next();
          });
          return users(api)
              .compose(v -> sendNextMinute(api))
              .compose(v -> nodes.start("worker", batchFromMidnight))
              .compose(scheduler -> Polling.until(api.vertx(),
                  () -> Polling.filesIn(dir.resolve("outbox")) >= USERS, 150_000));
        })
        .onComplete(ctx.succeeding(run -> ctx.verify(() -> {
          assertThat(jobsFromApi).as("generation jobs sent by the api node").hasValue(0);
          assertThat(Polling.filesIn(dir.resolve("outbox"))).as("one mail per user").isEqualTo(USERS);
          ctx.completeNow();
        })));
  }

  @Test
  @DisplayName("A batch run through the worker router sends its generation jobs to both worker nodes; every due"
      + " user is mailed once")
  void jobsSpreadOverTheWorkers(VertxTestContext ctx) {
    List<AtomicInteger> jobs = List.of(new AtomicInteger(), new AtomicInteger());
    Future.all(nodes.start("worker"), nodes.start("worker")).compose(workers -> {
      for (int i = 0; i < 2; i++) {
        AtomicInteger count = jobs.get(i);
        workers.<Application>resultAt(i).vertx().eventBus().addInboundInterceptor(delivery -> {
          if (GenerationService.ADDRESS.equals(delivery.message().address())) {
            count.incrementAndGet();
          }
          delivery.next();
        });
      }
      return nodes.start("api");
    }).compose(api -> users(api).compose(v -> {
      AppConfig config = api.config();
      GenerationService generation = WorkerRouter.create(api.vertx()).proxy(GenerationService.class,
          GenerationService.ADDRESS, config.generation().timeoutMs() + GenerationService.PROXY_TIMEOUT_MARGIN_MS);
      return new DailyBatch(api.vertx(), config.batch(), config.generation(), generation, Clock.systemUTC())
          .run(MONDAY, BatchOptions.all(4));
    }).map(summary -> {
      ctx.verify(() -> {
        assertThat(summary.ok()).as(summary.toString()).isTrue();
        assertThat(summary.generated()).isEqualTo(USERS);
        assertThat(summary.mailed()).isEqualTo(USERS);
        assertThat(jobs).allMatch(count -> count.get() > 0, "each worker generated some");
        assertThat(jobs.get(0).get() + jobs.get(1).get()).isGreaterThanOrEqualTo(USERS);
        assertThat(Polling.filesIn(dir.resolve("outbox"))).as("mails in the outbox").isEqualTo(USERS);
      });
      return summary;
    })).onComplete(ctx.succeedingThenComplete());
  }

  /** {@link #USERS} users who work out every day, sharing one selfie (embedded on a worker). */
  /** Each user's send time becomes the next minute (UTC): today's 00:00 has passed, and each user has their own time. */
  private static Future<Void> sendNextMinute(Application api) {
    UserStore store = UserStore.createProxy(api.vertx());
    String nextMinute = java.time.LocalTime.now(ZoneOffset.UTC).plusMinutes(1)
        .format(java.time.format.DateTimeFormatter.ofPattern("HH:mm"));
    return store.usersWithSelfie().compose(all -> Future.all(all.stream()
        .map(user -> store.updatePreferences(user.id(), "UTC", nextMinute)).toList())).mapEmpty();
  }

  private static Future<Void> users(Application api) {
    UserStore store = UserStore.createProxy(api.vertx());
    JsonObject everyDay = new JsonObject();
    User.DAYS.forEach(day -> everyDay.put(day, true));
    return store.findOrCreateByEmail("cluster-batch-0@example.org")
        .compose(first -> TestSelfies.install(api, first.id(), "/photos/astronaut.png"))
        .compose(selfie -> {
          List<Future<User>> all = new ArrayList<>();
          for (int i = 0; i < USERS; i++) {
            all.add(store.findOrCreateByEmail("cluster-batch-" + i + "@example.org")
                .compose(user -> store.updateWorkoutDays(user.id(), everyDay))
                .compose(user -> store.replaceSelfie(user.id(), selfie.filename(), selfie.embeddingFilename(), null)));
          }
          return Future.all(all).mapEmpty();
        });
  }
}
