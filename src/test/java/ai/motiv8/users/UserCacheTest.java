package ai.motiv8.users;

import ai.motiv8.support.Polling;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.MessageConsumer;
import io.vertx.junit5.VertxExtension;
import io.vertx.junit5.VertxTestContext;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;

import static org.assertj.core.api.Assertions.assertThat;

/** The node's user cache: how old an entry may be, what forgets it, and what is never kept. */
@ExtendWith(VertxExtension.class)
class UserCacheTest {

  private static final Duration FIVE_SECONDS = Duration.ofSeconds(5);

  private final AtomicLong nanos = new AtomicLong(1_000_000_000L);

  /** A store of users by id that counts its lookups; a name change makes a new version. */
  private static final class CountingStore implements Function<String, Future<User>> {
    final Map<String, User> users = new HashMap<>();
    final AtomicInteger loads = new AtomicInteger();

    CountingStore with(String id, String name) {
      users.put(id, User.builder().id(id).email(id + "@example.org").name(name).build());
      return this;
    }

    @Override
    public Future<User> apply(String id) {
      loads.incrementAndGet();
      return Future.succeededFuture(users.get(id));
    }
  }

  private UserCache cache(Vertx vertx) {
    return new UserCache(vertx, nanos::get);
  }

  private static String nameOf(Future<User> found) {
    assertThat(found.succeeded()).isTrue();
    return found.result().name();
  }

  @Test
  @DisplayName("a user loaded less than maxAge ago is answered without a lookup; an older one is looked up again")
  void keepsForMaxAge(Vertx vertx) {
    UserCache cache = cache(vertx);
    CountingStore store = new CountingStore().with("u1", "Ada");

    assertThat(nameOf(cache.find("u1", FIVE_SECONDS, store))).isEqualTo("Ada");
    store.with("u1", "Ada Lovelace");
    nanos.addAndGet(Duration.ofMillis(4999).toNanos());
    assertThat(nameOf(cache.find("u1", FIVE_SECONDS, store))).isEqualTo("Ada");
    assertThat(store.loads).hasValue(1);

    nanos.addAndGet(Duration.ofMillis(1).toNanos());
    assertThat(nameOf(cache.find("u1", FIVE_SECONDS, store))).isEqualTo("Ada Lovelace");
    assertThat(store.loads).hasValue(2);
  }

  @Test
  @DisplayName("changed(id) forgets that user at once, changed(null) everyone")
  void changedForgets(Vertx vertx) {
    UserCache cache = cache(vertx);
    CountingStore store = new CountingStore().with("u1", "Ada").with("u2", "Grace");
    cache.find("u1", FIVE_SECONDS, store);
    cache.find("u2", FIVE_SECONDS, store);

    store.with("u1", "Ada L.").with("u2", "Grace H.");
    cache.changed("u1");
    assertThat(nameOf(cache.find("u1", FIVE_SECONDS, store))).isEqualTo("Ada L.");
    assertThat(nameOf(cache.find("u2", FIVE_SECONDS, store))).isEqualTo("Grace");

    cache.changed(null);
    assertThat(cache.size()).isZero();
    assertThat(nameOf(cache.find("u2", FIVE_SECONDS, store))).isEqualTo("Grace H.");
    assertThat(store.loads).hasValue(4);
  }

  @Test
  @DisplayName("changedTo(user) keeps the committed row, so the next lookup needs no load; a load begun before it is not kept")
  void changedToKeepsTheCommittedRow(Vertx vertx) {
    UserCache cache = cache(vertx);
    CountingStore store = new CountingStore().with("u1", "before");
    Promise<User> slowLookup = Promise.promise();
    Future<User> overlapping = cache.find("u1", FIVE_SECONDS, id -> slowLookup.future());

    store.with("u1", "after");
    cache.changedTo(store.users.get("u1"));
    slowLookup.complete(User.builder().id("u1").email("u1@example.org").name("before").build());

    assertThat(nameOf(overlapping)).isEqualTo("before");
    assertThat(nameOf(cache.find("u1", FIVE_SECONDS, store))).isEqualTo("after");
    assertThat(store.loads).hasValue(0);
  }

