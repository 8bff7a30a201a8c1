package ai.motiv8.generation.poster;

import ai.motiv8.generation.FaceGeometry;
import ai.motiv8.generation.GenerationException;
import ai.motiv8.segmentation.PersonSegmenter;

import java.awt.geom.AffineTransform;
import java.awt.geom.NoninvertibleTransformException;
import java.awt.geom.Point2D;
import java.awt.geom.Rectangle2D;
import java.awt.image.BufferedImage;
import java.awt.image.DataBufferInt;

/**
 * The person's head and shoulders cut out of the selfie: turned upright, drawn at a given scale
 * (the layout keeps it at most {@link PosterLayout#MAX_SCALE}× the selfie's own pixels), with an
 * alpha matte from the person segmentation model, pulled slightly inside the model's edge (no
 * background halo) and feathered. Without a segmenter it falls back to {@link FaceCutout}'s
 * feathered oval.
 *
 * <p>Sizes are in face units {@code u} (the larger of eye distance and eye-to-mouth, as in
 * {@link FaceCutout}): the crop is {@value #WIDTH_UNITS} u wide, from {@value #ABOVE_EYES_UNITS} u
 * above the eye line (hair) to {@value #BELOW_EYES_UNITS} u below it (upper chest).
 */
final class PersonCutout {

  static final double WIDTH_UNITS = 6.6;
  static final double ABOVE_EYES_UNITS = 2.6;
  static final double BELOW_EYES_UNITS = 5.4;
  /** Matte values mapped to transparent below, opaque above (an S-curve between). */
  private static final double MATTE_LOW = 0.45;
  private static final double MATTE_HIGH = 0.85;
  /** Fade where the selfie itself ends, in tile pixels. */
  private static final double BORDER_FADE_PIXELS = 18;
  /** Fade at the crop's left and right edges, as a share of its width. */
  private static final double SIDE_FADE = 0.07;

  private PersonCutout() {
  }

  /** The crop's size in selfie pixels for {@code face}: {@code [width, height]}. */
  static double[] sourceSize(FaceGeometry face) {
    double unit = FaceCutout.Alignment.of(face).unit();
    return new double[] {WIDTH_UNITS * unit, (ABOVE_EYES_UNITS + BELOW_EYES_UNITS) * unit};
  }

  /**
   * @param scale tile pixels per selfie pixel
   * @param segmenter the person model, or null for the oval fallback
   */
  static Cutout cut(BufferedImage selfie, FaceGeometry face, double scale, PersonSegmenter segmenter) {
    FaceCutout.Alignment alignment = FaceCutout.Alignment.of(face);
    double unit = alignment.unit();
    if (segmenter == null) {
      int tileWidth = Math.max(8, (int) Math.floor(FaceCutout.TILE_WIDTH_UNITS * unit * scale));
      BufferedImage tile = FaceCutout.cut(selfie, face, tileWidth);
      double realScale = tileWidth / (FaceCutout.TILE_WIDTH_UNITS * unit);
      double eyeY = FaceCutout.EYE_LINE_UNITS * unit * realScale;
      return new Cutout(tile, realScale, faceBox(face, alignment, realScale, tileWidth / 2.0, eyeY), false);
    }
    int width = Math.max(8, (int) Math.floor(WIDTH_UNITS * unit * scale));
    int height = Math.max(8, (int) Math.floor((ABOVE_EYES_UNITS + BELOW_EYES_UNITS) * unit * scale));
    AffineTransform selfieToTile = new AffineTransform();
    selfieToTile.translate(width / 2.0, ABOVE_EYES_UNITS * unit * scale);
    selfieToTile.scale(scale, scale);
    selfieToTile.rotate(-alignment.angle());
    selfieToTile.translate(-alignment.anchor().x, -alignment.anchor().y);
    BufferedImage tile = FaceCutout.warp(selfie, selfieToTile, width, height, scale);
    PersonSegmenter.Matte matte = segmenter.segment(tile);
    applyMatte(tile, matte, selfieToTile, selfie.getWidth(), selfie.getHeight(), scale);
    return new Cutout(tile, scale, faceBox(face, alignment, scale, width / 2.0, ABOVE_EYES_UNITS * unit * scale), true);
  }

  private static void applyMatte(BufferedImage tile, PersonSegmenter.Matte matte, AffineTransform selfieToTile,
                                 int selfieWidth, int selfieHeight, double scale) {
    AffineTransform tileToSelfie;
    try {
      tileToSelfie = selfieToTile.createInverse();
    } catch (NoninvertibleTransformException e) {
      throw new GenerationException("The face is too small to align", e);
    }
    int width = tile.getWidth();
    int height = tile.getHeight();
    int[] pixels = ((DataBufferInt) tile.getRaster().getDataBuffer()).getData();
    double[] point = new double[2];
    double bottomFade = height * 0.08;
    // The crop's sides cut through the shoulders: fade them out instead of a hard vertical edge.
    double sideFade = width * SIDE_FADE;
    for (int y = 0; y < height; y++) {
      double v = (y + 0.5) / height;
      double bottom = FaceCutout.smoothstep(0, bottomFade, height - y - 0.5);
      for (int x = 0; x < width; x++) {
        int i = y * width + x;
        int alpha = pixels[i] >>> 24;
        if (alpha == 0) {
          continue;
        }
        double side = FaceCutout.smoothstep(0, sideFade, Math.min(x + 0.5, width - x - 0.5));
        double keep = FaceCutout.smoothstep(MATTE_LOW, MATTE_HIGH, matte.sample((x + 0.5) / width, v)) * bottom
            * side;
        if (keep > 0) {
          point[0] = x + 0.5;
          point[1] = y + 0.5;
          tileToSelfie.transform(point, 0, point, 0, 1);
          double inside = Math.min(Math.min(point[0], selfieWidth - point[0]), Math.min(point[1], selfieHeight - point[1]));
          keep *= FaceCutout.smoothstep(0, BORDER_FADE_PIXELS, inside * scale);
        }
        int a = (int) Math.round(alpha * keep);
        pixels[i] = a == 0 ? 0 : (a << 24) | (pixels[i] & 0x00FFFFFF);
      }
    }
  }

  /** The detector's face box, mapped into the tile (upright): where the face is on the poster. */
  private static Rectangle2D.Double faceBox(FaceGeometry face, FaceCutout.Alignment alignment, double scale,
                                            double anchorX, double anchorY) {
    float[] box = face.box();
    AffineTransform t = new AffineTransform();
    t.translate(anchorX, anchorY);
    t.scale(scale, scale);
    t.rotate(-alignment.angle());
    t.translate(-alignment.anchor().x, -alignment.anchor().y);
    Point2D centre = t.transform(new Point2D.Double((box[0] + box[2]) / 2.0, (box[1] + box[3]) / 2.0), null);
    double w = face.boxWidth() * scale;
    double h = face.boxHeight() * scale;
    return new Rectangle2D.Double(centre.getX() - w / 2, centre.getY() - h / 2, w, h);
  }

  /**
   * @param tile the cut-out, {@code TYPE_INT_ARGB}
   * @param scale tile pixels per selfie pixel
   * @param faceBox the face's box in tile pixels
   * @param segmented whether the person model made the matte (else the oval fallback)
   */
  record Cutout(BufferedImage tile, double scale, Rectangle2D.Double faceBox, boolean segmented) {
  }
}
