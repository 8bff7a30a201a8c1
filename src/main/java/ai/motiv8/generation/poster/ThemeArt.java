package ai.motiv8.generation.poster;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.GradientPaint;
import java.awt.Graphics2D;
import java.awt.MultipleGradientPaint;
import java.awt.RadialGradientPaint;
import java.awt.RenderingHints;
import java.awt.geom.Arc2D;
import java.awt.geom.Ellipse2D;
import java.awt.geom.Line2D;
import java.awt.geom.Path2D;
import java.awt.geom.Point2D;
import java.awt.geom.Rectangle2D;
import java.awt.image.BufferedImage;
import java.util.SplittableRandom;

/**
 * Paints each theme's background art, procedurally: a deep vertical gradient, the theme's motif
 * (running-track lanes, sun rays, spotlights, ridges, blueprint grid, art-deco fans, a neon
 * horizon, contour lines, hexagons, ruled paper, scattered pebbles, tiles) in low contrast, and a
 * vignette. Only lines, flat shapes and gradients: nothing a face detector could take for a face.
 * Depends only on (theme, catalogue day, size), so one render serves a whole run
 * ({@link ai.motiv8.generation.BackgroundCache}); the day only moves the motif's random parts.
 */
final class ThemeArt {

  private ThemeArt() {
  }

  /** The art of {@code theme} for catalogue day {@code index}, {@code width × height}. */
  static BufferedImage render(PosterTheme theme, int index, int width, int height) {
    BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
    Graphics2D g = image.createGraphics();
    try {
      g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
      g.setRenderingHint(RenderingHints.KEY_RENDERING, RenderingHints.VALUE_RENDER_QUALITY);
      g.setRenderingHint(RenderingHints.KEY_STROKE_CONTROL, RenderingHints.VALUE_STROKE_PURE);
      double u = width / 600.0;
      g.setPaint(new GradientPaint(0, 0, theme.deep(), 0, height, PosterTheme.mix(theme.deep(), theme.light(), 0.55)));
      g.fillRect(0, 0, width, height);
      Color line = PosterTheme.withAlpha(theme.light(), 0.55);
      Color accent = PosterTheme.withAlpha(theme.accent(), 0.18);
      SplittableRandom random = new SplittableRandom(
          theme.theme().ordinal() * 7919L + 17 + index * 0x9E3779B97F4A7C15L);
      switch (theme.theme()) {
        case ATHLETICS -> lanes(g, width, height, u, line, accent);
        case CALLINGS -> rays(g, width, height, u, line, accent);
        case STAGE -> spotlights(g, width, height, theme);
        case WILD -> ridges(g, width, height, theme, random);
        case WORKSHOP -> blueprint(g, width, height, u, line, accent);
        case GRAND -> fans(g, width, height, u, theme);
        case FUTURE -> horizon(g, width, height, u, theme);
        case EXPEDITION -> contours(g, width, height, u, line, random);
        case LABORATORY -> hexagons(g, width, height, u, line, accent);
        case STUDY -> ruled(g, width, height, u, line, accent);
        case CREATURES -> pebbles(g, width, height, u, theme, random);
        case KITCHEN -> tiles(g, width, height, u, theme);
      }
      vignette(g, width, height);
    } finally {
      g.dispose();
    }
    return image;
  }

  private static void lanes(Graphics2D g, int w, int h, double u, Color line, Color accent) {
    g.setStroke(new BasicStroke((float) (3 * u)));
    for (int i = 0; i < 9; i++) {
      double r = (260 + i * 70) * u;
      g.setColor(i == 4 ? accent : line);
      g.draw(new Arc2D.Double(w * 1.05 - r, h * 0.62 - r, 2 * r, 2 * r, 90, 180, Arc2D.OPEN));
    }
  }

  private static void rays(Graphics2D g, int w, int h, double u, Color line, Color accent) {
    Point2D.Double centre = new Point2D.Double(w / 2.0, h * 0.55);
    double reach = Math.hypot(w, h);
    for (int i = 0; i < 36; i++) {
      double a0 = Math.toRadians(i * 10);
      double a1 = a0 + Math.toRadians(4.5);
      Path2D.Double ray = new Path2D.Double();
      ray.moveTo(centre.x, centre.y);
      ray.lineTo(centre.x + reach * Math.cos(a0), centre.y + reach * Math.sin(a0));
      ray.lineTo(centre.x + reach * Math.cos(a1), centre.y + reach * Math.sin(a1));
      ray.closePath();
      g.setColor(i % 3 == 0 ? accent : PosterTheme.withAlpha(line, 0.25));
      g.fill(ray);
    }
  }