  @Test
  @DisplayName("a lookup that overlapped a change of the same user is answered but not kept")
  void lookupOverlappingAChangeIsNotKept(Vertx vertx) {
    UserCache cache = cache(vertx);
    CountingStore store = new CountingStore().with("u1", "before");
    Promise<User> slowLookup = Promise.promise();

    Future<User> found = cache.find("u1", FIVE_SECONDS, id -> slowLookup.future());
    store.with("u1", "after");
    cache.changed("u1");
    slowLookup.complete(User.builder().id("u1").email("u1@example.org").name("before").build());

    assertThat(nameOf(found)).isEqualTo("before");
    assertThat(cache.size()).isZero();
    assertThat(nameOf(cache.find("u1", FIVE_SECONDS, store))).isEqualTo("after");
  }

  @Test
  @DisplayName("a missing user is never kept, so an account created later is found at once")
  void missingUserIsNotKept(Vertx vertx) {
    UserCache cache = cache(vertx);
    CountingStore store = new CountingStore();

    assertThat(cache.find("u1", FIVE_SECONDS, store).result()).isNull();
    store.with("u1", "Ada");
    assertThat(nameOf(cache.find("u1", FIVE_SECONDS, store))).isEqualTo("Ada");
    assertThat(store.loads).hasValue(2);
  }

  @Test
  @DisplayName("a failed lookup is not kept and fails the reader")
  void failedLookupIsNotKept(Vertx vertx) {
    UserCache cache = cache(vertx);

    Future<User> found = cache.find("u1", FIVE_SECONDS, id -> Future.failedFuture("database down"));

    assertThat(found.failed()).isTrue();
    assertThat(found.cause()).hasMessage("database down");
    assertThat(cache.size()).isZero();
  }

  @Test
  @DisplayName("maxAge zero looks the user up every time and keeps nothing")
  void zeroMaxAgeAlwaysLoads(Vertx vertx) {
    UserCache cache = cache(vertx);
    CountingStore store = new CountingStore().with("u1", "Ada");

    cache.find("u1", Duration.ZERO, store);
    cache.find("u1", Duration.ZERO, store);

    assertThat(store.loads).hasValue(2);
    assertThat(cache.size()).isZero();
  }

  @Test
  @DisplayName("the cache holds at most MAX_ENTRIES users")
  void bounded(Vertx vertx) {
    UserCache cache = cache(vertx);
    CountingStore store = new CountingStore();
    for (int i = 0; i <= UserCache.MAX_ENTRIES; i++) {
      store.with("u" + i, "n" + i);
    }

    for (int i = 0; i <= UserCache.MAX_ENTRIES; i++) {
      cache.find("u" + i, FIVE_SECONDS, store);
    }

    assertThat(cache.size()).isBetween(1, UserCache.MAX_ENTRIES);
    assertThat(nameOf(cache.find("u" + UserCache.MAX_ENTRIES, FIVE_SECONDS, store)))
        .isEqualTo("n" + UserCache.MAX_ENTRIES);
  }

  @Test
  @DisplayName("a change on another node's cache reaches this one over the event bus")
  void otherNodesForgetOnPublish(Vertx vertx, VertxTestContext ctx) {
    UserCache here = cache(vertx);
    UserCache there = cache(vertx);
    MessageConsumer<String> listening = here.listen();
    CountingStore store = new CountingStore().with("u1", "Ada").with("u2", "Grace");

    listening.completion()
        .compose(registered -> {
          here.find("u1", FIVE_SECONDS, store);
          here.find("u2", FIVE_SECONDS, store);
          there.changed("u1");
          return Polling.until(vertx, () -> here.size() == 1, 5000);
        })
        .compose(forgotten -> {
          there.changed(null);
          return Polling.until(vertx, () -> here.size() == 0, 5000);
        })
        .onComplete(ctx.succeeding(done -> ctx.verify(() -> {
          assertThat(store.loads).hasValue(2);
          listening.unregister();
          ctx.completeNow();
        })));
  }

  @Test
  @DisplayName("every Vert.x instance has one cache, shared by its verticles")
  void oneCachePerNode(Vertx vertx) {
    Vertx other = Vertx.vertx();
    try {
      assertThat(UserCache.of(vertx)).isSameAs(UserCache.of(vertx)).isNotSameAs(UserCache.of(other));
    } finally {
      other.close();
    }
  }
}
