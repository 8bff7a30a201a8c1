package ai.motiv8.persistence;

import ai.motiv8.common.ApiException;
import ai.motiv8.storage.ImageVariant;
import ai.motiv8.storage.StorageKeys;
import ai.motiv8.users.Gender;
import ai.motiv8.users.GeneratedImage;
import ai.motiv8.users.Mode;
import ai.motiv8.users.User;
import ai.motiv8.users.UserCache;
import ai.motiv8.users.UserStore;
import ai.motiv8.users.WorkoutDays;
import io.vertx.core.AsyncResult;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.templates.SqlTemplate;

import ai.motiv8.users.SendSchedule;

import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static ai.motiv8.persistence.SqlStore.day;
import static ai.motiv8.persistence.SqlStore.params;
import static ai.motiv8.persistence.SqlStore.update;

/**
 * {@link UserStore} over SQL templates, one implementation for SQLite and PostgreSQL. First logins
 * are settled by the unique indexes (insert with {@code ON CONFLICT DO NOTHING}, then read back);
 * selfie swaps run in a transaction that holds the user's row. Every change of a user, done or
 * failed half-way, is told to the node's {@link UserCache} before it is answered. Every public
 * method fails with a {@code ServiceException} whose code is an HTTP status.
 */
public final class UserRepository extends SqlStore implements UserStore {

  private final UserSchedules schedules;
  private final UserCache cache;

  /**
   * @param reads the pool of single-statement reads (SQLite: readers beside the one writer)
   * @param writer SQLite's writer (null for PostgreSQL)
   * @param schedule the batch's default zone and time, for the next sends
   * @param clock "now" of the next sends
   * @param cache the node's cache of users, told of every change
   */
  UserRepository(Pool pool, Pool reads, SqliteWriter writer, SendSchedule schedule, Clock clock, UserCache cache) {
    super(pool, reads, writer);
    this.schedules = new UserSchedules(schedule, clock);
    this.cache = cache;
  }

  @Override
  public Future<User> findById(String id) {
    return served(findUser(UserSql.FIND_BY_ID, params("id", id)));
  }

  @Override
  public Future<User> findByEmail(String email) {
    return served(findUser(UserSql.FIND_BY_EMAIL, params("email", email)));
  }

  @Override
  public Future<User> findOrCreateByEmail(String email) {
    if (email == null || email.isBlank()) {
      return served(Future.failedFuture(ApiException.badRequest("Email is required")));
    }
    return served(findUser(UserSql.FIND_BY_EMAIL, params("email", email))
        .compose(found -> found != null ? Future.succeededFuture(found) : insertIfAbsent(email, null)
            .compose(inserted -> findUser(UserSql.FIND_BY_EMAIL, params("email", email))))
        .compose(user -> user != null ? Future.succeededFuture(user) : changedConcurrently()));
  }

  @Override
  public Future<User> signInWithGoogle(String googleId, String email, String name) {
    if (googleId == null || googleId.isBlank() || email == null || email.isBlank()) {
      return served(Future.failedFuture(ApiException.badRequest("Google id and email are required")));
    }
    String givenName = name == null || name.isBlank() ? null : name.trim();
    return served(findByGoogleId(googleId)
        .compose(user -> user != null ? Future.succeededFuture(user) : linkByEmail(googleId, email))
        .compose(user -> user != null ? Future.succeededFuture(user) : insertIfAbsent(email, googleId, null, givenName)
            .compose(inserted -> linkByEmail(googleId, email)))
        // Still none: a concurrent sign-in of the same Google account under another e-mail won.
        .compose(user -> user != null ? Future.succeededFuture(user) : findByGoogleId(googleId))
        .compose(user -> user != null ? Future.succeededFuture(user) : changedConcurrently())
        .compose(user -> keepName(user, givenName))
        .andThen(this::signedIn));
  }

  @Override
  public Future<User> updateMode(String userId, String mode) {
    Mode chosen = Mode.lookup(mode).orElse(null);
    if (chosen == null) {
      return served(Future.failedFuture(ApiException.badRequest("mode must be one of shame, toned, ripped, furry")));
    }
    return changeSettings(userId, UserSql.UPDATE_MODE, params("id", userId, "mode", chosen.wireName()), false);
  }

