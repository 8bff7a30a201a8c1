package ai.motiv8.generation.poster;

import ai.motiv8.generation.content.Theme;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.GradientPaint;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.geom.Path2D;
import java.awt.image.BufferedImage;
import java.util.EnumMap;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * The poster's per-theme background for the two-stage path: the theme's palette as a gradient and
 * a flat motif in its spirit (lanes for athletics, peaks for the wild, stars for the future, ...).
 * It depends on the theme and the day only, so one render serves every user of a run; the
 * person-specific parts (glow behind the face, darker foot) are painted per poster on top. Only
 * lines, polygons and small dots: nothing a face detector could take for a face.
 */
final class ThemeBackdrop {

  private enum Motif { LANES, GRID, RAYS, PEAKS, STARS, WAVES, DOTS }

  private static final Map<Theme, PosterPalette> PALETTES = new EnumMap<>(Theme.class);
  private static final Map<Theme, Motif> MOTIFS = new EnumMap<>(Theme.class);

  static {
    put(Theme.ATHLETICS, Motif.LANES, "track", 0x2A0A18, 0xE8491D, 0xFFC93C, 0xFFB26B);
    put(Theme.CALLINGS, Motif.GRID, "workwear", 0x0E1626, 0x2F5C8A, 0xFF5A36, 0x9CC7F0);
    put(Theme.STAGE, Motif.RAYS, "spotlight", 0x240B45, 0xD6337F, 0xFFB347, 0xFF8FB8);
    put(Theme.WILD, Motif.PEAKS, "forest", 0x06231F, 0x119A6B, 0xD7F75B, 0x8FF0C2);
    put(Theme.WORKSHOP, Motif.GRID, "sawdust", 0x1E140A, 0xA4632B, 0xFFD166, 0xF5C08A);
    put(Theme.GRAND, Motif.RAYS, "gilded", 0x14110A, 0x8C6A1C, 0xFFE08A, 0xFFF0C2);
    put(Theme.FUTURE, Motif.STARS, "neon", 0x0B1440, 0x6A2CF0, 0x2EE6FF, 0x9D8CFF);
    put(Theme.EXPEDITION, Motif.PEAKS, "glacier", 0x03203A, 0x0A84C6, 0xFFD166, 0x8ED8FF);
    put(Theme.LABORATORY, Motif.DOTS, "reagent", 0x06202A, 0x0F8B8D, 0xD4FF1E, 0xA8F0E8);
    put(Theme.STUDY, Motif.GRID, "library", 0x1A0508, 0x6B1E2E, 0xF2D7A0, 0xE8B4A0);
    put(Theme.CREATURES, Motif.WAVES, "meadow", 0x102A12, 0x4C9A2A, 0xFFE45E, 0xC8F08F);
    put(Theme.KITCHEN, Motif.WAVES, "spice", 0x2A0E05, 0xC2410C, 0xFDE68A, 0xFDBA74);
  }

  private ThemeBackdrop() {
  }

  private static void put(Theme theme, Motif motif, String name, int start, int end, int accent, int glow) {
    PALETTES.put(theme, new PosterPalette(theme.id() + "-" + name, new Color(start), new Color(end),
        new Color(accent), new Color(glow)));
    MOTIFS.put(theme, motif);
  }

  static PosterPalette palette(Theme theme) {
    return PALETTES.get(theme);
  }

  /** The theme's background for catalogue day {@code index}, {@code width × height}. */
  static BufferedImage render(Theme theme, int index, int width, int height) {
    PosterPalette palette = palette(theme);
    SplittableRandom random = new SplittableRandom(((long) theme.ordinal() << 32) ^ index * 0x9E3779B97F4A7C15L);
    BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
    Graphics2D g = image.createGraphics();
    try {
      g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
      g.setRenderingHint(RenderingHints.KEY_RENDERING, RenderingHints.VALUE_RENDER_QUALITY);
      g.setPaint(new GradientPaint(0, 0, palette.start(), width * 0.6f, height, palette.end()));
      g.fillRect(0, 0, width, height);
      paintMotif(g, MOTIFS.get(theme), palette, width, height, random);
    } finally {
      g.dispose();
    }
    return image;
  }

