package ai.motiv8.persistence;

import ai.motiv8.common.ApiException;
import ai.motiv8.config.AppConfig.DatabaseConfig;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.junit5.Timeout;
import io.vertx.junit5.VertxExtension;
import io.vertx.junit5.VertxTestContext;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static ai.motiv8.persistence.SqlStore.params;
import static org.assertj.core.api.Assertions.assertThat;

@ExtendWith(VertxExtension.class)
@Timeout(value = 60, timeUnit = TimeUnit.SECONDS)
@DisplayName("SQLite's one writer: group commits, a failing unit rolled back alone, back-pressure, drained on close")
class SqliteWriterTest {

  private static final String INSERT = "INSERT INTO users (id, email) VALUES (#{id}, #{email})";
  private static final String EMAIL_OF = "SELECT email FROM users WHERE id = #{id}";

  private DatabaseConfig database;
  private SqliteWriter writer;

  @BeforeEach
  void openWriter(Vertx vertx) throws Exception {
    database = TestDatabases.sqlite();
    SchemaMigrations.migrate(database);
    writer = SqliteWriter.open(vertx, SqlPools.jdbcUrl(database));
  }

  @AfterEach
  void closeWriter() throws InterruptedException {
    writer.close();
  }

  @Test
  @DisplayName("500 writes queued at once all commit, in far fewer transactions, and each unit sees its own rows")
  void concurrentWritesCommitTogether(Vertx vertx, VertxTestContext testContext) {
    int units = 500;
    vertx.runOnContext(v -> {
      List<Future<String>> writes = new ArrayList<>();
      for (int i = 0; i < units; i++) {
        String id = "user-" + i;
        writes.add(writer.write(session -> {
          session.update(INSERT, params("id", id, "email", id + "@example.com"));
          return session.query(EMAIL_OF, params("id", id), row -> (String) row.apply("email")).get(0);
        }));
      }
      Future.all(writes).onComplete(testContext.succeeding(all -> vertx.executeBlocking(
              () -> TestQueries.count(database, "SELECT COUNT(*) FROM users"))
          .onComplete(testContext.succeeding(rows -> testContext.verify(() -> {
            for (int i = 0; i < units; i++) {
              assertThat(writes.get(i).result()).isEqualTo("user-" + i + "@example.com");
            }
            assertThat(rows).isEqualTo(units);
            assertThat(writer.commits()).isBetween(1L, (long) units - 1);
            testContext.completeNow();
          })))));
    });
  }

  @Test
  @DisplayName("A unit that fails in a group commit is rolled back alone; the others of its transaction are kept")
  void failingUnitIsRolledBackAlone(Vertx vertx, VertxTestContext testContext) {
    Promise<Void> release = Promise.promise();
    vertx.runOnContext(v -> {
      // The writer waits on this pool write, so the next three units are queued for one commit.
      Future<Void> held = writer.exclusive(release::future);
      long commitsBefore = writer.commits();
      Future<Integer> first = writer.write(session -> session.update(INSERT, params("id", "a", "email", "a@example.com")));
      Future<Integer> failing = writer.write(session -> {
        session.update(INSERT, params("id", "b", "email", "b@example.com"));
        throw ApiException.badRequest("second thoughts");
      });
      Future<Integer> duplicate = writer.write(session -> session.update(INSERT, params("id", "c", "email", "a@example.com")));
      Future<Integer> third = writer.write(session -> session.update(INSERT, params("id", "d", "email", "d@example.com")));
      release.complete();
      Future.join(held, first, failing, duplicate, third).onComplete(done -> vertx.executeBlocking(
              () -> TestQueries.text(database, "SELECT group_concat(id, ',') FROM (SELECT id FROM users ORDER BY id)"))
          .onComplete(testContext.succeeding(ids -> testContext.verify(() -> {
            assertThat(first.result()).isEqualTo(1);
            assertThat(third.result()).isEqualTo(1);
            assertThat(failing.cause()).isInstanceOf(ApiException.class).hasMessageContaining("second thoughts");
            assertThat(SqlFailures.translate(duplicate.cause())).isInstanceOf(ApiException.class)
                .hasMessageContaining("Already used");
            assertThat(ids).isEqualTo("a,d");
            assertThat(writer.commits() - commitsBefore).isEqualTo(1);
            testContext.completeNow();
          }))));
    });
  }

  @Test
  @DisplayName("A unit alone in its transaction is committed whole or not at all, and only a commit is told")
  void loneUnitIsAllOrNothing(Vertx vertx, VertxTestContext testContext) {
    List<String> told = Collections.synchronizedList(new ArrayList<>());
    vertx.runOnContext(v -> {
      long commitsBefore = writer.commits();
      writer.<String>write(session -> {
            session.update(INSERT, params("id", "a", "email", "a@example.com"));
            throw ApiException.badRequest("second thoughts");
          }, told::add)
          .transform(failed -> {
            testContext.verify(() -> assertThat(failed.cause()).hasMessageContaining("second thoughts"));
            return writer.write(session -> {
              session.update(INSERT, params("id", "b", "email", "b@example.com"));
              session.update(INSERT, params("id", "c", "email", "c@example.com"));
              return "b,c";
            }, told::add);
          })
          .compose(written -> vertx.executeBlocking(() ->
              TestQueries.text(database, "SELECT group_concat(id, ',') FROM (SELECT id FROM users ORDER BY id)")))
          .onComplete(testContext.succeeding(ids -> testContext.verify(() -> {
            assertThat(ids).isEqualTo("b,c");
            assertThat(told).containsExactly("b,c");
            assertThat(writer.commits() - commitsBefore).isEqualTo(1);
            testContext.completeNow();
          })));
    });
  }

