package ai.motiv8.generation.poster;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.GradientPaint;
import java.awt.Graphics2D;
import java.awt.geom.Arc2D;
import java.awt.geom.Ellipse2D;
import java.awt.geom.Path2D;
import java.awt.geom.Rectangle2D;
import java.awt.geom.RoundRectangle2D;

/**
 * The shape behind the person, in the theme's accent: an arch (a window the person stands in,
 * head rising above its top) or a disc behind the head; the safe variant gets a quiet panel.
 * Drawn in layout units (the caller scales to the density).
 */
final class PosterFrame {

  private PosterFrame() {
  }

  static void paint(Graphics2D g, PosterLayout layout, PosterTheme theme, boolean ring) {
    Rectangle2D.Double f = layout.frame();
    Color top = theme.accent();
    Color bottom = PosterTheme.mix(theme.accent(), theme.deep(), 0.55);
    if (ring) {
      Rectangle2D.Double p = layout.portrait();
      double r = Math.min(f.width, p.height * 0.9) / 2;
      double cx = p.getCenterX();
      double cy = p.y + p.height * 0.40;
      g.setPaint(new GradientPaint(0, (float) (cy - r), PosterTheme.withAlpha(top, 0.95), 0, (float) (cy + r),
          PosterTheme.withAlpha(bottom, 0.95)));
      g.fill(new Ellipse2D.Double(cx - r, cy - r, 2 * r, 2 * r));
      g.setStroke(new BasicStroke(3f));
      g.setColor(PosterTheme.withAlpha(theme.accent(), 0.6));
      double r2 = r + 14;
      g.draw(new Arc2D.Double(cx - r2, cy - r2, 2 * r2, 2 * r2, 200, 320, Arc2D.OPEN));
      return;
    }
    double radius = f.width / 2;
    Path2D.Double arch = new Path2D.Double();
    arch.moveTo(f.x, f.getMaxY());
    arch.lineTo(f.x, f.y + radius);
    arch.append(new Arc2D.Double(f.x, f.y, f.width, 2 * radius, 180, -180, Arc2D.OPEN), true);
    arch.lineTo(f.getMaxX(), f.getMaxY());
    arch.closePath();
    g.setPaint(new GradientPaint(0, (float) f.y, PosterTheme.withAlpha(top, 0.92), 0, (float) f.getMaxY(),
        PosterTheme.withAlpha(bottom, 0.96)));
    g.fill(arch);
    g.setStroke(new BasicStroke(2f));
    g.setColor(PosterTheme.withAlpha(theme.ink(), 0.35));
    double inset = 10;
    Path2D.Double inner = new Path2D.Double();
    inner.moveTo(f.x + inset, f.getMaxY());
    inner.lineTo(f.x + inset, f.y + radius);
    inner.append(new Arc2D.Double(f.x + inset, f.y + inset, f.width - 2 * inset, 2 * (radius - inset), 180, -180,
        Arc2D.OPEN), true);
    inner.lineTo(f.getMaxX() - inset, f.getMaxY());
    g.draw(inner);
  }

  /** The quiet panel of the safe variant. */
  static void paintQuiet(Graphics2D g, PosterLayout layout, PosterTheme theme) {
    Rectangle2D.Double f = layout.frame();
    g.setColor(PosterTheme.withAlpha(PosterTheme.mix(theme.deep(), theme.light(), 0.5), 0.85));
    g.fill(new RoundRectangle2D.Double(f.x, f.y, f.width, f.height + 20, 36, 36));
  }
}
