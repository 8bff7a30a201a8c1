package ai.motiv8.faces.intake;

import ai.motiv8.faces.RgbImage;
import com.drew.imaging.ImageMetadataReader;
import com.drew.metadata.Metadata;
import com.drew.metadata.exif.ExifIFD0Directory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.ByteArrayInputStream;

/**
 * EXIF Orientation (tag 0x0112): how the stored pixels must be turned to show the picture upright.
 * Phones often store a portrait selfie as landscape pixels plus Orientation 6; javax.imageio
 * ignores the tag, so it is read here and applied before detection.
 *
 * <p>Values: 1 as stored, 2 mirrored left-right, 3 turned 180°, 4 mirrored top-bottom,
 * 5 transposed (mirrored across the main diagonal), 6 turned 90° clockwise, 7 transversed
 * (mirrored across the anti-diagonal), 8 turned 90° counter-clockwise.
 */
public final class ExifOrientation {

  private static final Logger LOG = LoggerFactory.getLogger(ExifOrientation.class);

  public static final int NORMAL = 1;

  private ExifOrientation() {
  }

  /** The Orientation in the image's EXIF, or {@link #NORMAL} when absent, invalid or unreadable. */
  public static int read(byte[] encoded) {
    try {
      Metadata metadata = ImageMetadataReader.readMetadata(new ByteArrayInputStream(encoded), encoded.length);
      for (ExifIFD0Directory directory : metadata.getDirectoriesOfType(ExifIFD0Directory.class)) {
        if (directory.containsTag(ExifIFD0Directory.TAG_ORIENTATION)) {
          int value = directory.getInt(ExifIFD0Directory.TAG_ORIENTATION);
          return value >= 1 && value <= 8 ? value : NORMAL;
        }
      }
    } catch (Exception | StackOverflowError e) {
      // Broken metadata must not reject a picture that decodes: show it as stored.
      LOG.debug("Ignoring unreadable EXIF: {}", e.toString());
    }
    return NORMAL;
  }

  /** The upright image: {@code stored} turned/mirrored as {@code orientation} says. */
  public static RgbImage apply(RgbImage stored, int orientation) {
    if (orientation <= NORMAL || orientation > 8) {
      return stored;
    }
    int w = stored.width(), h = stored.height();
    boolean swaps = orientation >= 5;
    int outW = swaps ? h : w, outH = swaps ? w : h;
    byte[] in = stored.rgb();
    byte[] out = new byte[in.length];
    for (int y = 0; y < outH; y++) {
      for (int x = 0; x < outW; x++) {
        int sx, sy;
        switch (orientation) {
          case 2 -> { sx = w - 1 - x; sy = y; }
          case 3 -> { sx = w - 1 - x; sy = h - 1 - y; }
          case 4 -> { sx = x; sy = h - 1 - y; }
          case 5 -> { sx = y; sy = x; }
          case 6 -> { sx = y; sy = h - 1 - x; }
          case 7 -> { sx = w - 1 - y; sy = h - 1 - x; }
          default -> { sx = w - 1 - y; sy = x; } // 8
        }
        System.arraycopy(in, (sy * w + sx) * 3, out, (y * outW + x) * 3, 3);
      }
    }
    return new RgbImage(outW, outH, out);
  }
}
