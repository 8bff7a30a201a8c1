package ai.motiv8.users;

import ai.motiv8.common.Addresses;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.DeliveryOptions;
import io.vertx.core.eventbus.MessageConsumer;
import io.vertx.core.shareddata.LocalMap;
import io.vertx.core.shareddata.Shareable;

import java.time.Duration;
import java.util.Objects;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.function.Function;
import java.util.function.LongSupplier;

/**
 * This node's users by id, in front of {@link UserStore#findById} on the authentication path,
 * which every authenticated request takes; a reader says how old an entry it takes
 * ({@code http.userCacheSeconds}, the bound for changes made outside the cluster). The store forgets
 * a user here ({@link #changed}) when a change of it completes, before it answers, so a client
 * reads its own writes and a deleted account's tokens stop at once; other nodes hear of it on
 * {@link Addresses#USERS_CHANGED} a moment later. A lookup that overlapped a change of the same
 * user is not kept. Safe to use from any thread.
 */
public final class UserCache {

  static final int MAX_ENTRIES = 50_000;

  private static final int STRIPES = 256;
  private static final String EVERYONE = "*";
  private static final String ORIGIN_HEADER = "origin";

  private record Entry(User user, long loadedAtNanos) {
  }

  private final Vertx vertx;
  private final String origin = UUID.randomUUID().toString();
  private final LongSupplier nanoTime;
  /** This node's verticles share this cache: only other nodes need telling, and only in a cluster. */
  private final boolean tellsOtherNodes;
  private final ConcurrentHashMap<String, Entry> entries = new ConcurrentHashMap<>();
  /** Bumped by every change of a user in the stripe; a load that saw another value is not kept. */
  private final AtomicLongArray versions = new AtomicLongArray(STRIPES);

  /** Tells {@code vertx}'s event bus of every change (a test's stand-in for a node). */
  UserCache(Vertx vertx, LongSupplier nanoTime) {
    this(vertx, nanoTime, vertx != null);
  }

  private UserCache(Vertx vertx, LongSupplier nanoTime, boolean tellsOtherNodes) {
    this.vertx = vertx;
    this.nanoTime = nanoTime;
    this.tellsOtherNodes = tellsOtherNodes;
  }

  /** The cache of this Vert.x instance (one per node), shared by its verticles. */
  public static UserCache of(Vertx vertx) {
    LocalMap<String, Holder> caches = vertx.sharedData().getLocalMap(UserCache.class.getName());
    return caches.computeIfAbsent("users", name -> new Holder(new UserCache(vertx, System::nanoTime, vertx.isClustered()))).cache;
  }

  /**
   * The user, cached if loaded less than {@code maxAge} ago, else from {@code load} (and kept when
   * found and unchanged meanwhile); null when none. A zero {@code maxAge} always loads.
   */
  public Future<User> find(String id, Duration maxAge, Function<String, Future<User>> load) {
    if (maxAge.isZero()) {
      return load.apply(id);
    }
    long now = nanoTime.getAsLong();
    Entry entry = entries.get(id);
    if (entry != null && now - entry.loadedAtNanos() < maxAge.toNanos()) {
      return Future.succeededFuture(entry.user());
    }
    int stripe = stripe(id);
    long version = versions.get(stripe);
    return load.apply(id).onSuccess(user -> {
      if (user != null && id.equals(user.id())) {
        keep(id, new Entry(user, now), stripe, version);
      }
    });
  }

  /**
   * A change of this user completed (or may have): forgets it on this node now and on the others
   * soon. Null means every user (a change not by id).
   */
  public void changed(String userId) {
    forget(userId);
    if (tellsOtherNodes) {
      vertx.eventBus().publish(Addresses.USERS_CHANGED, userId == null ? EVERYONE : userId,
          new DeliveryOptions().addHeader(ORIGIN_HEADER, origin));
    }
  }

  /**
   * A change of this user completed with {@code after}, the row as the store committed it: kept on
   * this node (the user's next request needs no load), forgotten on the others. Only for a store
   * that tells the changes of a user in the order it committed them (SQLite's one writer, from its thread);
   * otherwise two changes at once could leave the older here, so others call {@link #changed}.
   */
  public void changedTo(User after) {
    changed(after.id());
    int stripe = stripe(after.id());
    keep(after.id(), new Entry(after, nanoTime.getAsLong()), stripe, versions.get(stripe));
  }

  /** Forgets what other nodes changed; register once per verticle that reads through the cache. */
  public MessageConsumer<String> listen() {
    Objects.requireNonNull(vertx, "a detached cache hears of no other node");
    return vertx.eventBus().consumer(Addresses.USERS_CHANGED, message -> {
      if (!origin.equals(message.headers().get(ORIGIN_HEADER))) {
        forget(EVERYONE.equals(message.body()) ? null : message.body());
      }
    });
  }

  int size() {
    return entries.size();
  }

  private void keep(String id, Entry entry, int stripe, long version) {
    if (versions.get(stripe) != version) {
      return;
    }
    if (entries.size() >= MAX_ENTRIES) {
      entries.clear();
    }
    entries.put(id, entry);
    // A change that bumped the version since the check above removes the entry itself only if it
    // removed after this put; otherwise undo the put here (at worst a miss).
    if (versions.get(stripe) != version) {
      entries.remove(id, entry);
    }
  }

  private void forget(String userId) {
    if (userId == null) {
      for (int stripe = 0; stripe < STRIPES; stripe++) {
        versions.incrementAndGet(stripe);
      }
      entries.clear();
    } else {
      versions.incrementAndGet(stripe(userId));
      entries.remove(userId);
    }
  }

  private static int stripe(String id) {
    return (id.hashCode() & 0x7fffffff) % STRIPES;
  }

  /** Lets the cache live in a {@link LocalMap}, which copies nothing that is {@link Shareable}. */
  private record Holder(UserCache cache) implements Shareable {
  }
}
