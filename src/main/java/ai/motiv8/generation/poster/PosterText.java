package ai.motiv8.generation.poster;

import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.font.FontRenderContext;
import java.awt.font.TextAttribute;
import java.awt.font.TextLayout;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Type setting on the poster: fitting a line to a width, wrapping copy, drawing centred text. */
final class PosterText {

  /** The context every measurement and drawing uses: antialiased, fractional metrics. */
  static final FontRenderContext FRC = new FontRenderContext(null, true, true);
  private static final Color SHADOW = new Color(0, 0, 0, 110);

  private PosterText() {
  }

  /** {@code font} with letter spacing ({@code tracking} in ems, e.g. 0.1), pair kerning and ligatures. */
  static Font tracked(Font font, float tracking) {
    return font.deriveFont(Map.of(TextAttribute.TRACKING, tracking, TextAttribute.KERNING, TextAttribute.KERNING_ON,
        TextAttribute.LIGATURES, TextAttribute.LIGATURES_ON));
  }

  /** {@code font} with the font's pair kerning and ligatures on. */
  static Font kerned(Font font) {
    return tracked(font, 0f);
  }

  /** Draws {@code text} starting at {@code x}. */
  static void drawLeft(Graphics2D g, String text, Font font, Color color, double x, double baseline) {
    g.setColor(color);
    new TextLayout(text, font, FRC).draw(g, (float) x, (float) baseline);
  }

  /** Draws {@code text} ending at {@code right}. */
  static void drawRight(Graphics2D g, String text, Font font, Color color, double right, double baseline) {
    TextLayout layout = new TextLayout(text, font, FRC);
    g.setColor(color);
    layout.draw(g, (float) (right - layout.getAdvance()), (float) baseline);
  }

  static double width(String text, Font font) {
    return new TextLayout(text, font, FRC).getAdvance();
  }

  /** The largest size not above {@code maxSize} at which {@code text} fits in {@code maxWidth}. */
  static Font fitToWidth(String text, Font font, float maxSize, double maxWidth) {
    Font sized = font.deriveFont(maxSize);
    double w = width(text, sized);
    if (w <= maxWidth) {
      return sized;
    }
    return font.deriveFont((float) Math.floor(maxSize * maxWidth / w));
  }

  /** Greedy word wrap; a single word longer than the width gets a line of its own. */
  static List<String> wrap(String text, Font font, double maxWidth) {
    List<String> lines = new ArrayList<>();
    StringBuilder line = new StringBuilder();
    for (String word : text.trim().split("\\s+")) {
      String candidate = line.isEmpty() ? word : line + " " + word;
      if (!line.isEmpty() && width(candidate, font) > maxWidth) {
        lines.add(line.toString());
        line.setLength(0);
        line.append(word);
      } else {
        line.setLength(0);
        line.append(candidate);
      }
    }
    if (!line.isEmpty()) {
      lines.add(line.toString());
    }
    return lines;
  }

  /**
   * Draws {@code first} and {@code second} as one centred line, each in its own colour, over a
   * soft offset shadow.
   */
  static void drawCenteredTwoTone(Graphics2D g, String first, Color firstColor, String second, Color secondColor,
                                  Font font, double centerX, double baseline, double shadowOffset) {
    double firstAdvance = width(first, font);
    double left = centerX - (firstAdvance + width(second, font)) / 2;
    TextLayout firstLayout = new TextLayout(first, font, FRC);
    TextLayout secondLayout = new TextLayout(second, font, FRC);
    if (shadowOffset > 0) {
      g.setColor(SHADOW);
      firstLayout.draw(g, (float) (left + shadowOffset), (float) (baseline + shadowOffset));
      secondLayout.draw(g, (float) (left + firstAdvance + shadowOffset), (float) (baseline + shadowOffset));
    }
    g.setColor(firstColor);
    firstLayout.draw(g, (float) left, (float) baseline);
    g.setColor(secondColor);
    secondLayout.draw(g, (float) (left + firstAdvance), (float) baseline);
  }

  /**
   * Draws {@code text} centred on {@code centerX} with its baseline at {@code baseline}, over a
   * soft offset shadow.
   */
  static void drawCentered(Graphics2D g, String text, Font font, Color color, double centerX, double baseline,
                           double shadowOffset) {
    TextLayout layout = new TextLayout(text, font, FRC);
    float x = (float) (centerX - layout.getAdvance() / 2);
    if (shadowOffset > 0) {
      g.setColor(SHADOW);
      layout.draw(g, (float) (x + shadowOffset), (float) (baseline + shadowOffset));
    }
    g.setColor(color);
    layout.draw(g, x, (float) baseline);
  }

  /** Height of the capitals of {@code font} above the baseline, measured on the glyphs. */
  static double capHeight(Font font) {
    return -new TextLayout("H", font, FRC).getBounds().getY();
  }

  static double lineHeight(Font font) {
    return font.getLineMetrics("Hg", FRC).getHeight();
  }
}
