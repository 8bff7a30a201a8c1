package ai.motiv8.generation.poster;

import java.awt.Color;
import java.awt.GradientPaint;
import java.awt.Graphics2D;
import java.awt.MultipleGradientPaint;
import java.awt.RadialGradientPaint;
import java.awt.geom.AffineTransform;
import java.awt.geom.Path2D;
import java.awt.geom.Point2D;
import java.util.SplittableRandom;

/**
 * Paints the poster's background: a diagonal gradient, bold diagonal stripes, a glow behind
 * the face and a darker foot for the copy. Only flat shapes and gradients: nothing that a face
 * detector could mistake for a face.
 */
final class PosterBackground {

  private PosterBackground() {
  }

  static void paint(Graphics2D g, int width, int height, PosterPalette palette, Point2D.Double faceCenter,
                    double glowRadius, SplittableRandom random) {
    g.setPaint(new GradientPaint(0, 0, palette.start(), width * 0.6f, height, palette.end()));
    g.fillRect(0, 0, width, height);
    paintStripes(g, width, height, palette, random);
    paintGlow(g, palette, faceCenter, glowRadius);
    paintFoot(g, width, height);
  }

  /** Three to four parallel bands across the poster, tilted left or right. */
  private static void paintStripes(Graphics2D g, int width, int height, PosterPalette palette,
                                   SplittableRandom random) {
    double angle = Math.toRadians((random.nextBoolean() ? 1 : -1) * (18 + random.nextInt(14)));
    int count = 3 + random.nextInt(2);
    double diagonal = Math.hypot(width, height);
    AffineTransform saved = g.getTransform();
    g.translate(width / 2.0, height / 2.0);
    g.rotate(angle);
    double x = -diagonal / 2 + random.nextDouble() * 60;
    for (int i = 0; i < count; i++) {
      double bandWidth = 28 + random.nextDouble() * 90;
      Color color = i % 2 == 0 ? palette.accent() : Color.WHITE;
      double alpha = i % 2 == 0 ? 0.16 + random.nextDouble() * 0.14 : 0.06 + random.nextDouble() * 0.06;
      g.setColor(PosterPalette.withAlpha(color, alpha));
      Path2D.Double band = new Path2D.Double();
      band.moveTo(x, -diagonal / 2);
      band.lineTo(x + bandWidth, -diagonal / 2);
      band.lineTo(x + bandWidth, diagonal / 2);
      band.lineTo(x, diagonal / 2);
      band.closePath();
      g.fill(band);
      x += bandWidth + 40 + random.nextDouble() * (diagonal / count);
    }
    g.setTransform(saved);
  }

  static void paintGlow(Graphics2D g, PosterPalette palette, Point2D.Double center, double radius) {
    g.setPaint(new RadialGradientPaint(center, (float) radius, new float[] {0f, 0.55f, 1f},
        new Color[] {PosterPalette.withAlpha(palette.glow(), 0.85), PosterPalette.withAlpha(palette.glow(), 0.35),
            PosterPalette.withAlpha(palette.glow(), 0)},
        MultipleGradientPaint.CycleMethod.NO_CYCLE));
    g.fill(new java.awt.geom.Ellipse2D.Double(center.x - radius, center.y - radius, 2 * radius, 2 * radius));
  }

  /** Darkens the lower third so that the white copy stays readable on every palette. */
  static void paintFoot(Graphics2D g, int width, int height) {
    float top = height * 0.66f;
    g.setPaint(new GradientPaint(0, top, new Color(0, 0, 0, 0), 0, height, new Color(0, 0, 0, 150)));
    g.fillRect(0, (int) top, width, height - (int) top);
  }
}
