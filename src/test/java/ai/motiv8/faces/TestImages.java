package ai.motiv8.faces;

import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.stream.MemoryCacheImageOutputStream;
import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.GradientPaint;
import java.awt.Graphics2D;
import java.awt.Polygon;
import java.awt.RenderingHints;
import java.awt.geom.AffineTransform;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Test pictures: the committed photos (astronaut: Eileen Collins, NASA, public domain; camera: a
 * man with a camera, CC0 by Lav Varshney; both from Debian's python3-skimage) and images drawn or
 * derived here (flips, rescales, rotations, recompression, EXIF, canvases, synthetic patterns).
 */
public final class TestImages {

  public static final String ASTRONAUT = "/photos/astronaut.png";
  public static final String CAMERA = "/photos/camera.png";

  private TestImages() {
  }

  public static byte[] resource(String path) {
    try (InputStream in = TestImages.class.getResourceAsStream(path)) {
      if (in == null) {
        throw new IllegalArgumentException("No test resource " + path);
      }
      return in.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** A committed picture as 8-bit RGB (gray pictures read from the raster, not through getRGB). */
  public static BufferedImage photo(String path) {
    BufferedImage image = decode(resource(path));
    return toRgb(image);
  }

  public static BufferedImage decode(byte[] bytes) {
    try {
      BufferedImage image = ImageIO.read(new ByteArrayInputStream(bytes));
      if (image == null) {
        throw new IllegalArgumentException("Not decodable");
      }
      return image;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Any image as TYPE_INT_RGB; gray images keep their stored levels. */
  public static BufferedImage toRgb(BufferedImage image) {
    BufferedImage rgb = new BufferedImage(image.getWidth(), image.getHeight(), BufferedImage.TYPE_INT_RGB);
    if (image.getType() == BufferedImage.TYPE_BYTE_GRAY) {
      for (int y = 0; y < image.getHeight(); y++) {
        for (int x = 0; x < image.getWidth(); x++) {
          int v = image.getRaster().getSample(x, y, 0);
          rgb.setRGB(x, y, v << 16 | v << 8 | v);
        }
      }
      return rgb;
    }
    Graphics2D g = rgb.createGraphics();
    g.drawImage(image, 0, 0, null);
    g.dispose();
    return rgb;
  }

  public static RgbImage rgbImage(BufferedImage image) {
    int w = image.getWidth(), h = image.getHeight();
    byte[] rgb = new byte[w * h * 3];
    for (int y = 0; y < h; y++) {
      for (int x = 0; x < w; x++) {
        int p = image.getRGB(x, y), o = (y * w + x) * 3;
        rgb[o] = (byte) (p >> 16);
        rgb[o + 1] = (byte) (p >> 8);
        rgb[o + 2] = (byte) p;
      }
    }
    return new RgbImage(w, h, rgb);
  }

  public static BufferedImage flipHorizontal(BufferedImage image) {
    return transformed(image, image.getWidth(), image.getHeight(),
        new AffineTransform(-1, 0, 0, 1, image.getWidth(), 0), Color.WHITE);
  }

  /** Rescaled by {@code factor} with bilinear interpolation. */
  public static BufferedImage scale(BufferedImage image, double factor) {
    int w = (int) Math.round(image.getWidth() * factor), h = (int) Math.round(image.getHeight() * factor);
    return transformed(image, w, h, AffineTransform.getScaleInstance((double) w / image.getWidth(),
        (double) h / image.getHeight()), Color.WHITE);
  }

  /** Turned by {@code degrees} (clockwise) about the centre, same size, corners filled white. */
  public static BufferedImage rotate(BufferedImage image, double degrees) {
    return transformed(image, image.getWidth(), image.getHeight(),
        AffineTransform.getRotateInstance(Math.toRadians(degrees), image.getWidth() / 2.0, image.getHeight() / 2.0),
        Color.WHITE);
  }

  /** Stored pixels that a viewer turns 90° clockwise to show (what EXIF Orientation 6 says). */
  public static BufferedImage rotateCounterClockwise90(BufferedImage upright) {
    int w = upright.getWidth(), h = upright.getHeight();
    BufferedImage out = new BufferedImage(h, w, BufferedImage.TYPE_INT_RGB);
    for (int y = 0; y < h; y++) {
      for (int x = 0; x < w; x++) {
        out.setRGB(y, w - 1 - x, upright.getRGB(x, y));
      }
    }
    return out;
  }

  /** Gaussian blur of standard deviation {@code sigma} pixels (separable, kernel ±3σ, edges repeated). */
  public static BufferedImage blur(BufferedImage image, double sigma) {
    int radius = (int) Math.ceil(3 * sigma);
    double[] kernel = new double[2 * radius + 1];
    double total = 0;
    for (int i = -radius; i <= radius; i++) {
      kernel[i + radius] = Math.exp(-i * i / (2 * sigma * sigma));
      total += kernel[i + radius];
    }
    for (int i = 0; i < kernel.length; i++) {
      kernel[i] /= total;
    }
    return convolve(convolve(toRgb(image), kernel, true), kernel, false);
  }

  private static BufferedImage convolve(BufferedImage image, double[] kernel, boolean horizontal) {
    int w = image.getWidth(), h = image.getHeight(), radius = kernel.length / 2;
    BufferedImage out = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
    for (int y = 0; y < h; y++) {
      for (int x = 0; x < w; x++) {
        double r = 0, g = 0, b = 0;
        for (int i = -radius; i <= radius; i++) {
          int sx = horizontal ? Math.min(w - 1, Math.max(0, x + i)) : x;
          int sy = horizontal ? y : Math.min(h - 1, Math.max(0, y + i));
          int p = image.getRGB(sx, sy);
          double k = kernel[i + radius];
          r += k * (p >> 16 & 0xFF);
          g += k * (p >> 8 & 0xFF);
          b += k * (p & 0xFF);
        }
        out.setRGB(x, y, (int) Math.round(r) << 16 | (int) Math.round(g) << 8 | (int) Math.round(b));
      }
    }
    return out;
  }

  /** Every sRGB level multiplied by {@code factor} (below 1 darker, above 1 brighter), clipped to 255. */
  public static BufferedImage exposure(BufferedImage image, double factor) {
    BufferedImage rgb = toRgb(image);
    BufferedImage out = new BufferedImage(rgb.getWidth(), rgb.getHeight(), BufferedImage.TYPE_INT_RGB);
    for (int y = 0; y < rgb.getHeight(); y++) {
      for (int x = 0; x < rgb.getWidth(); x++) {
        int p = rgb.getRGB(x, y);
        int r = (int) Math.min(255, Math.round((p >> 16 & 0xFF) * factor));
        int g = (int) Math.min(255, Math.round((p >> 8 & 0xFF) * factor));
        int b = (int) Math.min(255, Math.round((p & 0xFF) * factor));
        out.setRGB(x, y, r << 16 | g << 8 | b);
      }
    }
    return out;
  }

  /** {@code image} scaled by {@code factor} and drawn at the centre of a {@code w × h} gray canvas: a face far away. */
  public static BufferedImage farAway(BufferedImage image, double factor, int w, int h) {
    BufferedImage small = scale(image, factor);
    BufferedImage canvas = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
    Graphics2D g = canvas.createGraphics();
    g.setColor(new Color(200, 200, 195));
    g.fillRect(0, 0, w, h);
    g.drawImage(small, (w - small.getWidth()) / 2, (h - small.getHeight()) / 2, null);
    g.dispose();
    return canvas;
  }

  /** The region {@code (x, y, w, h)} as a new image. */
  public static BufferedImage crop(BufferedImage image, int x, int y, int w, int h) {
    return toRgb(image.getSubimage(x, y, w, h));
  }

  public static BufferedImage gray(BufferedImage image) {
    BufferedImage gray = new BufferedImage(image.getWidth(), image.getHeight(), BufferedImage.TYPE_INT_RGB);
    for (int y = 0; y < image.getHeight(); y++) {
      for (int x = 0; x < image.getWidth(); x++) {
        int p = image.getRGB(x, y);
        int v = (int) Math.round(0.299 * (p >> 16 & 0xFF) + 0.587 * (p >> 8 & 0xFF) + 0.114 * (p & 0xFF));
        gray.setRGB(x, y, v << 16 | v << 8 | v);
      }
    }
    return gray;
  }

  private static BufferedImage transformed(BufferedImage image, int w, int h, AffineTransform transform,
                                           Color background) {
    BufferedImage out = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
    Graphics2D g = out.createGraphics();
    g.setColor(background);
    g.fillRect(0, 0, w, h);
    g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BILINEAR);
    g.setRenderingHint(RenderingHints.KEY_RENDERING, RenderingHints.VALUE_RENDER_QUALITY);
    g.drawImage(image, transform, null);
    g.dispose();
    return out;
  }

  public static byte[] jpeg(BufferedImage image, float quality) {
    ImageWriter writer = ImageIO.getImageWritersByFormatName("jpeg").next();
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (MemoryCacheImageOutputStream out = new MemoryCacheImageOutputStream(bytes)) {
      writer.setOutput(out);
      ImageWriteParam param = writer.getDefaultWriteParam();
      param.setCompressionMode(ImageWriteParam.MODE_EXPLICIT);
      param.setCompressionQuality(quality);
      writer.write(null, new IIOImage(toRgb(image), null, null), param);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } finally {
      writer.dispose();
    }
    return bytes.toByteArray();
  }

  public static byte[] encode(BufferedImage image, String format) {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try {
      if (!ImageIO.write(image, format, bytes)) {
        throw new IllegalArgumentException("No writer for " + format + " and " + image);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return bytes.toByteArray();
  }

  public static byte[] png(BufferedImage image) {
    return encode(image, "png");
  }

  /**
   * The JPEG with its JFIF segment replaced by an EXIF APP1 segment holding only
   * {@code Orientation = orientation} (little-endian TIFF, one IFD0 entry), as a phone writes it.
   */
  public static byte[] withExifOrientation(byte[] jpeg, int orientation) {
    byte[] app1 = {
        (byte) 0xFF, (byte) 0xE1, 0, 34,
        'E', 'x', 'i', 'f', 0, 0,
        'I', 'I', 42, 0, 8, 0, 0, 0,   // TIFF header, IFD0 at offset 8
        1, 0,                          // one entry
        0x12, 0x01, 3, 0, 1, 0, 0, 0, (byte) orientation, 0, 0, 0, // 0x0112 SHORT x1
        0, 0, 0, 0};                   // no next IFD
    int rest = 2;
    if ((jpeg[2] & 0xFF) == 0xFF && (jpeg[3] & 0xFF) == 0xE0) {
      rest = 4 + ((jpeg[4] & 0xFF) << 8 | (jpeg[5] & 0xFF));
    }
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.write(jpeg, 0, 2);
    out.write(app1, 0, app1.length);
    out.write(jpeg, rest, jpeg.length - rest);
    return out.toByteArray();
  }

  /** A deterministic, non-symmetric colour pattern. */
  public static RgbImage pattern(int width, int height) {
    byte[] rgb = new byte[width * height * 3];
    for (int y = 0; y < height; y++) {
      for (int x = 0; x < width; x++) {
        int o = (y * width + x) * 3;
        rgb[o] = (byte) ((x * 7 + y * 3) % 256);
        rgb[o + 1] = (byte) ((x * y / 5) % 256);
        rgb[o + 2] = (byte) (255 - (x + 2 * y) % 256);
      }
    }
    return new RgbImage(width, height, rgb);
  }

  /** One colour everywhere. */
  public static RgbImage uniform(int width, int height, int r, int g, int b) {
    byte[] rgb = new byte[width * height * 3];
    for (int i = 0; i < rgb.length; i += 3) {
      rgb[i] = (byte) r;
      rgb[i + 1] = (byte) g;
      rgb[i + 2] = (byte) b;
    }
    return new RgbImage(width, height, rgb);
  }

  /** {@link #landscape} at 320×240. */
  public static BufferedImage landscapeSmall() {
    return landscape(320, 240);
  }

  /** A drawn landscape without people: sky gradient, sun, hills, lake, trees, a house. */
  public static BufferedImage landscape(int w, int h) {
    BufferedImage image = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
    Graphics2D g = image.createGraphics();
    g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
    g.setPaint(new GradientPaint(0, 0, new Color(70, 130, 200), 0, h * 0.6f, new Color(200, 225, 245)));
    g.fillRect(0, 0, w, h);
    g.setColor(new Color(255, 220, 120));
    g.fillOval((int) (w * 0.75), (int) (h * 0.08), w / 10, w / 10);
    g.setColor(new Color(90, 140, 80));
    g.fillOval(-w / 4, (int) (h * 0.45), w, h);
    g.setColor(new Color(60, 110, 60));
    g.fillOval(w / 3, (int) (h * 0.5), w, h);
    g.setPaint(new GradientPaint(0, h * 0.75f, new Color(40, 80, 140), 0, h, new Color(20, 50, 100)));
    g.fillRect(0, (int) (h * 0.78), w, h);
    for (int i = 0; i < 7; i++) {
      int x = w / 12 + i * w / 9, base = (int) (h * (0.62 + 0.02 * (i % 3)));
      g.setColor(new Color(80, 55, 30));
      g.fillRect(x - 3, base, 6, h / 20);
      g.setColor(new Color(30, 90 + 10 * (i % 3), 40));
      g.fillPolygon(new Polygon(new int[] {x - w / 30, x, x + w / 30}, new int[] {base, base - h / 7, base}, 3));
    }
    g.setColor(new Color(180, 60, 50));
    g.fillPolygon(new Polygon(new int[] {w / 2, w / 2 + w / 14, w / 2 + w / 7}, new int[] {(int) (h * 0.55),
        (int) (h * 0.47), (int) (h * 0.55)}, 3));
    g.setColor(new Color(230, 220, 200));
    g.fillRect(w / 2 + w / 60, (int) (h * 0.55), w / 9, h / 10);
    g.setColor(new Color(90, 60, 40));
    g.setStroke(new BasicStroke(2));
    g.drawRect(w / 2 + w / 60, (int) (h * 0.55), w / 9, h / 10);
    g.dispose();
    return image;
  }

  /**
   * A 900×600 canvas with the astronaut photo (face about 110 px) on the left and, on the right,
   * the camera man's head from {@code camera.png} scaled so his face is about 60 px.
   */
  public static BufferedImage twoFaceCanvas() {
    BufferedImage canvas = new BufferedImage(900, 600, BufferedImage.TYPE_INT_RGB);
    Graphics2D g = canvas.createGraphics();
    g.setColor(new Color(235, 235, 230));
    g.fillRect(0, 0, 900, 600);
    g.drawImage(photo(ASTRONAUT), 0, 44, null);
    BufferedImage head = crop(photo(CAMERA), 140, 60, 200, 200);
    g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BILINEAR);
    g.drawImage(head, 620, 180, 140, 140, null);
    g.dispose();
    return canvas;
  }

  public static Path write(Path dir, String name, byte[] bytes) {
    try {
      return Files.write(dir.resolve(name), bytes);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
