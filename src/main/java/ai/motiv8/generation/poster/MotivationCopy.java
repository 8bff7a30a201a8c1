package ai.motiv8.generation.poster;

import java.time.LocalDate;
import java.util.List;

/**
 * The catalogue of motivational lines and the rule that picks one. With a fixed seed the line
 * walks through the catalogue one step per day, so a person does not read the same line again
 * for {@code size()} days; the seed only chooses where the walk starts.
 */
public final class MotivationCopy {

  private static final List<String> LINES = List.of(
      "Every rep is a vote for the person you’re becoming.",
      "You never regret the workout you showed up for.",
      "Strong is built one ordinary day at a time.",
      "Discipline is choosing what you want most over what you want now.",
      "The hardest part is starting. You’ve already got this.",
      "Sweat now, shine later.",
      "Your only competition is who you were yesterday.",
      "Small steps on every workout day add up to big results.",
      "Show up. Lift. Repeat.",
      "Progress, not perfection.",
      "Today’s effort is tomorrow’s strength.",
      "Make your body proud of you today.",
      "The weights won’t lift themselves.",
      "Energy flows where your effort goes.",
      "One more set. One more step. One more day.",
      "Be stronger than your excuses.",
      "You are one workout away from a good mood.",
      "Motivation gets you started. Habit keeps you going.",
      "Fall in love with the process.",
      "Breathe in courage, breathe out doubt.",
      "The best project you’ll ever work on is you.",
      "Earn your rest day.",
      "Chase the feeling you have after the workout.",
      "Doubt kills more dreams than failure ever will.",
      "Slow progress is still progress. Keep moving.");

  private MotivationCopy() {
  }

  /** Every line, in catalogue order. */
  public static List<String> lines() {
    return LINES;
  }

  /** The line for {@code date} and {@code seed}; the same arguments always give the same line. */
  public static String pick(LocalDate date, long seed) {
    return LINES.get(index(date, seed));
  }

  static int index(LocalDate date, long seed) {
    long start = Math.floorMod(Seeds.mix(seed), (long) LINES.size());
    return (int) Math.floorMod(date.toEpochDay() + start, (long) LINES.size());
  }
}
