package ai.motiv8.generation.poster;

import ai.motiv8.generation.BackgroundCache;
import ai.motiv8.generation.GenerationEngine;
import ai.motiv8.generation.GenerationInput;
import ai.motiv8.generation.content.DailyContent;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.geom.Point2D;
import java.awt.image.BufferedImage;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;

/**
 * The {@code poster} engine: a 512×768 portrait poster built around the person's own face
 * (aligned, feathered, large and untouched so that a face recogniser still knows them), on a
 * bold background, with the headline "GET AFTER IT", one line of copy from
 * {@link MotivationCopy} and the date. Rendering is headless Java2D; everything that varies
 * comes from the date and the seed, so the same input gives the same bytes.
 *
 * <p>With the day's content ({@link GenerationInput#content()}) the theme gives the palette and the
 * background art ({@link ThemeBackdrop}, rendered once per run and theme through a
 * {@link BackgroundCache}) and the mode the headline and the copy.
 *
 * <p>Thread-safe: one instance serves every worker thread.
 */
public final class PosterEngine implements GenerationEngine {

  private static final Logger LOG = LoggerFactory.getLogger(PosterEngine.class);

  public static final String NAME = "poster";
  public static final int WIDTH = 512;
  public static final int HEIGHT = 768;
  public static final String HEADLINE = "GET AFTER IT";

  private static final int MARGIN = 28;
  /** The face tile is ~67% of the width; the face itself (2.2 of 3.4 units) ~43%. */
  static final int FACE_TILE_WIDTH = 344;
  static final int FACE_TILE_TOP = 164;
  private static final int DATE_BASELINE = 50;
  private static final float DATE_SIZE = 26;
  private static final int HEADLINE_TOP = 66;
  private static final float HEADLINE_MAX_SIZE = 140;
  /** The copy block is centred vertically between these two lines. */
  private static final int COPY_TOP = 614;
  private static final int COPY_BOTTOM = 704;
  private static final int FOOTER_RULE_Y = 716;
  private static final int FOOTER_BASELINE = 750;
  private static final int COPY_MAX_LINES = 3;
  private static final DateTimeFormatter DATE_FORMAT = DateTimeFormatter.ofPattern("EEEE '\u00B7' d MMMM yyyy", Locale.ENGLISH);

  /** Salts that keep the seed's choices independent of each other. */
  private static final long PALETTE = 0x5041L;
  private static final long BACKGROUND = 0x4247L;

  private final PosterFonts fonts;
  private final BackgroundCache backgrounds = new BackgroundCache();

  /** An engine with the bundled fonts. */
  public PosterEngine() {
    this(PosterFonts.bundled());
  }

  public PosterEngine(PosterFonts fonts) {
    this.fonts = fonts;
  }

  @Override
  public String name() {
    return NAME;
  }

  /** The themed backgrounds kept on this worker (rendered once per run and theme). */
  public BackgroundCache backgrounds() {
    return backgrounds;
  }

  @Override
  public byte[] generate(GenerationInput input) {
    return PngEncoder.encode(render(input));
  }

  /** The poster as an image, before encoding. */
  public BufferedImage render(GenerationInput input) {
    BufferedImage face = FaceCutout.cut(input.selfie(), input.face(), FACE_TILE_WIDTH);
    DailyContent content = input.content();
    PosterPalette palette = content != null ? ThemeBackdrop.palette(content.theme())
        : PosterPalette.choose(Seeds.random(input.date(), input.seed(), PALETTE));

    BufferedImage poster = new BufferedImage(WIDTH, HEIGHT, BufferedImage.TYPE_INT_RGB);
    Graphics2D g = poster.createGraphics();
    try {
      applyQualityHints(g);
      int faceLeft = (WIDTH - face.getWidth()) / 2;
      Point2D.Double faceCenter = new Point2D.Double(WIDTH / 2.0, FACE_TILE_TOP + face.getHeight() * 0.42);
      if (content != null) {
        g.drawImage(themedBackground(input, content), 0, 0, null);
        PosterBackground.paintGlow(g, palette, faceCenter, face.getWidth() * 0.75);
        PosterBackground.paintFoot(g, WIDTH, HEIGHT);
      } else {
        PosterBackground.paint(g, WIDTH, HEIGHT, palette, faceCenter, face.getWidth() * 0.75,
            Seeds.random(input.date(), input.seed(), BACKGROUND));
      }
      g.drawImage(face, faceLeft, FACE_TILE_TOP, null);
      drawText(g, input, palette);
    } finally {
      g.dispose();
    }
    return poster;
  }

  private BufferedImage themedBackground(GenerationInput input, DailyContent content) {
    BackgroundCache.Key key = new BackgroundCache.Key(input.backgroundScope(), content.index(), content.theme(), NAME,
        WIDTH, HEIGHT);
    return backgrounds.get(key, () -> ThemeBackdrop.render(content.theme(), content.index(), WIDTH, HEIGHT));
  }

