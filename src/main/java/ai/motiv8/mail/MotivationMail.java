package ai.motiv8.mail;

import io.vertx.codegen.annotations.DataObject;
import io.vertx.core.json.JsonObject;

/**
 * One motivation mail to send: the recipient, the logical day ({@code YYYY-MM-DD}) and the
 * storage key of the generated image ({@code generated/<name>}); the person's mode ({@code shame},
 * {@code toned}, {@code ripped}, {@code furry}; null: the default), which with the day's theme
 * chooses the words; the user id, when known, only goes into the logs. Carries a key, never the
 * image bytes.
 */
@DataObject
public final class MotivationMail {

  private final String to;
  private final String date;
  private final String imageKey;
  private final String userId;
  private final String mode;

  public MotivationMail(String to, String date, String imageKey, String userId) {
    this(to, date, imageKey, userId, null);
  }

  public MotivationMail(String to, String date, String imageKey, String userId, String mode) {
    this.to = to;
    this.date = date;
    this.imageKey = imageKey;
    this.userId = userId;
    this.mode = mode;
  }

  public MotivationMail(JsonObject json) {
    this(json.getString("to"), json.getString("date"), json.getString("image_key"), json.getString("user_id"),
        json.getString("mode"));
  }

  public JsonObject toJson() {
    JsonObject json = new JsonObject().put("to", to).put("date", date).put("image_key", imageKey);
    if (userId != null) {
      json.put("user_id", userId);
    }
    if (mode != null) {
      json.put("mode", mode);
    }
    return json;
  }

  /** The person's mode ({@code shame}, ...), or null for the default. */
  public String mode() {
    return mode;
  }

  public String to() {
    return to;
  }

  public String date() {
    return date;
  }

  public String imageKey() {
    return imageKey;
  }

  /** May be null. */
  public String userId() {
    return userId;
  }

  @Override
  public String toString() {
    return "MotivationMail" + toJson().encode();
  }
}
