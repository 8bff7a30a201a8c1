package ai.motiv8.generation.poster;

import ai.motiv8.generation.content.Theme;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.geom.Rectangle2D;
import java.awt.geom.RoundRectangle2D;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Sets the poster's type, in layout units, in three levels: the headline (display face, as large
 * as its box allows, one or two lines, the last word in the accent), the day's line (text face on a
 * panel that also hides the cut through the portrait's chest) and the small print (date, theme,
 * brand). A JDK without a working font stack fails here with errors, not exceptions: the person
 * still gets the poster, without words.
 */
final class PosterType {

  private static final Logger LOG = LoggerFactory.getLogger(PosterType.class);
  private static final DateTimeFormatter DATE = DateTimeFormatter.ofPattern("EEEE d MMMM", Locale.ENGLISH);
  private static final float HEADLINE_MAX_SIZE = 190;
  private static final float SMALL_SIZE = 21;
  private static final float COPY_SIZE = 30;
  private static final int COPY_MAX_LINES = 3;

  private final PosterFonts fonts;
  private final PosterLayout layout;
  private final PosterTheme theme;

  PosterType(PosterFonts fonts, PosterLayout layout, PosterTheme theme) {
    this.fonts = fonts;
    this.layout = layout;
    this.theme = theme;
  }

  void draw(Graphics2D g, LocalDate date, Theme month, String headline, String line) {
    drawPanel(g);
    try {
      drawTopLine(g, date, month);
      drawHeadline(g, headline.toUpperCase(Locale.ENGLISH));
      drawLine(g, line);
      drawFooter(g);
    } catch (RuntimeException | LinkageError | InternalError e) {
      LOG.warn("Poster text could not be drawn, sending the poster without it: {}", e.toString());
    }
  }

  /** The dark panel under the line, with an accent rule on top. */
  private void drawPanel(Graphics2D g) {
    Rectangle2D.Double c = layout.copy();
    g.setColor(PosterTheme.withAlpha(PosterTheme.mix(theme.deep(), Color.BLACK, 0.35), 0.94));
    g.fill(new RoundRectangle2D.Double(c.x, c.y, c.width, c.height + 200, 28, 28));
    g.setColor(theme.accent());
    g.fill(new Rectangle2D.Double(c.getCenterX() - 28, c.y - 2, 56, 5));
  }

  private void drawTopLine(Graphics2D g, LocalDate date, Theme month) {
    Font font = PosterText.tracked(fonts.display(SMALL_SIZE), 0.14f);
    String left = DATE.format(date).toUpperCase(Locale.ENGLISH);
    String right = month.title().toUpperCase(Locale.ENGLISH);
    double baseline = layout.topBaseline();
    PosterText.drawLeft(g, left, font, PosterTheme.withAlpha(theme.ink(), 0.85), PosterLayout.MARGIN, baseline);
    PosterText.drawRight(g, right, font, theme.accent(), PosterLayout.WIDTH - PosterLayout.MARGIN, baseline);
  }

  /**
   * The headline on one line or broken into two, whichever sets it larger inside the box; the last
   * word in the accent colour.
   */
  private void drawHeadline(Graphics2D g, String headline) {
    Rectangle2D.Double box = layout.headline();
    List<List<String>> options = new ArrayList<>();
    options.add(List.of(headline));
    String[] words = headline.split(" ");
    List<String> all = List.of(words);
    for (int split = 1; split < words.length; split++) {
      options.add(List.of(String.join(" ", all.subList(0, split)), String.join(" ", all.subList(split, words.length))));
      for (int second = split + 1; second < words.length; second++) {
        options.add(List.of(String.join(" ", all.subList(0, split)), String.join(" ", all.subList(split, second)),
            String.join(" ", all.subList(second, words.length))));
      }
    }
    Font best = null;
    List<String> bestLines = null;
    for (List<String> lines : options) {
      Font font = fit(lines, box);
      if (best == null || font.getSize2D() > best.getSize2D() + 0.5f) {
        best = font;
        bestLines = lines;
      }
    }
    double cap = PosterText.capHeight(best);
    double leading = cap * 1.16;
    double blockHeight = cap + leading * (bestLines.size() - 1);
    double baseline = box.y + (box.height - blockHeight) / 2 + cap;
    for (int i = 0; i < bestLines.size(); i++) {
      String line = bestLines.get(i);
      boolean last = i == bestLines.size() - 1;
      int split = last ? line.lastIndexOf(' ') + 1 : line.length();
      if (last && bestLines.size() == 1 && split == 0) {
        PosterText.drawCentered(g, line, best, theme.accent(), box.getCenterX(), baseline, 4);
      } else if (last && split > 0) {
        PosterText.drawCenteredTwoTone(g, line.substring(0, split), theme.ink(), line.substring(split),
            theme.accent(), best, box.getCenterX(), baseline, 4);
      } else if (last) {
        PosterText.drawCentered(g, line, best, theme.accent(), box.getCenterX(), baseline, 4);
      } else {
        PosterText.drawCentered(g, line, best, theme.ink(), box.getCenterX(), baseline, 4);
      }
      baseline += leading;
    }
  }

  /** The largest display size at which every line fits the box's width and all fit its height. */
  private Font fit(List<String> lines, Rectangle2D.Double box) {
    Font font = PosterText.tracked(fonts.display(HEADLINE_MAX_SIZE), 0.01f);
    float size = HEADLINE_MAX_SIZE;
    for (String line : lines) {
      size = Math.min(size, PosterText.fitToWidth(line, font, HEADLINE_MAX_SIZE, box.width).getSize2D());
    }
    font = font.deriveFont(size);
    double cap = PosterText.capHeight(font);
    double height = cap + cap * 1.16 * (lines.size() - 1);
    if (height > box.height) {
      size = (float) Math.floor(size * box.height / height);
      font = font.deriveFont(Math.max(24f, size));
    }
    return font;
  }

  /** The day's line, centred on the panel, wrapped to at most three lines (shrinking if needed). */
  private void drawLine(Graphics2D g, String text) {
    Rectangle2D.Double c = layout.copy();
    double maxWidth = c.width - 56;
    float size = COPY_SIZE;
    Font font = fonts.text(size);
    List<String> lines = PosterText.wrap(text, font, maxWidth);
    while (lines.size() > COPY_MAX_LINES && size > 15) {
      size -= 1;
      font = fonts.text(size);
      lines = PosterText.wrap(text, font, maxWidth);
    }
    font = PosterText.kerned(font);
    double lineHeight = PosterText.lineHeight(font) * 1.08;
    double cap = PosterText.capHeight(font);
    double blockHeight = cap + lineHeight * (lines.size() - 1);
    double baseline = c.y + 6 + (c.height - blockHeight) / 2 + cap;
    for (String line : lines) {
      Font fitted = PosterText.fitToWidth(line, font, size, maxWidth);
      PosterText.drawCentered(g, line, fitted, theme.ink(), c.getCenterX(), baseline, 0);
      baseline += lineHeight;
    }
  }

  private void drawFooter(Graphics2D g) {
    Font font = PosterText.tracked(fonts.display(18), 0.32f);
    PosterText.drawCentered(g, "MOTIV8", font, PosterTheme.withAlpha(theme.ink(), 0.7), PosterLayout.WIDTH / 2.0,
        layout.footerBaseline(), 0);
  }
}
