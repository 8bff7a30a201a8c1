package ai.motiv8.users;

import ai.motiv8.common.Addresses;
import io.vertx.codegen.annotations.ProxyGen;
import io.vertx.codegen.annotations.VertxGen;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.serviceproxy.ServiceProxyBuilder;

/**
 * Users and their generated images, served by the persistence verticle. Lookups that find
 * nothing complete with {@code null}; failures carry HTTP-like codes (see
 * {@link ai.motiv8.common.ServiceErrors}).
 */
@ProxyGen
@VertxGen
public interface UserStore {

  String ADDRESS = Addresses.USERS;

  /** Code of a failure caused by a unique constraint (e.g. e-mail already used by another user). */
  int CONFLICT = 409;
  int NOT_FOUND = 404;

  static UserStore createProxy(Vertx vertx) {
    return new ServiceProxyBuilder(vertx).setAddress(ADDRESS).build(UserStore.class);
  }

  Future<User> findById(String id);

  Future<User> findByEmail(String email);

  /** Finds the user by e-mail or creates one with no selfie and no workout days. */
  Future<User> findOrCreateByEmail(String email);

  /**
   * Google sign-in: the user with this Google subject; else the user with this e-mail, now linked
   * to the subject; else a new user. The account's {@code name} (may be null) is stored when the
   * user has none yet, as the original does.
   */
  Future<User> signInWithGoogle(String googleId, String email, String name);

  /**
   * Sets the user's mode ({@link Mode} wire name, any case); fails with 400 for anything else and
   * {@link #NOT_FOUND} when the user does not exist.
   *
   * @return the user afterwards
   */
  Future<User> updateMode(String userId, String mode);

  /**
   * Sets the legacy anti-motivation switch. Like the original, the stored mode is left as it is
   * (it decides; the switch only matters for a row without a mode).
   *
   * @return the user afterwards
   */
  Future<User> updateAntiMotivationMode(String userId, boolean antiMotivationMode);

  /**
   * Apple sign-in: the user with this Apple subject; else the user with this e-mail (when given),
   * now linked to the subject unless linked to another; else a new user. {@code name} (Apple sends
   * it on the first sign-in only) fills a missing name. Fails with 400 when no user has the subject
   * and there is no e-mail to find or create one by.
   */
  Future<User> signInWithApple(String appleId, String email, String name);

  Future<User> findByAppleId(String appleId);

  /** Unlinks the Apple subject (Apple's consent-revoked); whether a user had it. */
  Future<Boolean> clearAppleId(String appleId);

  /**
   * Records that a sign-in callback used the state {@code stateId}, valid until
   * {@code expiresAtMillis}; false when it was used before (a replay). Expired records are removed.
   */
  Future<Boolean> consumeSignInState(String stateId, long expiresAtMillis, long nowMillis);

  /**
   * Marks the user as being deleted (kept when already marked): from now on the user cannot sign
   * in, is not served, and gets no images or mails. Returns the marked user, or null when gone.
   */
  Future<User> markDeleting(String userId, long nowMillis);

  /**
   * The storage keys of everything the user has: selfie, embedding, generated images and their
   * variants (distinct, sorted).
   */
  Future<java.util.List<String>> storageKeysOf(String userId);

  /**
   * Deletes the rows of a user marked for deletion in one transaction: daily deliveries,
   * generated images, the user. False when there was no such marked user.
   */
  Future<Boolean> purgeDeletedUser(String userId);

  /** Ids of users marked for deletion whose rows are still there (oldest mark first). */
  Future<java.util.List<String>> usersBeingDeleted();

  /** Every generated image of the user, oldest first. */
  Future<java.util.List<GeneratedImage>> generatedImagesOf(String userId);

  /** Replaces all seven days; fails with {@link #NOT_FOUND} when the user does not exist. */
  Future<User> updateWorkoutDays(String userId, JsonObject workoutDays);

  /**
   * Points the user at a new selfie and embedding (stored names) in one update; the gender of the
   * old selfie is forgotten (set it with {@link #storeFace}).
   *
   * @return the user as it was <em>before</em> the change, so the caller can delete the old files
   */
  Future<User> replaceSelfie(String userId, String selfieFilename, String embeddingFilename, String embeddingModel);

  /**
   * Records the face found in the user's current selfie: embedding (stored name), its model and the
   * pack's gender guess (null when unknown). Changes nothing and fails with {@link #CONFLICT} when
   * the user's selfie is no longer {@code selfieFilename} (a new upload won), {@link #NOT_FOUND}
   * when the user is gone.
   *
   * @return the user as it was <em>before</em> the change (its old embedding can be deleted)
   */
  Future<User> storeFace(String userId, String selfieFilename, String embeddingFilename, String embeddingModel,
                         String gender);

  /** Clears selfie and embedding; returns the user as it was before. */
  Future<User> clearSelfie(String userId);

  Future<Void> deleteUser(String userId);

  /**
   * Every user with a selfie (for batch and re-embedding), with or without an embedding: rows of
   * the original may have a selfie whose face was never found.
   */
  Future<java.util.List<User>> usersWithSelfie();

  Future<GeneratedImage> recordGeneratedImage(GeneratedImage image);

  /** The newest image of that user and day ({@code YYYY-MM-DD}), or null. */
  Future<GeneratedImage> latestGeneratedImage(String userId, String generationDate);

  /**
   * Sets the person's time zone (IANA id) and send time ({@code HH:mm}); a null argument keeps the
   * stored value. The next send is recomputed. Callers validate (see {@link SendSchedule}).
   */
  Future<User> updatePreferences(String userId, String timeZone, String sendTime);

  /** Unsubscribes ({@code true}) or re-subscribes the person; the next send is recomputed. */
  Future<User> setEmailOptOut(String userId, boolean optOut);

  /**
   * The scheduler's one query per tick: users (not being deleted) whose next send lies in
   * {@code [fromMillis, toMillis]}, earliest first, at most {@code limit}.
   */
  Future<java.util.List<User>> usersDueBetween(long fromMillis, long toMillis, int limit);

  /**
   * After the day {@code servedDate} was delivered (or given up): the next send moves to the first
   * workout day after it. False when the stored next send is for another day (preferences changed).
   */
  Future<Boolean> advanceSchedule(String userId, String servedDate, long nowMillis);

  /** Moves the next send of {@code date} to {@code untilMillis} (a retry); false when it is for another day. */
  Future<Boolean> postponeSend(String userId, String date, long untilMillis);

  /**
   * Recomputes the next send, from {@code nowMillis}, of users that have none but could, of those
   * older than {@code staleBeforeMillis}, and of future ones of users on the batch's defaults;
   * answers how many changed.
   */
  Future<Integer> reschedule(long nowMillis, long staleBeforeMillis);

  /** Round trip to the database, for health checks. */
  Future<Void> ping();
}
