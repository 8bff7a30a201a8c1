package ai.motiv8.persistence;

import ai.motiv8.users.User;
import ai.motiv8.users.UserStore;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.Timeout;
import io.vertx.junit5.VertxExtension;
import io.vertx.junit5.VertxTestContext;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;

@ExtendWith(VertxExtension.class)
@Timeout(value = 60, timeUnit = TimeUnit.SECONDS)
@DisplayName("The user store on SQLite under concurrency")
class SqliteConcurrencyTest {

  private static final Logger LOG = LoggerFactory.getLogger(SqliteConcurrencyTest.class);
  private static final int CALLS = 200;
  private static final int EXISTING_USERS = 10;
  private static final int NEW_EMAILS = 20;

  @Test
  @DisplayName("200 concurrent first logins and workout-day updates all succeed and converge")
  void concurrentLoginsAndUpdates(Vertx vertx, VertxTestContext testContext) {
    UserStore store = UserStore.createProxy(vertx);
    vertx.deployVerticle(new PersistenceVerticle(TestDatabases.sqlite()))
        .compose(deployed -> Future.all(IntStream.range(0, EXISTING_USERS)
            .mapToObj(i -> store.findOrCreateByEmail("existing" + i + "@example.com")).toList()))
        .onComplete(testContext.succeeding(existing -> {
          List<User> users = existing.list();
          long started = System.nanoTime();
          List<Future<User>> calls = new ArrayList<>();
          for (int i = 0; i < CALLS; i++) {
            int n = i / 2;
            calls.add(i % 2 == 0
                ? store.findOrCreateByEmail("new" + (n % NEW_EMAILS) + "@example.com")
                : store.updateWorkoutDays(users.get(n % EXISTING_USERS).id(),
                    new JsonObject().put(User.DAYS.get(n % 7), true)));
          }
          Future.join(calls).onComplete(testContext.succeeding(all -> testContext.verify(() -> {
            LOG.info("{} concurrent calls on SQLite took {} ms", CALLS, (System.nanoTime() - started) / 1_000_000);
            Map<String, String> idByEmail = new HashMap<>();
            for (Future<User> call : calls) {
              User user = call.result();
              assertThat(idByEmail.putIfAbsent(user.email(), user.id())).isIn(null, user.id());
            }
            assertThat(idByEmail).hasSize(NEW_EMAILS + EXISTING_USERS);
            testContext.completeNow();
          })));
        }));
  }
}
