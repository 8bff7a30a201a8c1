package ai.motiv8.account;

import ai.motiv8.common.ApiException;
import ai.motiv8.storage.StorageKeys;
import ai.motiv8.storage.StorageService;
import ai.motiv8.users.User;
import ai.motiv8.users.UserStore;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

/**
 * Deletes an account and everything it has, in an order that can be resumed: (1) the user is
 * marked as being deleted, so it can no longer sign in, be served or mailed; (2) every storage
 * object of the user is deleted (selfie, embedding, generated images; a missing object counts as
 * deleted); (3) the rows (daily deliveries, generated images, the user) are deleted in one
 * transaction. When storage fails half-way, the mark stays and the deletion fails with 503; a retry
 * ({@code DELETE /api/account} again, a sign-in of the same person, or the daily batch's start
 * through {@link #resumePending}) runs the same steps again and finishes the job.
 *
 * <p>Works over the event-bus {@link StorageService} and {@link UserStore} of this process, so the
 * API and a batch node use it alike.
 */
public final class AccountDeletion {

  private static final Logger log = LoggerFactory.getLogger(AccountDeletion.class);

  /** Storage deletes in flight at once for one account. */
  static final int PARALLEL_DELETES = 8;

  private final UserStore users;
  private final StorageService storage;
  private final Clock clock;

  public AccountDeletion(UserStore users, StorageService storage, Clock clock) {
    this.users = users;
    this.storage = storage;
    this.clock = clock;
  }

  /** Over this process's user store and storage service. */
  public static AccountDeletion create(Vertx vertx) {
    return new AccountDeletion(UserStore.createProxy(vertx), StorageService.createProxy(vertx), Clock.systemUTC());
  }

  /**
   * The batch's hook: finishes every deletion that an earlier attempt left half-way. Never fails;
   * completes with the number of accounts it finished.
   */
  public static Future<Integer> resumePending(Vertx vertx) {
    return create(vertx).resumePending();
  }

  /**
   * Deletes the account; completes once every object and row is gone (also when the user was gone
   * already). Fails with 503 when storage or the database failed: the account stays marked and a
   * retry finishes it.
   */
  public Future<Void> delete(String userId) {
    long started = System.nanoTime();
    return users.markDeleting(userId, clock.millis()).compose(user -> {
      if (user == null) {
        return Future.<Void>succeededFuture();
      }
      return users.storageKeysOf(userId)
          .compose(keys -> deleteObjects(userId, keys)
              .compose(v -> users.purgeDeletedUser(userId))
              .onSuccess(purged -> log.info("Account {} deleted: {} storage objects and its rows in {} ms", userId,
                  keys.size(), TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started))))
          .<Void>mapEmpty();
    }).recover(error -> {
      log.warn("Deletion of account {} did not finish (it is retried): {}", userId, error.getMessage());
      return Future.failedFuture(new ApiException(ApiException.Kind.UNAVAILABLE,
          "Account deletion could not finish; it is retried on the next request", error));
    });
  }

  /** Finishes pending deletions one account at a time; never fails. */
  public Future<Integer> resumePending() {
    return users.usersBeingDeleted()
        .compose(ids -> {
          if (!ids.isEmpty()) {
            log.info("Resuming the deletion of {} account(s)", ids.size());
          }
          Future<Integer> chain = Future.succeededFuture(0);
          for (String id : ids) {
            chain = chain.compose(done -> delete(id).map(done + 1).otherwise(done));
          }
          return chain;
        })
        .otherwise(error -> {
          log.warn("Pending account deletions not resumed: {}", error.getMessage());
          return 0;
        });
  }

  /**
   * A sign-in that found an account being deleted finishes that deletion first, then signs in
   * again, which creates a fresh account: a deleted account never comes back. 503 while the
   * deletion cannot finish.
   */
  public Future<User> signInFresh(Supplier<Future<User>> signIn) {
    return signIn.get().compose(user -> {
      if (!user.isBeingDeleted()) {
        return Future.succeededFuture(user);
      }
      log.info("Sign-in of account {} that is being deleted: finishing the deletion first", user.id());
      return delete(user.id())
          .recover(error -> Future.failedFuture(ApiException.unavailable(
              "This account is being deleted; try again in a few minutes")))
          .compose(deleted -> signIn.get())
          .compose(fresh -> fresh.isBeingDeleted()
              ? Future.failedFuture(ApiException.unavailable("This account is being deleted; try again in a few minutes"))
              : Future.succeededFuture(fresh));
    });
  }

  /** Deletes the keys, {@link #PARALLEL_DELETES} at a time; fails with the first failure. */
  private Future<Void> deleteObjects(String userId, List<String> keys) {
    Promise<Void> done = Promise.promise();
    AtomicInteger next = new AtomicInteger();
    AtomicInteger running = new AtomicInteger(Math.min(PARALLEL_DELETES, keys.size()));
    if (running.get() == 0) {
      return Future.succeededFuture();
    }
    for (int lane = 0; lane < running.get(); lane++) {
      deleteNext(userId, keys, next, running, done);
    }
    return done.future();
  }

  private void deleteNext(String userId, List<String> keys, AtomicInteger next, AtomicInteger running,
                          Promise<Void> done) {
    int index = next.getAndIncrement();
    if (index >= keys.size() || done.future().isComplete()) {
      if (running.decrementAndGet() == 0) {
        done.tryComplete();
      }
      return;
    }
    deleteOne(userId, keys.get(index)).onComplete(result -> {
      if (result.failed()) {
        done.tryFail(result.cause());
      }
      deleteNext(userId, keys, next, running, done);
    });
  }

  /** A key the store would refuse (an odd legacy value) names no object of ours: nothing to delete. */
  private Future<Void> deleteOne(String userId, String key) {
    if (!StorageKeys.isValid(key)) {
      log.warn("Account {}: skipping the storage key {}, which is not one of ours", userId, key);
      return Future.succeededFuture();
    }
    return storage.delete(key);
  }
}
