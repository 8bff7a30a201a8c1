package ai.motiv8.users;

import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonObject;

import java.util.HashMap;
import java.util.Map;

/**
 * The 128 possible weeks of {@code workout_days}, each built, encoded and parsed once. A user's days
 * are one of these shared objects, which nobody modifies: {@link User} hands out copies only. Saves
 * the JSON work of every settings change and of every row read.
 */
public final class WorkoutDays {

  private static final int PATTERNS = 1 << 7;
  private static final JsonObject[] WEEKS = new JsonObject[PATTERNS];
  private static final String[] ENCODED = new String[PATTERNS];
  private static final Map<String, JsonObject> BY_ENCODING = new HashMap<>();

  static {
    for (int mask = 0; mask < PATTERNS; mask++) {
      JsonObject week = new JsonObject();
      for (int day = 0; day < User.DAYS.size(); day++) {
        week.put(User.DAYS.get(day), (mask & (1 << day)) != 0);
      }
      WEEKS[mask] = week;
      ENCODED[mask] = week.encode();
      BY_ENCODING.put(ENCODED[mask], week);
    }
  }

  private WorkoutDays() {
  }

  /**
   * All seven days, each false unless {@code true} in {@code days} (null: none), as the shared
   * object: read it, never modify it.
   */
  public static JsonObject shared(JsonObject days) {
    return WEEKS[mask(days)];
  }

  /**
   * Stored text as the shared object: our compact form by lookup, anything else (the Python
   * service's, with spaces) parsed. Null when it is not a JSON object.
   */
  public static JsonObject fromStored(String text) {
    JsonObject known = BY_ENCODING.get(text);
    if (known != null) {
      return known;
    }
    if (!text.trim().startsWith("{")) {
      return null;
    }
    try {
      return shared(new JsonObject(text));
    } catch (DecodeException notJson) {
      return null;
    }
  }

  /** The JSON text of {@code json}: from the table when it is one of the shared weeks. */
  public static String encode(JsonObject json) {
    int mask = mask(json);
    return WEEKS[mask] == json ? ENCODED[mask] : json.encode();
  }

  private static int mask(JsonObject days) {
    int mask = 0;
    if (days != null) {
      for (int day = 0; day < User.DAYS.size(); day++) {
        if (Boolean.TRUE.equals(days.getValue(User.DAYS.get(day)))) {
          mask |= 1 << day;
        }
      }
    }
    return mask;
  }
}
