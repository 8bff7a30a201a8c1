package ai.motiv8.generation.poster;

import java.awt.Color;
import java.util.List;
import java.util.SplittableRandom;

/**
 * One colour scheme: a dark-to-bright background gradient, an accent for stripes and small
 * type, and a glow that lifts the face off the background. Every scheme keeps white text readable.
 */
record PosterPalette(String name, Color start, Color end, Color accent, Color glow) {

  static final List<PosterPalette> ALL = List.of(
      new PosterPalette("ember", rgb(0x2A0A18), rgb(0xE8491D), rgb(0xFFC93C), rgb(0xFFB26B)),
      new PosterPalette("electric", rgb(0x0B1440), rgb(0x6A2CF0), rgb(0x2EE6FF), rgb(0x9D8CFF)),
      new PosterPalette("jungle", rgb(0x06231F), rgb(0x119A6B), rgb(0xD7F75B), rgb(0x8FF0C2)),
      new PosterPalette("sunset", rgb(0x240B45), rgb(0xD6337F), rgb(0xFFB347), rgb(0xFF8FB8)),
      new PosterPalette("steel", rgb(0x0E1626), rgb(0x2F5C8A), rgb(0xFF5A36), rgb(0x9CC7F0)),
      new PosterPalette("volt", rgb(0x111111), rgb(0x3A3F2A), rgb(0xD4FF1E), rgb(0xE9FF9A)),
      new PosterPalette("ocean", rgb(0x03203A), rgb(0x0A84C6), rgb(0xFFD166), rgb(0x8ED8FF)),
      new PosterPalette("crimson", rgb(0x1A0508), rgb(0xB3122E), rgb(0xFFFFFF), rgb(0xFF7A85)));

  static PosterPalette choose(SplittableRandom random) {
    return ALL.get(random.nextInt(ALL.size()));
  }

  private static Color rgb(int value) {
    return new Color(value);
  }

  static Color withAlpha(Color color, double alpha) {
    return new Color(color.getRed(), color.getGreen(), color.getBlue(), (int) Math.round(255 * alpha));
  }
}
