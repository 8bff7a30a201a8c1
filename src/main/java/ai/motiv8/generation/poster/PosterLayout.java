package ai.motiv8.generation.poster;

import java.awt.geom.Rectangle2D;

/**
 * Where everything goes on one poster, in output pixels. The canvas is {@value #WIDTH}×{@value #HEIGHT}
 * units (600 is the width mail clients lay out; {@code density} 2 doubles every pixel for
 * high-density screens). Type stays inside {@value #MARGIN}-unit safe margins.
 *
 * <p>The portrait is never drawn larger than {@value #MAX_SCALE}× the selfie's own pixels: a small
 * face gets a smaller portrait, and the headline grows into the room it leaves, so the poster
 * still reads as designed instead of showing an enlarged blur.
 */
record PosterLayout(int width, int height, double density, double portraitScale, Rectangle2D.Double portrait,
                    Rectangle2D.Double frame, Rectangle2D.Double headline, Rectangle2D.Double copy,
                    double topBaseline, double footerBaseline) {

  public static final int WIDTH = 600;
  public static final int HEIGHT = 900;
  /** The most the portrait is enlarged: output pixels per selfie pixel. */
  public static final double MAX_SCALE = 1.25;
  static final double MARGIN = 40;
  private static final double TOP_BASELINE = 58;
  private static final double HEADLINE_TOP = 84;
  private static final double MIN_HEADLINE_HEIGHT = 150;
  private static final double COPY_HEIGHT = 118;
  private static final double FOOTER_HEIGHT = 72;
  /** The copy panel hides the bottom of the portrait (the cut through the chest) by this much. */
  private static final double PORTRAIT_TUCK = 30;
  private static final double MAX_PORTRAIT_WIDTH = 470;

  /**
   * @param sourceWidth the crop's width in selfie pixels
   * @param sourceHeight the crop's height in selfie pixels
   * @param density output pixels per unit (1 or 2)
   */
  static PosterLayout of(double sourceWidth, double sourceHeight, double density) {
    double copyTop = HEIGHT - FOOTER_HEIGHT - COPY_HEIGHT;
    double portraitBottom = copyTop + PORTRAIT_TUCK;
    double maxHeight = portraitBottom - HEADLINE_TOP - MIN_HEADLINE_HEIGHT;
    double scale = Math.min(MAX_SCALE, density * Math.min(MAX_PORTRAIT_WIDTH / sourceWidth, maxHeight / sourceHeight));
    double w = sourceWidth * scale / density;
    double h = sourceHeight * scale / density;
    Rectangle2D.Double portrait = new Rectangle2D.Double((WIDTH - w) / 2, portraitBottom - h, w, h);
    double frameWidth = Math.max(220, Math.min(WIDTH - 2 * MARGIN + 20, w * 0.86));
    double frameHeight = Math.max(200, h * 0.78);
    Rectangle2D.Double frame = new Rectangle2D.Double((WIDTH - frameWidth) / 2, copyTop - frameHeight,
        frameWidth, frameHeight);
    double headlineBottom = Math.min(portrait.y, frame.y) - 14;
    Rectangle2D.Double headline = new Rectangle2D.Double(MARGIN, HEADLINE_TOP, WIDTH - 2 * MARGIN,
        headlineBottom - HEADLINE_TOP);
    Rectangle2D.Double copy = new Rectangle2D.Double(MARGIN - 12, copyTop, WIDTH - 2 * MARGIN + 24, COPY_HEIGHT);
    return new PosterLayout((int) Math.round(WIDTH * density), (int) Math.round(HEIGHT * density), density, scale,
        portrait, frame, headline, copy, TOP_BASELINE, HEIGHT - 30);
  }
}