  @Override
  public Future<User> updateAntiMotivationMode(String userId, boolean antiMotivationMode) {
    return changeSettings(userId, UserSql.UPDATE_ANTI_MOTIVATION_MODE,
        params("id", userId, "antiMotivationMode", antiMotivationMode), false);
  }

  @Override
  public Future<User> storeFace(String userId, String selfieFilename, String embeddingFilename, String embeddingModel,
                                String gender) {
    if (selfieFilename == null || embeddingFilename == null) {
      return served(Future.failedFuture(ApiException.badRequest("Selfie and embedding names are required")));
    }
    return served(changing(userId, inTransaction(connection -> update(connection, UserSql.LOCK_USER,
            params("id", userId))
        .compose(locked -> locked > 0
            ? findUser(connection, UserSql.FIND_BY_ID, params("id", userId))
            : Future.failedFuture(userNotFound()))
        .compose(before -> update(connection, UserSql.SET_FACE, params(
                "id", userId, "selfieFilename", selfieFilename, "embeddingFilename", embeddingFilename,
                "embeddingModel", embeddingModel, "gender", Gender.normalize(gender)))
            .compose(updated -> updated > 0 ? Future.succeededFuture(before) : Future.failedFuture(
                new ApiException(ApiException.Kind.CONFLICT, "The selfie changed meanwhile")))))));
  }

  @Override
  public Future<User> signInWithApple(String appleId, String email, String name) {
    if (appleId == null || appleId.isBlank()) {
      return served(Future.failedFuture(ApiException.badRequest("Apple id is required")));
    }
    String givenName = name == null || name.isBlank() ? null : name.trim();
    return served(findByAppleId0(appleId)
        .compose(user -> user != null || email == null ? Future.succeededFuture(user) : linkAppleByEmail(appleId, email))
        .compose(user -> {
          if (user != null) {
            return Future.succeededFuture(user);
          }
          if (email == null) {
            return Future.failedFuture(ApiException.badRequest("Email required to create account"));
          }
          return insertIfAbsent(email, null, appleId, givenName)
              .compose(inserted -> linkAppleByEmail(appleId, email))
              // Still none: a concurrent sign-in of the same Apple account under another e-mail won.
              .compose(found -> found != null ? Future.succeededFuture(found) : findByAppleId0(appleId));
        })
        .compose(user -> user != null ? Future.succeededFuture(user) : changedConcurrently())
        .compose(user -> keepName(user, givenName))
        .andThen(this::signedIn));
  }

  @Override
  public Future<User> findByAppleId(String appleId) {
    return served(findByAppleId0(appleId));
  }

  @Override
  public Future<Boolean> clearAppleId(String appleId) {
    return served(changingAnyone(write(UserSql.CLEAR_APPLE_ID, params("appleId", appleId)).map(cleared -> cleared > 0)));
  }

  @Override
  public Future<Boolean> consumeSignInState(String stateId, long expiresAtMillis, long nowMillis) {
    if (stateId == null || stateId.isBlank()) {
      return served(Future.failedFuture(ApiException.badRequest("Sign-in state is required")));
    }
    return served(write(UserSql.DELETE_EXPIRED_SIGN_IN_STATES, params("now", nowMillis))
        .compose(purged -> write(UserSql.INSERT_SIGN_IN_STATE, params("id", stateId, "expiresAt", expiresAtMillis)))
        .map(inserted -> inserted > 0));
  }

  @Override
  public Future<User> markDeleting(String userId, long nowMillis) {
    return served(changing(userId, writing(client -> update(client, UserSql.MARK_DELETING,
            params("id", userId, "now", nowMillis))
        .compose(marked -> schedules.refresh(client, userId)))));
  }

  @Override
  public Future<List<String>> storageKeysOf(String userId) {
    return served(findUser(UserSql.FIND_BY_ID, params("id", userId)).compose(user -> {
      if (user == null) {
        return Future.succeededFuture(List.<String>of());
      }
      return SqlTemplate.forQuery(reads, UserSql.IMAGE_KEYS_OF_USER)
          .mapTo(row -> row.getString("object_key"))
          .execute(params("id", userId))
          .map(rows -> {
            java.util.TreeSet<String> keys = new java.util.TreeSet<>();
            for (String key : rows) {
              keys.add(key);
              if (key.startsWith(StorageKeys.GENERATED + "/") && StorageKeys.isValid(key)) {
                keys.addAll(ImageVariant.siblingKeys(key));
              }
            }
            if (user.selfieFilename() != null) {
              keys.add(StorageKeys.upload(user.selfieFilename()));
            }
            if (user.selfieEmbeddingFilename() != null) {
              keys.add(StorageKeys.embedding(user.selfieEmbeddingFilename()));
            }
            return List.copyOf(keys);
          });
    }));
  }