  private static void spotlights(Graphics2D g, int w, int h, PosterTheme theme) {
    for (int i = 0; i < 3; i++) {
      double x = w * (0.15 + 0.35 * i);
      Path2D.Double cone = new Path2D.Double();
      cone.moveTo(x - w * 0.03, 0);
      cone.lineTo(x + w * 0.03, 0);
      cone.lineTo(x + w * 0.28 * (i - 1) + w * 0.22, h);
      cone.lineTo(x + w * 0.28 * (i - 1) - w * 0.22, h);
      cone.closePath();
      g.setPaint(new GradientPaint(0, 0, PosterTheme.withAlpha(theme.highlightTint(), 0.28), 0, h,
          PosterTheme.withAlpha(theme.highlightTint(), 0)));
      g.fill(cone);
    }
    g.setColor(PosterTheme.withAlpha(Color.BLACK, 0.18));
    for (int i = 0; i < 14; i++) {
      double x = i * w / 13.0;
      g.fill(new Rectangle2D.Double(x - w * 0.012, 0, w * 0.024, h * 0.12 + (i % 2) * h * 0.02));
    }
  }

  private static void ridges(Graphics2D g, int w, int h, PosterTheme theme, SplittableRandom random) {
    for (int layer = 0; layer < 4; layer++) {
      double base = h * (0.42 + layer * 0.13);
      Path2D.Double ridge = new Path2D.Double();
      ridge.moveTo(0, h);
      ridge.lineTo(0, base);
      int peaks = 5 + layer;
      for (int i = 1; i <= peaks; i++) {
        double x = i * w / (double) peaks;
        double peak = base - h * (0.05 + random.nextDouble() * 0.09);
        ridge.lineTo(x - w / (2.0 * peaks), peak);
        ridge.lineTo(x, base - random.nextDouble() * h * 0.03);
      }
      ridge.lineTo(w, h);
      ridge.closePath();
      g.setColor(PosterTheme.withAlpha(PosterTheme.mix(theme.light(), theme.deep(), layer / 4.0), 0.45 + layer * 0.1));
      g.fill(ridge);
    }
  }

  private static void blueprint(Graphics2D g, int w, int h, double u, Color line, Color accent) {
    g.setStroke(new BasicStroke((float) u));
    g.setColor(PosterTheme.withAlpha(line, 0.35));
    double step = 30 * u;
    for (double x = 0; x < w; x += step) {
      g.draw(new Line2D.Double(x, 0, x, h));
    }
    for (double y = 0; y < h; y += step) {
      g.draw(new Line2D.Double(0, y, w, y));
    }
    g.setStroke(new BasicStroke((float) (2.5 * u)));
    g.setColor(accent);
    g.draw(new Ellipse2D.Double(w * 0.62, h * 0.08, 260 * u, 260 * u));
    g.draw(new Ellipse2D.Double(-90 * u, h * 0.48, 220 * u, 220 * u));
    g.draw(new Line2D.Double(0, h * 0.3, w, h * 0.18));
  }

  private static void fans(Graphics2D g, int w, int h, double u, PosterTheme theme) {
    g.setStroke(new BasicStroke((float) (1.6 * u)));
    g.setColor(PosterTheme.withAlpha(theme.accent(), 0.22));
    double r = 150 * u;
    for (int row = 0; row * r * 0.5 < h + r; row++) {
      for (int col = -1; col * r < w + r; col++) {
        double cx = col * r + (row % 2) * r / 2;
        double cy = row * r * 0.5;
        for (int k = 1; k <= 4; k++) {
          double rr = r * k / 8;
          g.draw(new Arc2D.Double(cx - rr, cy - rr, 2 * rr, 2 * rr, 0, 180, Arc2D.OPEN));
        }
      }
    }
  }

  private static void horizon(Graphics2D g, int w, int h, double u, PosterTheme theme) {
    double horizon = h * 0.5;
    g.setPaint(new RadialGradientPaint(new Point2D.Double(w / 2.0, horizon), (float) (w * 0.6),
        new float[] {0f, 1f}, new Color[] {PosterTheme.withAlpha(theme.accent(), 0.35),
            PosterTheme.withAlpha(theme.accent(), 0)}));
    g.fillRect(0, 0, w, h);
    g.setStroke(new BasicStroke((float) (1.8 * u)));
    g.setColor(PosterTheme.withAlpha(theme.accent(), 0.45));
    for (int i = -12; i <= 12; i++) {
      g.draw(new Line2D.Double(w / 2.0 + i * 18 * u, horizon, w / 2.0 + i * 140 * u, h));
    }
    for (int i = 0; i < 12; i++) {
      double y = horizon + (h - horizon) * Math.pow(i / 11.0, 1.8);
      g.draw(new Line2D.Double(0, y, w, y));
    }
  }

