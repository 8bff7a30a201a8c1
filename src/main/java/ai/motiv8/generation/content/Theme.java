package ai.motiv8.generation.content;

import java.time.LocalDate;
import java.util.Locale;

/**
 * The twelve monthly themes of the daily content, in cycle order: the cycle starts in April
 * (as the original's does), so {@code values()[(month - 4) mod 12]} is a month's theme. Every
 * engine shares them: the diffusion engine through the day's prompts, the poster engine through
 * its palette, background art and copy.
 */
public enum Theme {
  ATHLETICS("Athletics"),
  CALLINGS("Callings"),
  STAGE("Stage"),
  WILD("The Wild"),
  WORKSHOP("Workshop"),
  GRAND("Grand Living"),
  FUTURE("Future"),
  EXPEDITION("Expedition"),
  LABORATORY("Laboratory"),
  STUDY("Study"),
  CREATURES("Creatures"),
  KITCHEN("Kitchen");

  private final String title;

  Theme(String title) {
    this.title = title;
  }

  /** A short human title, e.g. {@code The Wild}. */
  public String title() {
    return title;
  }

  /** The stable identifier used in logs, metrics and file names, e.g. {@code wild}. */
  public String id() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** Position in the cycle: April is 0, March is 11. */
  public int cycleMonth() {
    return ordinal();
  }

  public static Theme ofDate(LocalDate date) {
    return values()[Math.floorMod(date.getMonthValue() - 4, 12)];
  }
}