  @Override
  public Future<Boolean> purgeDeletedUser(String userId) {
    Map<String, Object> id = params("id", userId);
    return served(changing(userId, inTransaction(connection -> update(connection, UserSql.DELETE_DELIVERIES_OF_USER, id)
        .compose(deliveries -> update(connection, UserSql.DELETE_IMAGES_OF_USER, id))
        .compose(images -> update(connection, UserSql.DELETE_USER_BEING_DELETED, id))
        .compose(users -> users > 0 ? Future.succeededFuture(true)
            // Not marked (or gone): roll back, so that nothing of an unmarked user is deleted.
            : Future.<Boolean>failedFuture(new NotMarked())))
        .recover(error -> error instanceof NotMarked ? Future.succeededFuture(false) : Future.failedFuture(error))));
  }

  @Override
  public Future<List<String>> usersBeingDeleted() {
    return served(SqlTemplate.forQuery(reads, UserSql.USERS_BEING_DELETED)
        .mapTo(row -> row.getString("id"))
        .execute(Map.of())
        .map(UserRepository::listOf));
  }

  @Override
  public Future<List<GeneratedImage>> generatedImagesOf(String userId) {
    return served(SqlTemplate.forQuery(reads, UserSql.IMAGES_OF_USER)
        .mapTo(UserRows::generatedImage)
        .execute(params("id", userId))
        .map(UserRepository::listOf));
  }

  @Override
  public Future<User> updateWorkoutDays(String userId, JsonObject workoutDays) {
    return changeSettings(userId, UserSql.UPDATE_WORKOUT_DAYS,
        params("id", userId, "workoutDays", WorkoutDays.shared(workoutDays)), true);
  }

  @Override
  public Future<User> updatePreferences(String userId, String timeZone, String sendTime) {
    return changeSettings(userId, ScheduleSql.SET_PREFERENCES,
        params("id", userId, "timeZone", timeZone, "sendTime", sendTime), true);
  }

  @Override
  public Future<User> setEmailOptOut(String userId, boolean optOut) {
    return changeSettings(userId, ScheduleSql.SET_OPT_OUT, params("id", userId, "optOut", optOut), true);
  }

  @Override
  public Future<List<User>> usersDueBetween(long fromMillis, long toMillis, int limit) {
    return served(schedules.due(pool, fromMillis, toMillis, limit));
  }

  @Override
  public Future<Boolean> advanceSchedule(String userId, String servedDate, long nowMillis) {
    return served(changing(userId,
        day(servedDate).compose(day -> writing(client -> schedules.advance(client, userId, day.toString(), nowMillis)))));
  }

  @Override
  public Future<Boolean> postponeSend(String userId, String date, long untilMillis) {
    return served(changing(userId,
        day(date).compose(day -> writing(client -> schedules.postpone(client, userId, day.toString(), untilMillis)))));
  }

  @Override
  public Future<Integer> reschedule(long nowMillis, long staleBeforeMillis) {
    return served(writing(client -> schedules.reschedule(client, nowMillis, staleBeforeMillis))
        .andThen(done -> {
          if (done.failed() || done.result() > 0) {
            cache.changed(null);
          }
        }));
  }

  @Override
  public Future<User> replaceSelfie(String userId, String selfieFilename, String embeddingFilename,
                                    String embeddingModel) {
    if (selfieFilename == null || embeddingFilename == null) {
      return served(Future.failedFuture(ApiException.badRequest("Selfie and embedding names are required")));
    }
    return served(changing(userId, swapSelfie(userId, selfieFilename, embeddingFilename, embeddingModel)));
  }

  @Override
  public Future<User> clearSelfie(String userId) {
    return served(changing(userId, swapSelfie(userId, null, null, null)));
  }

