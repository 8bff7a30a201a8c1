package ai.motiv8.users;

import java.util.Locale;
import java.util.Optional;

/**
 * What kind of image a person gets, as stored in {@code users.mode} and
 * {@code generated_images.mode} by the original service: its wire name is the lower-case constant.
 * {@link #FURRY} stays accepted by the API but the front end does not offer it.
 */
public enum Mode {
  SHAME,
  TONED,
  RIPPED,
  FURRY;

  /** The stored and JSON name, e.g. {@code toned}. */
  public String wireName() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** The mode whose wire name is {@code value} (case-insensitive), or empty. */
  public static Optional<Mode> lookup(String value) {
    if (value == null) {
      return Optional.empty();
    }
    for (Mode mode : values()) {
      if (mode.wireName().equalsIgnoreCase(value.trim())) {
        return Optional.of(mode);
      }
    }
    return Optional.empty();
  }

  /**
   * The original's rule when a user has no mode: {@code shame} with anti-motivation mode on, else
   * {@code toned} for a woman, else {@code ripped}.
   *
   * @param gender {@code female}/{@code F} or {@code male}/{@code M} (either spelling), or null
   */
  public static Mode defaultFor(boolean antiMotivationMode, String gender) {
    if (antiMotivationMode) {
      return SHAME;
    }
    return Gender.isFemale(gender) ? TONED : RIPPED;
  }
}
