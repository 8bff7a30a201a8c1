package ai.motiv8.generation;

import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.stream.MemoryCacheImageOutputStream;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.Iterator;

/**
 * The JPEG forms of a generated image and its small preview, encoded in memory with the JDK's own
 * writer (baseline JPEG, 4:2:0, no cache file, no metadata beyond the JFIF header). The JDK has
 * no WebP writer, so no WebP form is made.
 */
public final class ImageEncoding {

  /** Quality of the full-size JPEGs: no visible blocking on the portrait or gradients. */
  public static final float JPEG_QUALITY = 0.88f;
  /** The preview is small and only shown in a list; lower quality is not visible there. */
  public static final float PREVIEW_QUALITY = 0.80f;

  private ImageEncoding() {
  }

  /** {@code image} (RGB, no alpha) as a JPEG of {@code quality} (0..1). */
  public static byte[] jpeg(BufferedImage image, float quality) {
    Iterator<ImageWriter> writers = ImageIO.getImageWritersByFormatName("jpeg");
    if (!writers.hasNext()) {
      throw new GenerationException("This JDK has no JPEG writer");
    }
    ImageWriter writer = writers.next();
    ByteArrayOutputStream bytes = new ByteArrayOutputStream(128 * 1024);
    try (MemoryCacheImageOutputStream out = new MemoryCacheImageOutputStream(bytes)) {
      writer.setOutput(out);
      ImageWriteParam param = writer.getDefaultWriteParam();
      param.setCompressionMode(ImageWriteParam.MODE_EXPLICIT);
      param.setCompressionQuality(quality);
      writer.write(null, new IIOImage(rgb(image), null, null), param);
    } catch (IOException e) {
      throw new GenerationException("Could not encode the image as JPEG", e);
    } finally {
      writer.dispose();
    }
    return bytes.toByteArray();
  }

  /**
   * {@code image} scaled down to {@code width} pixels wide (aspect kept) by halving steps and a
   * last bilinear step, so no step skips source pixels.
   */
  public static BufferedImage downscale(BufferedImage image, int width) {
    BufferedImage current = image;
    int targetHeight = (int) Math.round(image.getHeight() * (double) width / image.getWidth());
    while (current.getWidth() > width) {
      int w = Math.max(width, current.getWidth() / 2);
      int h = w == width ? targetHeight : Math.max(1, current.getHeight() / 2);
      BufferedImage next = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
      Graphics2D g = next.createGraphics();
      try {
        g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BILINEAR);
        g.setRenderingHint(RenderingHints.KEY_RENDERING, RenderingHints.VALUE_RENDER_QUALITY);
        g.drawImage(current, 0, 0, w, h, null);
      } finally {
        g.dispose();
      }
      current = next;
    }
    return current;
  }

  /** True when this JDK's ImageIO can write {@code format} (e.g. {@code webp}: false on a stock JDK). */
  public static boolean canWrite(String format) {
    return ImageIO.getImageWritersByFormatName(format).hasNext();
  }

  private static BufferedImage rgb(BufferedImage image) {
    if (image.getType() == BufferedImage.TYPE_INT_RGB || image.getType() == BufferedImage.TYPE_3BYTE_BGR) {
      return image;
    }
    BufferedImage copy = new BufferedImage(image.getWidth(), image.getHeight(), BufferedImage.TYPE_INT_RGB);
    Graphics2D g = copy.createGraphics();
    try {
      g.drawImage(image, 0, 0, null);
    } finally {
      g.dispose();
    }
    return copy;
  }
}