  @Override
  public Future<Void> deleteUser(String userId) {
    return served(changing(userId, inTransaction(connection -> update(connection, UserSql.DELETE_IMAGES_OF_USER,
            params("id", userId))
        .compose(images -> update(connection, UserSql.DELETE_USER, params("id", userId)))
        .compose(users -> users > 0 ? Future.<Void>succeededFuture() : Future.failedFuture(userNotFound())))));
  }

  @Override
  public Future<List<User>> usersWithSelfie() {
    return served(SqlTemplate.forQuery(reads, UserSql.USERS_WITH_SELFIE)
        .mapTo(UserRows::user)
        .execute(Map.of())
        .map(rows -> {
          List<User> users = new ArrayList<>(rows.size());
          rows.forEach(users::add);
          return users;
        }));
  }

  @Override
  public Future<GeneratedImage> recordGeneratedImage(GeneratedImage image) {
    if (image == null || image.userId() == null || image.s3Key() == null) {
      return served(Future.failedFuture(ApiException.badRequest("User and storage key are required")));
    }
    String id = image.id() != null ? image.id() : UUID.randomUUID().toString();
    // Under the user's row lock, so that a deletion that starts meanwhile either sees the image or
    // makes this fail (404): no image outlives its user's deletion.
    return served(changing(image.userId(), day(image.generationDate())
        .compose(day -> inTransaction(connection -> update(connection, UserSql.LOCK_USER,
                params("id", image.userId()))
            .compose(locked -> locked > 0 ? update(connection, UserSql.INSERT_IMAGE, params(
                "id", id, "userId", image.userId(), "s3Key", image.s3Key(), "generationDate", day,
                "generatedAtMillis", image.generatedAtMillis(), "mode", image.mode(), "source", image.source(),
                "identityScore", image.identityScore())) : Future.<Integer>failedFuture(userNotFound())))
            .map(inserted -> new GeneratedImage(id, image.userId(), image.s3Key(), day.toString(),
                image.generatedAtMillis(), image.mode(), image.source(), image.identityScore())))));
  }

  @Override
  public Future<GeneratedImage> latestGeneratedImage(String userId, String generationDate) {
    return served(day(generationDate)
        .compose(day -> SqlTemplate.forQuery(reads, UserSql.LATEST_IMAGE)
            .mapTo(UserRows::generatedImage)
            .execute(params("userId", userId, "generationDate", day)))
        .map(UserRepository::firstOrNull));
  }

  @Override
  public Future<Void> ping() {
    return served(pool.query(UserSql.PING).execute().mapEmpty());
  }

  /** The change, after which (done or not) the user is forgotten by the caches. */
  private <T> Future<T> changing(String userId, Future<T> change) {
    return change.andThen(done -> cache.changed(userId));
  }

  /** A change of a user not known by id. */
  private <T> Future<T> changingAnyone(Future<T> change) {
    return change.andThen(done -> cache.changed(null));
  }

  /** A sign-in may link an account or fill a name: that user changed (any user, when it failed). */
  private void signedIn(AsyncResult<User> done) {
    cache.changed(done.succeeded() ? done.result().id() : null);
  }

  private Future<User> findUser(String sql, Map<String, Object> params) {
    return findUser(reads, sql, params);
  }

  private Future<Integer> write(String sql, Map<String, Object> params) {
    return writing(client -> update(client, sql, params));
  }

  /**
   * A change of one user's settings: {@code sql} updates that user and returns the row
   * ({@link UserSql#RETURNING_USER}); then, when the change bears on it, the next send from now.
   * On SQLite a unit of the writer's group commit.
   */
  private Future<User> changeSettings(String userId, String sql, Map<String, Object> params, boolean reschedule) {
    if (writer != null) {
      // The row the writer committed stands in the node's cache, told in commit order.
      return served(writer.write(session -> {
        User user = firstOrNull(session.query(sql, params, UserRows::user));
        if (user == null) {
          throw userNotFound();
        }
        return reschedule ? schedules.reschedule(session, user) : user;
      }, cache::changedTo));
    }
    Future<User> changed;
    if (reschedule) {
      changed = inTransaction(connection -> returnedUser(connection, sql, params)
          .compose(user -> schedules.reschedule(connection, user)));
    } else {
      changed = returnedUser(pool, sql, params);
    }
    return served(changing(userId, changed));
  }

