package ai.motiv8.faces.intake;

import ai.motiv8.faces.RgbImage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import javax.imageio.IIOException;
import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.event.IIOReadWarningListener;
import javax.imageio.stream.ImageInputStream;
import javax.imageio.stream.MemoryCacheImageInputStream;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Iterator;
import java.util.Locale;

/**
 * Checks and decodes an uploaded picture into upright sRGB pixels, refusing everything else:
 *
 * <ol>
 *   <li>type by signature bytes (JPEG, PNG, WebP, GIF, BMP), else {@link NotAnImageException};</li>
 *   <li>width × height read from the header, before any pixel is decoded; more than
 *       {@code maxPixels} → {@link ImageTooLargeException} (decompression bombs);</li>
 *   <li>decoding (WebP and CMYK/YCCK JPEG through the TwelveMonkeys plugins); a truncated or
 *       garbled file → {@link NotAnImageException};</li>
 *   <li>gray, palette, 16-bit and alpha images to 8-bit sRGB (see {@link SrgbPixels}: gray from
 *       the raster, transparency over white; for an animated GIF, its first frame);</li>
 *   <li>EXIF Orientation applied ({@link ExifOrientation}).</li>
 * </ol>
 * Thread-safe; blocking (call it from a worker thread).
 */
public final class ImageIntake {

  private static final Logger LOG = LoggerFactory.getLogger(ImageIntake.class);

  static {
    // Keep ImageIO from caching streams in temp files; every input here is already in memory.
    ImageIO.setUseCache(false);
  }

  private final long maxPixels;

  public ImageIntake(long maxPixels) {
    if (maxPixels <= 0) {
      throw new IllegalArgumentException("maxPixels must be positive");
    }
    this.maxPixels = maxPixels;
  }

  public long maxPixels() {
    return maxPixels;
  }

  /** Reads and decodes the file; see the class comment for what is refused. */
  public DecodedImage read(Path file) {
    try {
      return read(Files.readAllBytes(file));
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot read " + file, e);
    }
  }

  /** Decodes encoded image bytes; see the class comment for what is refused. */
  public DecodedImage read(byte[] encoded) {
    ImageType type = detectType(encoded);
    BufferedImage decoded = decode(encoded, type);
    RgbImage stored = SrgbPixels.of(decoded);
    int orientation = ExifOrientation.read(encoded);
    return new DecodedImage(ExifOrientation.apply(stored, orientation), type, orientation);
  }

  /** The type announced by the first bytes; {@link NotAnImageException} when none is. */
  public static ImageType detectType(byte[] encoded) {
    if (encoded.length == 0) {
      throw new NotAnImageException("The file is empty");
    }
    byte[] head = Arrays.copyOf(encoded, Math.min(encoded.length, ImageType.SNIFF_LENGTH));
    return ImageType.sniff(head).orElseThrow(
        () -> new NotAnImageException("The file does not start like a JPEG, PNG, WebP, GIF or BMP image"));
  }

  private BufferedImage decode(byte[] encoded, ImageType type) {
    Iterator<ImageReader> readers = ImageIO.getImageReadersByFormatName(type.imageIoFormat());
    if (!readers.hasNext()) {
      throw new IllegalStateException("No ImageIO reader for " + type + " on the class path");
    }
    ImageReader reader = readers.next();
    TruncationWatch truncation = new TruncationWatch();
    try (ImageInputStream in = new MemoryCacheImageInputStream(new ByteArrayInputStream(encoded))) {
      reader.setInput(in, false, false);
      reader.addIIOReadWarningListener(truncation);
      long width = reader.getWidth(0);
      long height = reader.getHeight(0);
      if (width <= 0 || height <= 0) {
        throw new NotAnImageException("The header announces an empty image");
      }
      if (width * height > maxPixels) {
        throw new ImageTooLargeException(width, height, maxPixels);
      }
      BufferedImage image = reader.read(0, reader.getDefaultReadParam());
      if (truncation.truncated) {
        throw new NotAnImageException("The " + type + " data ends too early: " + truncation.warning);
      }
      if (image == null || image.getWidth() != width || image.getHeight() != height) {
        throw new NotAnImageException("The " + type + " data does not hold the image its header announces");
      }
      return image;
    } catch (NotAnImageException | ImageTooLargeException e) {
      throw e;
    } catch (IIOException e) {
      throw new NotAnImageException("Cannot decode " + type + ": " + e.getMessage(), e);
    } catch (IOException | RuntimeException e) {
      // Plugins throw all sorts on hostile input (EOF, index, negative size, unsupported): all mean "not an image".
      throw new NotAnImageException("Cannot decode " + type + ": " + e, e);
    } finally {
      reader.dispose();
    }
  }

  /** The JPEG decoder reports a cut-off file only as a warning, and fills the rest with gray. */
  private static final class TruncationWatch implements IIOReadWarningListener {
    private boolean truncated;
    private String warning;

    @Override
    public void warningOccurred(ImageReader source, String message) {
      String lower = String.valueOf(message).toLowerCase(Locale.ROOT);
      if (lower.contains("premature end") || lower.contains("truncat") || lower.contains("unexpected end")) {
        truncated = true;
        warning = message;
      } else {
        LOG.debug("Image decoder warning: {}", message);
      }
    }
  }
}
