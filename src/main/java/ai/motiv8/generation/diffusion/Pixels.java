package ai.motiv8.generation.diffusion;

import ai.motiv8.faces.RgbImage;
import ai.motiv8.generation.GenerationException;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.stream.MemoryCacheImageOutputStream;

/** Conversions between Java2D images, the face code's {@link RgbImage} and PNG bytes. */
public final class Pixels {

  private Pixels() {
  }

  /** The sRGB pixels of {@code image} (colour-managed by Java2D, as {@code getRGB} gives them). */
  public static RgbImage rgbOf(BufferedImage image) {
    int w = image.getWidth(), h = image.getHeight();
    int[] row = new int[w];
    byte[] rgb = new byte[w * h * 3];
    for (int y = 0; y < h; y++) {
      image.getRGB(0, y, w, 1, row, 0, w);
      for (int x = 0; x < w; x++) {
        int o = (y * w + x) * 3;
        rgb[o] = (byte) (row[x] >> 16);
        rgb[o + 1] = (byte) (row[x] >> 8);
        rgb[o + 2] = (byte) row[x];
      }
    }
    return new RgbImage(w, h, rgb);
  }

  /** PNG bytes without metadata (reproducible), in memory. */
  static byte[] png(BufferedImage image) {
    ImageWriter writer = ImageIO.getImageWritersByFormatName("png").next();
    ByteArrayOutputStream bytes = new ByteArrayOutputStream(512 * 1024);
    try (MemoryCacheImageOutputStream out = new MemoryCacheImageOutputStream(bytes)) {
      writer.setOutput(out);
      ImageWriteParam param = writer.getDefaultWriteParam();
      param.setCompressionMode(ImageWriteParam.MODE_EXPLICIT);
      param.setCompressionQuality(0.5f);
      writer.write(null, new IIOImage(image, null, null), param);
    } catch (IOException e) {
      throw new GenerationException("Could not encode the image as PNG", e);
    } finally {
      writer.dispose();
    }
    return bytes.toByteArray();
  }
}