  @Test
  @DisplayName("Writes from two event loops are told to the commit hook in commit order, failed units not at all")
  void committedHookRunsInCommitOrder(Vertx vertx, VertxTestContext testContext) {
    List<String> told = Collections.synchronizedList(new ArrayList<>());
    List<String> queued = Collections.synchronizedList(new ArrayList<>());
    List<Future<String>> writes = Collections.synchronizedList(new ArrayList<>());
    int perLoop = 200;
    Promise<Void> bothQueued = Promise.promise();
    AtomicInteger loopsDone = new AtomicInteger();
    for (String loop : List.of("a", "b")) {
      vertx.getOrCreateContext().runOnContext(v -> {
        for (int i = 0; i < perLoop; i++) {
          String id = loop + i;
          boolean fails = i % 50 == 7;
          synchronized (queued) {
            queued.add(id);
            writes.add(writer.write(session -> {
              session.update(INSERT, params("id", id, "email", id + "@example.com"));
              if (fails) {
                throw ApiException.badRequest("no " + id);
              }
              return id;
            }, told::add));
          }
        }
        if (loopsDone.incrementAndGet() == 2) {
          bothQueued.complete();
        }
      });
    }
    bothQueued.future().compose(v -> Future.join(new ArrayList<>(writes)))
        .onComplete(done -> testContext.verify(() -> {
          List<String> succeeded = queued.stream().filter(id -> Integer.parseInt(id.substring(1)) % 50 != 7).toList();
          assertThat(told).containsExactlyElementsOf(succeeded);
          testContext.completeNow();
        }));
  }

  @Test
  @DisplayName("Beyond the queue's bound a write is refused at once with 503; those queued are all written")
  void fullQueueRefusesAtOnce(Vertx vertx, VertxTestContext testContext) {
    Promise<Void> release = Promise.promise();
    vertx.runOnContext(v -> {
      Future<Void> held = writer.exclusive(release::future);
      vertx.setTimer(50, started -> {
        List<Future<Integer>> queued = new ArrayList<>();
        for (int i = 0; i < SqliteWriter.MAX_QUEUED; i++) {
          String id = "queued-" + i;
          queued.add(writer.write(session -> session.update(INSERT, params("id", id, "email", id + "@example.com"))));
        }
        Future<Integer> refused = writer.write(session -> session.update(INSERT,
            params("id", "refused", "email", "refused@example.com")));
        testContext.verify(() -> {
          assertThat(refused.failed()).as("refused before the writer moves").isTrue();
          assertThat(refused.cause()).isInstanceOf(ApiException.class);
          assertThat(((ApiException) refused.cause()).kind()).isEqualTo(ApiException.Kind.UNAVAILABLE);
        });
        release.complete();
        Future.all(queued).compose(all -> held).onComplete(testContext.succeeding(all -> vertx.executeBlocking(
                () -> TestQueries.count(database, "SELECT COUNT(*) FROM users"))
            .onComplete(testContext.succeeding(rows -> testContext.verify(() -> {
              assertThat(rows).isEqualTo(SqliteWriter.MAX_QUEUED);
              testContext.completeNow();
            })))));
      });
    });
  }

  @Test
  @DisplayName("Closing writes what was queued first, then refuses new writes")
  void closeDrainsTheQueue(Vertx vertx, VertxTestContext testContext) {
    Promise<Void> release = Promise.promise();
    vertx.runOnContext(v -> {
      Future<Void> held = writer.exclusive(release::future);
      List<Future<Integer>> queued = new ArrayList<>();
      for (int i = 0; i < 10; i++) {
        Map<String, Object> row = params("id", "closing-" + i, "email", "closing-" + i + "@example.com");
        queued.add(writer.write(session -> session.update(INSERT, row)));
      }
      Future<Void> closed = vertx.executeBlocking(() -> {
        writer.close();
        return null;
      });
      vertx.setTimer(100, later -> release.complete());
      closed.compose(c -> Future.all(queued)).compose(all -> held)
          .compose(all -> vertx.executeBlocking(() -> TestQueries.count(database, "SELECT COUNT(*) FROM users")))
          .onComplete(testContext.succeeding(rows -> testContext.verify(() -> {
            assertThat(rows).isEqualTo(10);
            Future<Integer> late = writer.write(session -> session.update(INSERT, params("id", "late", "email", "late@x")));
            assertThat(late.failed()).isTrue();
            assertThat(late.cause()).isInstanceOf(ApiException.class);
            testContext.completeNow();
          })));
    });
  }
}
