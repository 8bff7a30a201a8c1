package ai.motiv8.generation.poster;

import ai.motiv8.generation.FaceGeometry;
import ai.motiv8.generation.GenerationException;

import java.awt.Graphics2D;
import java.awt.Rectangle;
import java.awt.RenderingHints;
import java.awt.geom.AffineTransform;
import java.awt.geom.NoninvertibleTransformException;
import java.awt.geom.Point2D;
import java.awt.image.BufferedImage;
import java.awt.image.DataBufferInt;

/**
 * Cuts a person's head out of a selfie: turned upright (eye line horizontal), scaled to a tile,
 * with a feathered elliptical edge (alpha fades from opaque to clear), colours untouched.
 *
 * <p>Sizes are measured in face units {@code u}: about the distance between the eyes. The tile
 * is {@value #TILE_WIDTH_UNITS} u wide and {@value #TILE_HEIGHT_UNITS} u high; the eye line sits
 * {@value #EYE_LINE_UNITS} u below the top, which leaves room for the hair above and the chin
 * below, and puts the face (about 2.2 u wide) well inside the opaque part of the mask.
 */
final class FaceCutout {

  static final double TILE_WIDTH_UNITS = 3.4;
  static final double TILE_HEIGHT_UNITS = 4.6;
  static final double EYE_LINE_UNITS = 1.9;
  /** Typical face width (cheek to cheek) in eye distances. */
  private static final double FACE_WIDTH_UNITS = 2.2;
  /** With landmarks, the face unit is at least this share of the unit the box alone suggests. */
  private static final double BOX_FLOOR = 0.6;
  /** Normalised elliptical radius where the feather starts, and where it reaches zero (1.0). */
  private static final double FEATHER_START = 0.66;
  /** Width in tile pixels of the fade along the selfie's border. */
  private static final double BORDER_FADE_PIXELS = 28;
  /** Below this scale the source is first halved (repeatedly), so that big faces do not alias. */
  private static final double MIN_DIRECT_SCALE = 0.5;

  private FaceCutout() {
  }

  /**
   * @param tileWidth width of the returned tile in pixels; its height follows the tile's aspect
   * @return a {@code TYPE_INT_ARGB} tile with the aligned, feathered head
   * @throws GenerationException when the face lies outside the selfie
   */
  static BufferedImage cut(BufferedImage selfie, FaceGeometry face, int tileWidth) {
    int tileHeight = (int) Math.round(tileWidth * TILE_HEIGHT_UNITS / TILE_WIDTH_UNITS);
    Alignment alignment = Alignment.of(face);
    double scale = tileWidth / (TILE_WIDTH_UNITS * alignment.unit());

    AffineTransform selfieToTile = new AffineTransform();
    selfieToTile.translate(tileWidth / 2.0, EYE_LINE_UNITS * alignment.unit() * scale);
    selfieToTile.scale(scale, scale);
    selfieToTile.rotate(-alignment.angle());
    selfieToTile.translate(-alignment.anchor().x, -alignment.anchor().y);

    BufferedImage tile = warp(selfie, selfieToTile, tileWidth, tileHeight, scale);
    feather(tile, selfieToTile, selfie.getWidth(), selfie.getHeight(), scale);
    return tile;
  }