  private static void paintMotif(Graphics2D g, Motif motif, PosterPalette palette, int w, int h,
                                 SplittableRandom random) {
    Color accent = PosterPalette.withAlpha(palette.accent(), 0.22);
    Color light = PosterPalette.withAlpha(Color.WHITE, 0.08);
    switch (motif) {
      case LANES -> {
        g.setStroke(new BasicStroke(6f));
        for (int i = 0; i < 6; i++) {
          g.setColor(i % 2 == 0 ? accent : light);
          double x = -w * 0.4 + i * w * 0.22 + random.nextDouble() * 12;
          Path2D.Double lane = new Path2D.Double();
          lane.moveTo(x, h);
          lane.curveTo(x + w * 0.2, h * 0.6, x + w * 0.6, h * 0.4, x + w * 1.2, 0);
          g.draw(lane);
        }
      }
      case GRID -> {
        g.setStroke(new BasicStroke(1.5f));
        int step = 32 + random.nextInt(16);
        for (int x = step / 2; x < w; x += step) {
          g.setColor(x / step % 4 == 0 ? accent : light);
          g.drawLine(x, 0, x, h);
        }
        for (int y = step / 2; y < h; y += step) {
          g.setColor(y / step % 4 == 0 ? accent : light);
          g.drawLine(0, y, w, y);
        }
      }
      case RAYS -> {
        double cx = w * (0.3 + random.nextDouble() * 0.4);
        int rays = 9 + random.nextInt(4);
        for (int i = 0; i < rays; i++) {
          g.setColor(i % 2 == 0 ? accent : light);
          double a0 = Math.PI * i / rays;
          double a1 = a0 + Math.PI / (rays * 2.5);
          double r = h * 1.6;
          Path2D.Double ray = new Path2D.Double();
          ray.moveTo(cx, -10);
          ray.lineTo(cx + r * Math.cos(a0), r * Math.sin(a0));
          ray.lineTo(cx + r * Math.cos(a1), r * Math.sin(a1));
          ray.closePath();
          g.fill(ray);
        }
      }
      case PEAKS -> {
        for (int layer = 0; layer < 3; layer++) {
          g.setColor(layer == 1 ? accent : PosterPalette.withAlpha(Color.BLACK, 0.18 + layer * 0.08));
          double base = h * (0.55 + layer * 0.12);
          Path2D.Double ridge = new Path2D.Double();
          ridge.moveTo(0, h);
          ridge.lineTo(0, base);
          for (double x = 0; x <= w; x += w / 6.0) {
            ridge.lineTo(x, base - random.nextDouble() * h * 0.18);
            ridge.lineTo(x + w / 12.0, base - h * 0.02);
          }
          ridge.lineTo(w, h);
          ridge.closePath();
          g.fill(ridge);
        }
      }
      case STARS -> {
        for (int i = 0; i < 140; i++) {
          g.setColor(i % 5 == 0 ? PosterPalette.withAlpha(palette.accent(), 0.6) : PosterPalette.withAlpha(Color.WHITE,
              0.25 + random.nextDouble() * 0.4));
          double size = 1 + random.nextDouble() * 2.5;
          g.fill(new java.awt.geom.Rectangle2D.Double(random.nextDouble() * w, random.nextDouble() * h, size, size));
        }
      }
      case WAVES -> {
        g.setStroke(new BasicStroke(5f));
        for (int i = 0; i < 9; i++) {
          g.setColor(i % 3 == 0 ? accent : light);
          double y = h * 0.08 + i * h * 0.11;
          double amplitude = 10 + random.nextDouble() * 14;
          Path2D.Double wave = new Path2D.Double();
          wave.moveTo(0, y);
          for (int x = 0; x <= w; x += 8) {
            wave.lineTo(x, y + amplitude * Math.sin(x / (w / 6.0) + i));
          }
          g.draw(wave);
        }
      }
      case DOTS -> {
        int step = 24;
        for (int y = step / 2; y < h; y += step) {
          for (int x = step / 2; x < w; x += step) {
            if (random.nextInt(5) == 0) {
              g.setColor(random.nextInt(3) == 0 ? accent : light);
              g.fill(new java.awt.geom.Rectangle2D.Double(x - 3, y - 3, 6, 6));
            }
          }
        }
      }
    }
  }
}