  /**
   * All type on the poster. A JDK without a working font stack (no FreeType or fontconfig in a
   * slim image) fails here with errors, not exceptions; the person still gets their poster,
   * without words, rather than no mail at all.
   */
  private void drawText(Graphics2D g, GenerationInput input, PosterPalette palette) {
    try {
      drawDate(g, input.date(), palette);
      DailyContent content = input.content();
      drawHeadline(g, palette, content != null ? content.headline() : HEADLINE);
      drawCopy(g, content != null ? content.copy() : MotivationCopy.pick(input.date(), input.seed()));
      drawFooter(g, palette);
    } catch (RuntimeException | LinkageError | InternalError e) {
      LOG.warn("Poster text could not be drawn, sending the poster without it: {}", e.toString());
    }
  }

  private static void applyQualityHints(Graphics2D g) {
    g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
    g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
    g.setRenderingHint(RenderingHints.KEY_FRACTIONALMETRICS, RenderingHints.VALUE_FRACTIONALMETRICS_ON);
    g.setRenderingHint(RenderingHints.KEY_RENDERING, RenderingHints.VALUE_RENDER_QUALITY);
    g.setRenderingHint(RenderingHints.KEY_COLOR_RENDERING, RenderingHints.VALUE_COLOR_RENDER_QUALITY);
    g.setRenderingHint(RenderingHints.KEY_STROKE_CONTROL, RenderingHints.VALUE_STROKE_PURE);
    g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BICUBIC);
  }

  private void drawDate(Graphics2D g, LocalDate date, PosterPalette palette) {
    Font font = PosterText.tracked(fonts.display(DATE_SIZE), 0.12f);
    String text = DATE_FORMAT.format(date).toUpperCase(Locale.ENGLISH);
    if (font.canDisplayUpTo(text) != -1) {
      text = text.replace('\u00B7', '-');
    }
    font = PosterText.fitToWidth(text, font, DATE_SIZE, WIDTH - 2 * MARGIN);
    PosterText.drawCentered(g, text, font, palette.accent(), WIDTH / 2.0, DATE_BASELINE, 0);
  }

  /** e.g. "GET AFTER" in white and "IT" in the accent colour, as wide as the margins allow. */
  private void drawHeadline(Graphics2D g, PosterPalette palette, String headline) {
    Font font = PosterText.fitToWidth(headline, PosterText.tracked(fonts.display(HEADLINE_MAX_SIZE), 0.02f),
        HEADLINE_MAX_SIZE, WIDTH - 2 * MARGIN);
    double baseline = HEADLINE_TOP + PosterText.capHeight(font);
    int split = headline.lastIndexOf(' ') + 1;
    PosterText.drawCenteredTwoTone(g, headline.substring(0, split), Color.WHITE, headline.substring(split),
        palette.accent(), font, WIDTH / 2.0, baseline, 4);
  }

  /** The copy line, wrapped to at most three lines (shrinking the type if needed), centred. */
  private void drawCopy(Graphics2D g, String copy) {
    double maxWidth = WIDTH - 2 * MARGIN - 16;
    float size = 30;
    Font font = fonts.text(size);
    List<String> lines = PosterText.wrap(copy, font, maxWidth);
    while (lines.size() > COPY_MAX_LINES && size > 14) {
      size -= 2;
      font = fonts.text(size);
      lines = PosterText.wrap(copy, font, maxWidth);
    }
    double lineHeight = PosterText.lineHeight(font) * 1.05;
    double capHeight = PosterText.capHeight(font);
    double blockHeight = capHeight + lineHeight * (lines.size() - 1);
    double baseline = (COPY_TOP + COPY_BOTTOM - blockHeight) / 2 + capHeight;
    for (String line : lines) {
      Font fitted = PosterText.fitToWidth(line, font, size, maxWidth);
      PosterText.drawCentered(g, line, fitted, Color.WHITE, WIDTH / 2.0, baseline, 2);
      baseline += lineHeight;
    }
  }

  private void drawFooter(Graphics2D g, PosterPalette palette) {
    String brand = "MOTIV8  ·  WORKOUT DAY";
    Font font = PosterText.tracked(fonts.display(20), 0.25f);
    if (font.canDisplayUpTo(brand) != -1) {
      brand = "MOTIV8  -  WORKOUT DAY";
    }
    g.setColor(palette.accent());
    g.fillRect(WIDTH / 2 - 24, FOOTER_RULE_Y, 48, 4);
    PosterText.drawCentered(g, brand, font, PosterPalette.withAlpha(Color.WHITE, 0.85), WIDTH / 2.0,
        FOOTER_BASELINE, 0);
  }
}
