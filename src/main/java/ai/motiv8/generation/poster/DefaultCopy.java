package ai.motiv8.generation.poster;

import ai.motiv8.generation.PosterCopy;
import ai.motiv8.users.Mode;

import java.time.LocalDate;

/**
 * The poster's words until the daily catalogue provides them: a headline per mode and the line
 * {@link MotivationCopy} picks for the day.
 */
final class DefaultCopy {

  static final String HEADLINE = "GET AFTER IT";

  private DefaultCopy() {
  }

  static PosterCopy of(LocalDate date, long seed) {
    return new PosterCopy(HEADLINE, MotivationCopy.pick(date, seed));
  }

  /** A headline for each mode (placeholder copy until the catalogue lands). */
  static PosterCopy of(Mode mode, LocalDate date, long seed) {
    String headline = switch (mode) {
      case SHAME -> "NO EXCUSES TODAY";
      case TONED -> "LEAN IN";
      case RIPPED -> "BUILT DIFFERENT";
      case FURRY -> "UNLEASH IT";
    };
    return new PosterCopy(headline, MotivationCopy.pick(date, seed));
  }
}
