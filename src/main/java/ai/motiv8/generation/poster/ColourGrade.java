package ai.motiv8.generation.poster;

import java.awt.Color;
import java.awt.image.BufferedImage;
import java.awt.image.DataBufferInt;

/**
 * Grades the portrait towards the day's theme, gently enough that the face stays the person's:
 * a soft S-curve for contrast, shadows tinted towards the theme's shadow colour and highlights
 * towards its highlight colour (split toning), a touch more saturation. One lookup table per
 * channel, so it costs a few milliseconds on a portrait.
 */
final class ColourGrade {

  private ColourGrade() {
  }

  /**
   * Grades the opaque pixels of {@code tile} ({@code TYPE_INT_ARGB}) in place.
   *
   * @param strength 0 (untouched) to 1 (full grade)
   */
  static void apply(BufferedImage tile, PosterTheme theme, double strength) {
    if (strength <= 0) {
      return;
    }
    int[][] lut = tables(theme.shadowTint(), theme.highlightTint(), strength);
    int[] pixels = ((DataBufferInt) tile.getRaster().getDataBuffer()).getData();
    double saturation = 1 + 0.08 * strength;
    for (int i = 0; i < pixels.length; i++) {
      int p = pixels[i];
      if ((p >>> 24) == 0) {
        continue;
      }
      int r = (p >> 16) & 0xFF;
      int g = (p >> 8) & 0xFF;
      int b = p & 0xFF;
      int lum = (r * 77 + g * 150 + b * 29) >> 8;
      r = clamp(lum + (int) Math.round((lut[0][r] - lum) * saturation));
      g = clamp(lum + (int) Math.round((lut[1][g] - lum) * saturation));
      b = clamp(lum + (int) Math.round((lut[2][b] - lum) * saturation));
      pixels[i] = (p & 0xFF000000) | (r << 16) | (g << 8) | b;
    }
  }

  private static int[][] tables(Color shadow, Color highlight, double strength) {
    int[] shadowRgb = {shadow.getRed(), shadow.getGreen(), shadow.getBlue()};
    int[] highlightRgb = {highlight.getRed(), highlight.getGreen(), highlight.getBlue()};
    int[][] lut = new int[3][256];
    for (int c = 0; c < 3; c++) {
      for (int v = 0; v < 256; v++) {
        double x = v / 255.0;
        double curved = x + (smooth(x) - x) * 0.35 * strength;
        double shadowWeight = Math.pow(1 - x, 2) * 0.22 * strength;
        double highlightWeight = Math.pow(x, 2) * 0.14 * strength;
        double value = curved * 255;
        value += (shadowRgb[c] - value) * shadowWeight;
        value += (highlightRgb[c] - value) * highlightWeight;
        lut[c][v] = clamp((int) Math.round(value));
      }
    }
    return lut;
  }

  private static double smooth(double x) {
    return x * x * (3 - 2 * x);
  }

  private static int clamp(int v) {
    return v < 0 ? 0 : Math.min(255, v);
  }
}