  /**
   * The selfie drawn through {@code selfieToTile} (a similarity of scale {@code scale}) into a new
   * {@code TYPE_INT_ARGB} tile, bicubic, big sources halved first so they do not alias; pixels
   * outside the selfie stay transparent.
   *
   * @throws GenerationException when the tile shows none of the selfie
   */
  static BufferedImage warp(BufferedImage selfie, AffineTransform selfieToTile, int tileWidth, int tileHeight,
                            double scale) {
    Rectangle region = sourceRegion(selfieToTile, tileWidth, tileHeight, selfie);
    if (region.isEmpty()) {
      throw new GenerationException("The face lies outside the image");
    }
    Source source = Source.of(selfie, region, scale);

    AffineTransform sourceToTile = new AffineTransform(selfieToTile);
    sourceToTile.translate(region.x, region.y);
    sourceToTile.scale(1 / source.scaleX(), 1 / source.scaleY());

    BufferedImage tile = new BufferedImage(tileWidth, tileHeight, BufferedImage.TYPE_INT_ARGB);
    Graphics2D g = tile.createGraphics();
    try {
      g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BICUBIC);
      g.setRenderingHint(RenderingHints.KEY_RENDERING, RenderingHints.VALUE_RENDER_QUALITY);
      g.drawImage(source.image(), sourceToTile, null);
    } finally {
      g.dispose();
    }
    return tile;
  }

  /** The selfie pixels the tile shows, clamped to the selfie, with a small margin for the filter. */
  private static Rectangle sourceRegion(AffineTransform selfieToTile, int tileWidth, int tileHeight,
                                        BufferedImage selfie) {
    AffineTransform tileToSelfie;
    try {
      tileToSelfie = selfieToTile.createInverse();
    } catch (NoninvertibleTransformException e) {
      throw new GenerationException("The face is too small to align", e);
    }
    double[] corners = {0, 0, tileWidth, 0, 0, tileHeight, tileWidth, tileHeight};
    tileToSelfie.transform(corners, 0, corners, 0, 4);
    double minX = Double.MAX_VALUE;
    double minY = Double.MAX_VALUE;
    double maxX = -Double.MAX_VALUE;
    double maxY = -Double.MAX_VALUE;
    for (int i = 0; i < corners.length; i += 2) {
      minX = Math.min(minX, corners[i]);
      maxX = Math.max(maxX, corners[i]);
      minY = Math.min(minY, corners[i + 1]);
      maxY = Math.max(maxY, corners[i + 1]);
    }
    int x1 = (int) Math.max(0, Math.floor(minX) - 2);
    int y1 = (int) Math.max(0, Math.floor(minY) - 2);
    int x2 = (int) Math.min(selfie.getWidth(), Math.ceil(maxX) + 2);
    int y2 = (int) Math.min(selfie.getHeight(), Math.ceil(maxY) + 2);
    return new Rectangle(x1, y1, Math.max(0, x2 - x1), Math.max(0, y2 - y1));
  }

  /**
   * Multiplies the tile's alpha by an elliptical mask that fades out towards the edge, and by a
   * fade along the selfie's own border, so that a face cut off by the photo's edge ends softly
   * instead of along a straight line.
   */
  private static void feather(BufferedImage tile, AffineTransform selfieToTile, int selfieWidth, int selfieHeight,
                              double scale) {
    AffineTransform tileToSelfie;
    try {
      tileToSelfie = selfieToTile.createInverse();
    } catch (NoninvertibleTransformException e) {
      throw new GenerationException("The face is too small to align", e);
    }
    int width = tile.getWidth();
    int height = tile.getHeight();
    int[] pixels = ((DataBufferInt) tile.getRaster().getDataBuffer()).getData();
    double rx = width / 2.0;
    double ry = height / 2.0;
    double[] point = new double[2];
    for (int y = 0; y < height; y++) {
      double dy = (y + 0.5 - ry) / ry;
      for (int x = 0; x < width; x++) {
        int i = y * width + x;
        double dx = (x + 0.5 - rx) / rx;
        double keep = 1 - smoothstep(FEATHER_START, 1, Math.sqrt(dx * dx + dy * dy));
        if (keep > 0) {
          point[0] = x + 0.5;
          point[1] = y + 0.5;
          tileToSelfie.transform(point, 0, point, 0, 1);
          double inside = Math.min(Math.min(point[0], selfieWidth - point[0]), Math.min(point[1], selfieHeight - point[1]));
          keep *= smoothstep(0, BORDER_FADE_PIXELS, inside * scale);
        }
        if (keep <= 0) {
          pixels[i] = 0;
        } else if (keep < 1) {
          int alpha = (int) Math.round((pixels[i] >>> 24) * keep);
          pixels[i] = (alpha << 24) | (pixels[i] & 0x00FFFFFF);
        }
      }
    }
  }

  /** 0 below {@code edge0}, 1 above {@code edge1}, a smooth S-curve between. */
  static double smoothstep(double edge0, double edge1, double value) {
    double t = Math.min(1, Math.max(0, (value - edge0) / (edge1 - edge0)));
    return t * t * (3 - 2 * t);
  }

  /**
   * Where the face is and how it is turned, from landmarks when there are any, else from the box:
   * {@code anchor} (on the eye line) goes to the tile's centre column, {@code unit} is the face unit.
   */
  record Alignment(Point2D.Double anchor, double angle, double unit) {

    static Alignment of(FaceGeometry face) {
      double boxUnit = face.boxWidth() / FACE_WIDTH_UNITS;
      if (!face.hasKeypoints()) {
        float[] box = face.box();
        Point2D.Double eyes = new Point2D.Double((box[0] + box[2]) / 2.0, box[1] + 0.4 * face.boxHeight());
        return new Alignment(eyes, 0, boxUnit);
      }
      Point2D.Double left = face.keypoint(0);
      Point2D.Double right = face.keypoint(1);
      if (left.x > right.x) {
        Point2D.Double swap = left;
        left = right;
        right = swap;
      }
      Point2D.Double eyes = midpoint(left, right);
      Point2D.Double mouth = midpoint(face.keypoint(3), face.keypoint(4));
      double eyeDistance = left.distance(right);
      double eyeToMouth = eyes.distance(mouth);
      // The box only guards against collapsed landmarks: a detector's upright box around a tilted
      // face is wider than the face, so it must not set the scale.
      double unit = Math.max(Math.max(eyeDistance, eyeToMouth), BOX_FLOOR * boxUnit);
      if (!(unit > 0.5)) {
        throw new GenerationException("The face is too small to align");
      }
      double angle = eyeDistance > 0 ? Math.atan2(right.y - left.y, right.x - left.x) : 0;
      return new Alignment(alongEyeLine(eyes, angle, face), angle, unit);
    }

    /**
     * The point on the eye line level with the box centre. For a frontal face that is the middle
     * of the eyes; for a face turned aside the eyes sit off-centre in the head, and centring on
     * them would push the head out of the mask.
     */
    private static Point2D.Double alongEyeLine(Point2D.Double eyes, double angle, FaceGeometry face) {
      float[] box = face.box();
      double cos = Math.cos(angle);
      double sin = Math.sin(angle);
      double shift = ((box[0] + box[2]) / 2.0 - eyes.x) * cos + ((box[1] + box[3]) / 2.0 - eyes.y) * sin;
      return new Point2D.Double(eyes.x + shift * cos, eyes.y + shift * sin);
    }

    private static Point2D.Double midpoint(Point2D.Double a, Point2D.Double b) {
      return new Point2D.Double((a.x + b.x) / 2, (a.y + b.y) / 2);
    }
  }

  /**
   * The region copied to {@code TYPE_INT_RGB} (fast paths for the transform), halved while the
   * final scale would shrink it by more than 2x.
   */
  private record Source(BufferedImage image, double scaleX, double scaleY) {

    static Source of(BufferedImage selfie, Rectangle region, double finalScale) {
      BufferedImage image = new BufferedImage(region.width, region.height, BufferedImage.TYPE_INT_RGB);
      Graphics2D g = image.createGraphics();
      try {
        g.drawImage(selfie, -region.x, -region.y, null);
      } finally {
        g.dispose();
      }
      double scaleX = 1;
      double scaleY = 1;
      while (finalScale / scaleX < MIN_DIRECT_SCALE && image.getWidth() > 1 && image.getHeight() > 1) {
        BufferedImage half = halve(image);
        scaleX *= (double) half.getWidth() / image.getWidth();
        scaleY *= (double) half.getHeight() / image.getHeight();
        image = half;
      }
      return new Source(image, scaleX, scaleY);
    }

    private static BufferedImage halve(BufferedImage image) {
      int width = Math.max(1, (image.getWidth() + 1) / 2);
      int height = Math.max(1, (image.getHeight() + 1) / 2);
      BufferedImage half = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
      Graphics2D g = half.createGraphics();
      try {
        g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BILINEAR);
        g.drawImage(image, 0, 0, width, height, null);
      } finally {
        g.dispose();
      }
      return half;
    }
  }
}
