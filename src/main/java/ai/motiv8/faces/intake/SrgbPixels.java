package ai.motiv8.faces.intake;

import ai.motiv8.faces.RgbImage;

import java.awt.color.ColorSpace;
import java.awt.image.BufferedImage;
import java.awt.image.ColorModel;
import java.awt.image.DataBufferByte;
import java.awt.image.IndexColorModel;
import java.awt.image.Raster;

/**
 * Turns whatever ImageIO decoded (RGB, BGR, gray, gray + alpha, palette, 16-bit, ARGB) into
 * 8-bit sRGB {@link RgbImage} pixels.
 *
 * <p>Gray images are read from the raster: Java gives them a <em>linear</em> gray colour space,
 * so {@code getRGB()} would brighten them by a gamma curve (+46 to +55 levels on average on real
 * photos), while the stored values are already display-encoded like sRGB. Transparent pixels are
 * composited over <b>white</b>, as a browser shows a transparent picture on a white page.
 */
final class SrgbPixels {

  private static final int BACKGROUND = 255;

  private SrgbPixels() {
  }

  static RgbImage of(BufferedImage image) {
    ColorModel model = image.getColorModel();
    if (image.getType() == BufferedImage.TYPE_3BYTE_BGR) {
      return fromBgrBytes(image);
    }
    if (!(model instanceof IndexColorModel) && model.getColorSpace().getType() == ColorSpace.TYPE_GRAY) {
      return fromGrayRaster(image);
    }
    return fromArgb(image);
  }

  private static RgbImage fromBgrBytes(BufferedImage image) {
    int w = image.getWidth(), h = image.getHeight();
    Raster raster = image.getRaster();
    if (raster.getDataBuffer() instanceof DataBufferByte buffer && raster.getNumBands() == 3
        && raster.getSampleModelTranslateX() == 0 && raster.getSampleModelTranslateY() == 0
        && buffer.getData().length == w * h * 3) {
      byte[] bgr = buffer.getData();
      byte[] rgb = new byte[bgr.length];
      for (int i = 0; i < rgb.length; i += 3) {
        rgb[i] = bgr[i + 2];
        rgb[i + 1] = bgr[i + 1];
        rgb[i + 2] = bgr[i];
      }
      return new RgbImage(w, h, rgb);
    }
    return fromArgb(image);
  }

  /** Gray (1 band) or gray + alpha (2 bands), any bit depth, values taken as display-encoded. */
  private static RgbImage fromGrayRaster(BufferedImage image) {
    int w = image.getWidth(), h = image.getHeight();
    Raster raster = image.getRaster();
    ColorModel model = image.getColorModel();
    double grayMax = (1L << model.getComponentSize(0)) - 1;
    boolean alpha = model.hasAlpha() && raster.getNumBands() > 1;
    double alphaMax = alpha ? (1L << model.getComponentSize(raster.getNumBands() - 1)) - 1 : 1;
    int[] gray = new int[w];
    int[] alphas = new int[w];
    byte[] rgb = new byte[w * h * 3];
    for (int y = 0; y < h; y++) {
      raster.getSamples(0, y, w, 1, 0, gray);
      if (alpha) {
        raster.getSamples(0, y, w, 1, raster.getNumBands() - 1, alphas);
      }
      for (int x = 0; x < w; x++) {
        double value = gray[x] * 255.0 / grayMax;
        if (alpha) {
          double a = alphas[x] / alphaMax;
          value = value * a + BACKGROUND * (1 - a);
        }
        byte b = (byte) Math.round(value);
        int o = (y * w + x) * 3;
        rgb[o] = b;
        rgb[o + 1] = b;
        rgb[o + 2] = b;
      }
    }
    return new RgbImage(w, h, rgb);
  }

  /** Through the colour model's sRGB conversion ({@code getRGB}), alpha composited over white. */
  private static RgbImage fromArgb(BufferedImage image) {
    int w = image.getWidth(), h = image.getHeight();
    boolean alpha = image.getColorModel().hasAlpha();
    int[] row = new int[w];
    byte[] rgb = new byte[w * h * 3];
    for (int y = 0; y < h; y++) {
      image.getRGB(0, y, w, 1, row, 0, w);
      for (int x = 0; x < w; x++) {
        int argb = row[x];
        int o = (y * w + x) * 3;
        int a = alpha ? argb >>> 24 : 255;
        rgb[o] = over(argb >> 16 & 0xFF, a);
        rgb[o + 1] = over(argb >> 8 & 0xFF, a);
        rgb[o + 2] = over(argb & 0xFF, a);
      }
    }
    return new RgbImage(w, h, rgb);
  }

  private static byte over(int value, int alpha) {
    if (alpha == 255) {
      return (byte) value;
    }
    return (byte) ((value * alpha + BACKGROUND * (255 - alpha) + 127) / 255);
  }
}