  private static Future<User> returnedUser(SqlClient client, String sql, Map<String, Object> params) {
    return findUser(client, sql, params).compose(user -> user != null ? Future.succeededFuture(user)
        : Future.failedFuture(userNotFound()));
  }

  private static Future<User> findUser(SqlClient client, String sql, Map<String, Object> params) {
    return SqlTemplate.forQuery(client, sql)
        .mapTo(UserRows::user)
        .execute(params)
        .map(UserRepository::firstOrNull);
  }

  private static <T> List<T> listOf(Iterable<T> rows) {
    List<T> all = new ArrayList<>();
    rows.forEach(all::add);
    return all;
  }

  /** Ends a purge's transaction with a rollback; never leaves this class. */
  private static final class NotMarked extends RuntimeException {
    NotMarked() {
      super("user is not marked for deletion", null, false, false);
    }
  }

  private static <T> T firstOrNull(Iterable<T> rows) {
    Iterator<T> iterator = rows.iterator();
    return iterator.hasNext() ? iterator.next() : null;
  }

  private Future<User> findByGoogleId(String googleId) {
    return findUser(UserSql.FIND_BY_GOOGLE_ID, params("googleId", googleId));
  }

  private Future<User> findByAppleId0(String appleId) {
    return findUser(UserSql.FIND_BY_APPLE_ID, params("appleId", appleId));
  }

  /** The user with this e-mail, linked to the Apple subject unless linked to one already; null when none. */
  private Future<User> linkAppleByEmail(String appleId, String email) {
    return write(UserSql.LINK_APPLE_ID, params("appleId", appleId, "email", email))
        .compose(linked -> findUser(UserSql.FIND_BY_EMAIL, params("email", email)));
  }

  private Future<User> findExisting(String userId) {
    return findUser(UserSql.FIND_BY_ID, params("id", userId))
        .compose(user -> user != null ? Future.succeededFuture(user) : Future.failedFuture(userNotFound()));
  }

  private Future<Integer> insertIfAbsent(String email, String googleId) {
    return insertIfAbsent(email, googleId, null, null);
  }

  private Future<Integer> insertIfAbsent(String email, String googleId, String appleId, String name) {
    return write(UserSql.INSERT_USER_IF_ABSENT, params(
        "id", UUID.randomUUID().toString(), "email", email, "googleId", googleId, "appleId", appleId, "name", name,
        "workoutDays", WorkoutDays.shared(null), "antiMotivationMode", false,
        "mode", Mode.defaultFor(false, null).wireName(), "emailOptOut", false));
  }

  /**
   * The user with this e-mail, linked to the Google subject unless already linked to one (as the
   * Python service did); null when there is none.
   */
  private Future<User> linkByEmail(String googleId, String email) {
    return write(UserSql.LINK_GOOGLE_ID, params("googleId", googleId, "email", email))
        .compose(linked -> findUser(UserSql.FIND_BY_EMAIL, params("email", email)));
  }

  /** The user, with {@code name} stored when it has none yet. */
  private Future<User> keepName(User user, String name) {
    if (name == null || (user.name() != null && !user.name().isBlank())) {
      return Future.succeededFuture(user);
    }
    return write(UserSql.SET_NAME_IF_NONE, params("id", user.id(), "name", name))
        .compose(updated -> findExisting(user.id()));
  }

  /** Points the user at new selfie columns under the row's lock; returns the user as it was. */
  private Future<User> swapSelfie(String userId, String selfieFilename, String embeddingFilename,
                                  String embeddingModel) {
    return inTransaction(connection -> update(connection, UserSql.LOCK_USER, params("id", userId))
        .compose(locked -> locked > 0
            ? findUser(connection, UserSql.FIND_BY_ID, params("id", userId))
            : Future.failedFuture(userNotFound()))
        .compose(before -> update(connection, UserSql.SET_SELFIE, params(
                "id", userId,
                "selfieFilename", selfieFilename,
                "embeddingFilename", embeddingFilename,
                "embeddingModel", embeddingModel))
            .compose(updated -> schedules.refresh(connection, userId))
            .map(after -> before)));
  }

  private static ApiException userNotFound() {
    return ApiException.notFound("User not found");
  }

  private static <T> Future<T> changedConcurrently() {
    return Future.failedFuture(new ApiException(ApiException.Kind.CONFLICT, "User changed concurrently, try again"));
  }
}
