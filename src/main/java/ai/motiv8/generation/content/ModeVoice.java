package ai.motiv8.generation.content;

import ai.motiv8.users.Mode;

import java.util.List;

/**
 * What the poster and the mail say in each mode. Toned and ripped cheer ("Get after it", as the
 * original's mail did) and carry the day's line; furry plays; shame holds up the out-of-shape
 * picture with "This could be you" and a line that is blunt about skipping, never about the
 * person: the picture is a possible future, and the mail says how to change it.
 */
public final class ModeVoice {

  /** Shame mode's copy, one per day in turn. */
  static final List<String> SHAME_LINES = List.of(
      "Skip today and this is the road. Show up and it is not.",
      "This is one possible you. The other one trains today.",
      "Not a verdict. A forecast. You can change the weather.",
      "Every skipped day votes for this picture. Vote the other way.",
      "The couch is comfortable. So is regret, until it isn't.",
      "Today decides which picture comes true.",
      "No one is coming to do the workout for you.",
      "Future you is watching. Give them something better.",
      "Motivation left? Fine. Discipline is still here.",
      "You do not have to feel like it. You just have to start.",
      "This picture is a warning, not a sentence.",
      "Ten minutes today beats a perfect plan tomorrow.");

  private ModeVoice() {
  }

  /** The poster's headline, upper case. */
  static String headline(Mode mode) {
    return switch (mode) {
      case SHAME -> "THIS COULD BE YOU";
      case TONED, RIPPED -> "GET AFTER IT";
      case FURRY -> "UNLEASH IT";
    };
  }

  /** The poster's copy line: the day's line, or in shame mode its own. */
  static String copy(Mode mode, DailyCatalogue.Entry entry) {
    return mode == Mode.SHAME ? SHAME_LINES.get(entry.index() % SHAME_LINES.size()) : entry.line();
  }

  /** The mail's heading. */
  static String mailHeading(Mode mode) {
    return switch (mode) {
      case SHAME -> "This could be you";
      case TONED, RIPPED -> "Get after it!";
      case FURRY -> "Unleash your wild side!";
    };
  }

  /** The mail's first sentence after the day, before the picture. */
  static String mailLead(Mode mode) {
    return switch (mode) {
      case SHAME -> "Here is where skipped workouts lead. It is only a picture, and today you can make sure it "
          + "stays one.";
      case TONED -> "Here is your motivation: the picture in this mail is you, lean and strong. Go and earn it.";
      case RIPPED -> "Here is your motivation: the picture in this mail is you, built and powerful. Go and earn it.";
      case FURRY -> "Here is your motivation: the picture in this mail is you, wild and strong. Go and earn it.";
    };
  }
}