  private static void contours(Graphics2D g, int w, int h, double u, Color line, SplittableRandom random) {
    g.setStroke(new BasicStroke((float) (1.5 * u)));
    for (int c = 0; c < 3; c++) {
      double cx = w * (0.2 + 0.6 * random.nextDouble());
      double cy = h * (0.15 + 0.7 * random.nextDouble());
      double phase = random.nextDouble() * Math.PI;
      for (int k = 1; k <= 9; k++) {
        Path2D.Double ring = new Path2D.Double();
        for (int i = 0; i <= 72; i++) {
          double a = i * Math.PI * 2 / 72;
          double r = k * 34 * u * (1 + 0.18 * Math.sin(3 * a + phase) + 0.08 * Math.cos(5 * a + k));
          double x = cx + r * Math.cos(a);
          double y = cy + r * Math.sin(a) * 0.8;
          if (i == 0) {
            ring.moveTo(x, y);
          } else {
            ring.lineTo(x, y);
          }
        }
        g.setColor(PosterTheme.withAlpha(line, 0.3));
        g.draw(ring);
      }
    }
  }

  private static void hexagons(Graphics2D g, int w, int h, double u, Color line, Color accent) {
    g.setStroke(new BasicStroke((float) (1.6 * u)));
    double r = 34 * u;
    double dx = r * Math.sqrt(3);
    int row = 0;
    for (double y = 0; y < h + r; y += r * 1.5, row++) {
      for (double x = (row % 2) * dx / 2; x < w + dx; x += dx) {
        Path2D.Double hex = new Path2D.Double();
        for (int i = 0; i < 6; i++) {
          double a = Math.toRadians(60 * i + 30);
          if (i == 0) {
            hex.moveTo(x + r * Math.cos(a), y + r * Math.sin(a));
          } else {
            hex.lineTo(x + r * Math.cos(a), y + r * Math.sin(a));
          }
        }
        hex.closePath();
        boolean lit = (Math.floor(x / dx) * 7 + row * 3) % 11 == 0;
        g.setColor(lit ? accent : PosterTheme.withAlpha(line, 0.25));
        if (lit) {
          g.fill(hex);
        } else {
          g.draw(hex);
        }
      }
    }
  }

  private static void ruled(Graphics2D g, int w, int h, double u, Color line, Color accent) {
    g.setStroke(new BasicStroke((float) u));
    g.setColor(PosterTheme.withAlpha(line, 0.3));
    for (double y = 40 * u; y < h; y += 34 * u) {
      g.draw(new Line2D.Double(0, y, w, y));
    }
    g.setStroke(new BasicStroke((float) (2 * u)));
    g.setColor(accent);
    g.draw(new Line2D.Double(70 * u, 0, 70 * u, h));
  }

  private static void pebbles(Graphics2D g, int w, int h, double u, PosterTheme theme, SplittableRandom random) {
    for (int i = 0; i < 70; i++) {
      double r = (8 + random.nextDouble() * 26) * u;
      double x = random.nextDouble() * w;
      double y = random.nextDouble() * h;
      g.setColor(PosterTheme.withAlpha(i % 4 == 0 ? theme.accent() : theme.light(), 0.10 + random.nextDouble() * 0.12));
      g.fill(new Ellipse2D.Double(x - r, y - r * 0.7, 2 * r, 1.4 * r));
    }
  }

  private static void tiles(Graphics2D g, int w, int h, double u, PosterTheme theme) {
    double step = 50 * u;
    for (int row = 0; row * step < h; row++) {
      for (int col = 0; col * step < w; col++) {
        if ((row + col) % 2 == 0) {
          g.setColor(PosterTheme.withAlpha(theme.light(), 0.22));
          g.fill(new Rectangle2D.Double(col * step, row * step, step, step));
        }
      }
    }
    g.setPaint(new GradientPaint(0, 0, PosterTheme.withAlpha(theme.deep(), 0.7), 0, h * 0.6f,
        PosterTheme.withAlpha(theme.deep(), 0.1)));
    g.fillRect(0, 0, w, h);
  }

  /** Darker corners and a darker foot, so the type stays readable and the eye goes to the middle. */
  private static void vignette(Graphics2D g, int w, int h) {
    g.setPaint(new RadialGradientPaint(new Point2D.Double(w / 2.0, h * 0.45), (float) (Math.hypot(w, h) * 0.62),
        new float[] {0.45f, 1f}, new Color[] {new Color(0, 0, 0, 0), new Color(0, 0, 0, 150)},
        MultipleGradientPaint.CycleMethod.NO_CYCLE));
    g.fillRect(0, 0, w, h);
  }
}
