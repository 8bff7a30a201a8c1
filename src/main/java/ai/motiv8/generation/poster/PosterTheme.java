package ai.motiv8.generation.poster;

import ai.motiv8.generation.content.Theme;

import java.awt.Color;
import java.util.EnumMap;
import java.util.Map;

/**
 * The look of one {@link Theme}: a deep background colour and a lighter one for the art, the
 * accent (headline word, frame, rules), the ink of small type, and the two tints the portrait is
 * graded towards (shadows and highlights). Every theme keeps white type readable on its deep
 * colour (contrast ≥ 7:1).
 */
record PosterTheme(Theme theme, Color deep, Color light, Color accent, Color ink, Color shadowTint,
                   Color highlightTint) {

  private static final Map<Theme, PosterTheme> ALL = new EnumMap<>(Theme.class);

  static {
    add(Theme.ATHLETICS, 0x0B1F3A, 0x1D4E89, 0xFF5A36, 0xFFFFFF, 0x10243F, 0xFFC9A8);
    add(Theme.CALLINGS, 0x2A0F0A, 0x8C2F1B, 0xFFC23D, 0xFFF4E0, 0x3A130C, 0xFFD89A);
    add(Theme.STAGE, 0x16051F, 0x5B1A6E, 0xFF3D7F, 0xFFFFFF, 0x1E0830, 0xFFB8D2);
    add(Theme.WILD, 0x06231B, 0x1E6B4A, 0xD7F75B, 0xF1FFE8, 0x08301F, 0xE6F7B0);
    add(Theme.WORKSHOP, 0x1A1612, 0x5A4632, 0xFFB000, 0xFFF6E5, 0x241A10, 0xFFD58A);
    add(Theme.GRAND, 0x0E0B08, 0x3B2F1E, 0xE8C26A, 0xFFF8E7, 0x17120A, 0xF4DDA0);
    add(Theme.FUTURE, 0x070B24, 0x3A1C8C, 0x2EF2FF, 0xFFFFFF, 0x0A1038, 0xB3F6FF);
    add(Theme.EXPEDITION, 0x0F1D1A, 0x3E5E4F, 0xFF8A3D, 0xFFF3E6, 0x13261F, 0xFFD2A6);
    add(Theme.LABORATORY, 0x041E26, 0x0F5A6B, 0x7CFFB2, 0xF0FFFA, 0x062A33, 0xC8FFE3);
    add(Theme.STUDY, 0x1B1230, 0x43306B, 0xFFD166, 0xFFFDF5, 0x22173D, 0xFFE2A8);
    add(Theme.CREATURES, 0x1C1206, 0x6B4A1E, 0xFF9F1C, 0xFFF7EA, 0x26180A, 0xFFD39A);
    add(Theme.KITCHEN, 0x2B0A0F, 0x8E1B2C, 0xFFE066, 0xFFFFFF, 0x360D14, 0xFFD0B0);
  }

  static PosterTheme of(Theme theme) {
    return ALL.get(theme);
  }

  private static void add(Theme theme, int deep, int light, int accent, int ink, int shadow, int highlight) {
    ALL.put(theme, new PosterTheme(theme, new Color(deep), new Color(light), new Color(accent), new Color(ink),
        new Color(shadow), new Color(highlight)));
  }

  static Color withAlpha(Color color, double alpha) {
    return new Color(color.getRed(), color.getGreen(), color.getBlue(), (int) Math.round(255 * alpha));
  }

  static Color mix(Color a, Color b, double t) {
    return new Color((int) Math.round(a.getRed() + (b.getRed() - a.getRed()) * t),
        (int) Math.round(a.getGreen() + (b.getGreen() - a.getGreen()) * t),
        (int) Math.round(a.getBlue() + (b.getBlue() - a.getBlue()) * t));
  }
}
