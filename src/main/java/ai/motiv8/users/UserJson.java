package ai.motiv8.users;

import io.vertx.core.json.JsonObject;

/**
 * The user as the front end sees it ({@code GET /auth/me}), key for key as the original's.
 * {@code has_selfie} is true when a selfie is stored, as in the original, even while its face is
 * not found yet (a row of the original; the batch finds it). {@code mode} is never null: a row
 * without one shows the original's default.
 */
public final class UserJson {

  private UserJson() {
  }

  /** @param schedule the batch's defaults, shown for a person who chose no zone or time */
  public static JsonObject me(User user, SendSchedule schedule) {
    return new JsonObject()
        .put("id", user.id())
        .put("email", user.email())
        .put("name", user.name())
        .put("created_at", user.createdAt())
        .put("has_selfie", user.selfieFilename() != null)
        .put("selfie_filename", user.selfieFilename())
        .put("selfie_embedding_filename", user.selfieEmbeddingFilename())
        .put("workout_days", user.workoutDays())
        .put("gender", user.gender())
        .put("anti_motivation_mode", user.antiMotivationMode())
        .put("mode", user.mode().wireName())
        .put("email_opt_out", user.emailOptOut())
        .put("time_zone", schedule.zoneOf(user).getId())
        .put("send_time", schedule.sendTimeText(user));
  }
}
