package ai.motiv8.faces.intake;

import ai.motiv8.faces.RgbImage;
import ai.motiv8.faces.TestImages;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.awt.image.BufferedImage;
import java.awt.image.IndexColorModel;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Random;
import java.util.zip.CRC32;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ImageIntakeTest {

  private final ImageIntake intake = new ImageIntake(40_000_000L);

  @Test
  @DisplayName("a PNG photo is recognised by its bytes and decoded to its own RGB pixels")
  void decodesPng() {
    DecodedImage decoded = intake.read(TestImages.resource(TestImages.ASTRONAUT));

    assertThat(decoded.type()).isEqualTo(ImageType.PNG);
    assertThat(decoded.contentType()).isEqualTo("image/png");
    assertThat(decoded.extension()).isEqualTo("png");
    assertThat(decoded.width()).isEqualTo(512);
    assertThat(decoded.height()).isEqualTo(512);
    assertThat(decoded.image().rgb()).isEqualTo(TestImages.rgbImage(TestImages.photo(TestImages.ASTRONAUT)).rgb());
  }

  @Test
  @DisplayName("JPEG, GIF, BMP and WebP are recognised with their content type and a safe extension")
  void recognisesEveryType() {
    BufferedImage small = TestImages.scale(TestImages.photo(TestImages.ASTRONAUT), 0.25);

    assertThat(intake.read(TestImages.jpeg(small, 0.9f))).extracting(DecodedImage::contentType, DecodedImage::extension)
        .containsExactly("image/jpeg", "jpg");
    assertThat(intake.read(TestImages.encode(small, "gif"))).extracting(DecodedImage::contentType, DecodedImage::extension)
        .containsExactly("image/gif", "gif");
    assertThat(intake.read(TestImages.encode(small, "bmp"))).extracting(DecodedImage::contentType, DecodedImage::extension)
        .containsExactly("image/bmp", "bmp");
    assertThat(intake.read(TestImages.resource("/images/astronaut-256.webp")))
        .extracting(DecodedImage::contentType, DecodedImage::extension).containsExactly("image/webp", "webp");
  }

  @Test
  @DisplayName("a BMP decodes to exactly the pixels written")
  void bmpIsLossless() {
    BufferedImage small = TestImages.scale(TestImages.photo(TestImages.ASTRONAUT), 0.25);

    assertThat(intake.read(TestImages.encode(small, "bmp")).image().rgb()).isEqualTo(TestImages.rgbImage(small).rgb());
  }

  @Test
  @DisplayName("a lossy WebP made by cwebp decodes close to the picture it was made from")
  void decodesLossyWebp() {
    DecodedImage decoded = intake.read(TestImages.resource("/images/astronaut-256.webp"));

    assertThat(decoded.width()).isEqualTo(256);
    assertThat(meanAbsoluteDifference(decoded.image(), astronaut256())).isLessThan(6);
  }

  @Test
  @DisplayName("a WebP with alpha is composited over white: the half-transparent right half gets lighter")
  void webpAlphaOverWhite() {
    RgbImage opaque = intake.read(TestImages.resource("/images/astronaut-256.webp")).image();
    RgbImage alpha = intake.read(TestImages.resource("/images/astronaut-256-alpha.webp")).image();

    // The left half is opaque; the right half has alpha 0.5: (v + 255) / 2 over white.
    assertThat(Math.abs(mean(alpha, 0, 100) - mean(opaque, 0, 100))).isLessThan(3);
    assertThat(mean(alpha, 160, 256)).isCloseTo((mean(opaque, 160, 256) + 255) / 2, org.assertj.core.data.Offset.offset(4.0));
  }

  @Test
  @DisplayName("a CMYK JPEG (Adobe, inverted) is converted to RGB close to the original colours")
  void decodesCmykJpeg() {
    DecodedImage decoded = intake.read(TestImages.resource("/images/astronaut-256-cmyk.jpg"));

    assertThat(decoded.type()).isEqualTo(ImageType.JPEG);
    assertThat(meanAbsoluteDifference(decoded.image(), astronaut256())).isLessThan(20);
  }

  @Test
  @DisplayName("a gray PNG keeps its stored levels (read from the raster, not brightened by getRGB)")
  void grayPngKeepsLevels() {
    BufferedImage gray = new BufferedImage(64, 32, BufferedImage.TYPE_BYTE_GRAY);
    for (int y = 0; y < 32; y++) {
      for (int x = 0; x < 64; x++) {
        gray.getRaster().setSample(x, y, 0, (x * 4 + y) % 256);
      }
    }

    RgbImage decoded = intake.read(TestImages.png(gray)).image();

    for (int y = 0; y < 32; y++) {
      for (int x = 0; x < 64; x++) {
        int expected = (x * 4 + y) % 256;
        assertThat(new int[] {decoded.at(x, y, 0), decoded.at(x, y, 1), decoded.at(x, y, 2)})
            .containsExactly(expected, expected, expected);
      }
    }
  }

  @Test
  @DisplayName("the gray camera photo decodes to its raster values, whose mean is far below getRGB's")
  void grayPhotoMatchesRaster() {
    BufferedImage raw = TestImages.decode(TestImages.resource(TestImages.CAMERA));
    RgbImage decoded = intake.read(TestImages.resource(TestImages.CAMERA)).image();

    double rasterMean = 0, getRgbMean = 0;
    for (int y = 0; y < raw.getHeight(); y++) {
      for (int x = 0; x < raw.getWidth(); x++) {
        assertThat(decoded.at(x, y, 1)).isEqualTo(raw.getRaster().getSample(x, y, 0));
        rasterMean += raw.getRaster().getSample(x, y, 0);
        getRgbMean += raw.getRGB(x, y) >> 8 & 0xFF;
      }
    }
    assertThat(getRgbMean - rasterMean).isGreaterThan(20.0 * raw.getWidth() * raw.getHeight());
  }

  @Test
  @DisplayName("a 16-bit gray PNG is scaled to 8 bits from its raster")
  void sixteenBitGray() {
    BufferedImage gray = new BufferedImage(16, 16, BufferedImage.TYPE_USHORT_GRAY);
    for (int y = 0; y < 16; y++) {
      for (int x = 0; x < 16; x++) {
        gray.getRaster().setSample(x, y, 0, (y * 16 + x) * 257);
      }
    }

    RgbImage decoded = intake.read(TestImages.png(gray)).image();

    assertThat(decoded.at(5, 3, 0)).isEqualTo(3 * 16 + 5);
    assertThat(decoded.at(15, 15, 2)).isEqualTo(255);
  }

  @Test
  @DisplayName("a palette GIF decodes to its exact palette colours")
  void paletteGif() {
    byte[] r = {(byte) 200, 10, 0, (byte) 255};
    byte[] g = {30, (byte) 180, 0, (byte) 255};
    byte[] b = {40, 60, (byte) 220, 0};
    BufferedImage indexed = new BufferedImage(8, 8, BufferedImage.TYPE_BYTE_INDEXED, new IndexColorModel(2, 4, r, g, b));
    for (int y = 0; y < 8; y++) {
      for (int x = 0; x < 8; x++) {
        indexed.getRaster().setSample(x, y, 0, (x + y) % 4);
      }
    }

    RgbImage decoded = intake.read(TestImages.encode(indexed, "gif")).image();

    for (int y = 0; y < 8; y++) {
      for (int x = 0; x < 8; x++) {
        int i = (x + y) % 4;
        assertThat(new int[] {decoded.at(x, y, 0), decoded.at(x, y, 1), decoded.at(x, y, 2)})
            .containsExactly(r[i] & 0xFF, g[i] & 0xFF, b[i] & 0xFF);
      }
    }
  }

  @Test
  @DisplayName("transparent PNG pixels are composited over white")
  void alphaOverWhite() {
    BufferedImage argb = new BufferedImage(3, 1, BufferedImage.TYPE_INT_ARGB);
    argb.setRGB(0, 0, 0xFFFF0000); // opaque red
    argb.setRGB(1, 0, 0x00123456); // fully transparent
    argb.setRGB(2, 0, 0x80000000); // half-transparent black

    RgbImage decoded = intake.read(TestImages.png(argb)).image();

    assertThat(Arrays.copyOfRange(toInts(decoded.rgb()), 0, 3)).containsExactly(255, 0, 0);
    assertThat(Arrays.copyOfRange(toInts(decoded.rgb()), 3, 6)).containsExactly(255, 255, 255);
    assertThat(decoded.at(2, 0, 0)).isBetween(126, 128);
  }

  @ParameterizedTest(name = "orientation {0}")
  @ValueSource(ints = {1, 2, 3, 4, 5, 6, 7, 8})
  @DisplayName("EXIF orientation is applied: the stored corners land where the EXIF specification says")
  void exifOrientation(int orientation) {
    // Stored 64x32: top-left red, top-right green, bottom-left blue, bottom-right yellow.
    BufferedImage stored = new BufferedImage(64, 32, BufferedImage.TYPE_INT_RGB);
    int[] colours = {0xFF0000, 0x00FF00, 0x0000FF, 0xFFFF00};
    for (int y = 0; y < 32; y++) {
      for (int x = 0; x < 64; x++) {
        stored.setRGB(x, y, colours[(y < 16 ? 0 : 2) + (x < 32 ? 0 : 1)]);
      }
    }
    byte[] jpeg = TestImages.withExifOrientation(TestImages.jpeg(stored, 0.95f), orientation);

    DecodedImage decoded = intake.read(jpeg);

    // Where the stored top-left and top-right corners are shown (EXIF 2.32, tag 0x0112).
    String[][] expected = {null, {"TL", "TR"}, {"TR", "TL"}, {"BR", "BL"}, {"BL", "BR"}, {"TL", "BL"}, {"TR", "BR"},
        {"BR", "TR"}, {"BL", "TL"}};
    assertThat(decoded.exifOrientation()).isEqualTo(orientation);
    assertThat(decoded.width()).isEqualTo(orientation >= 5 ? 32 : 64);
    assertThat(corner(decoded.image(), expected[orientation][0])).isEqualTo(0xFF0000);
    assertThat(corner(decoded.image(), expected[orientation][1])).isEqualTo(0x00FF00);
  }

  @Test
  @DisplayName("garbage in the EXIF segment is ignored: the picture is shown as stored")
  void brokenExifIsIgnored() {
    byte[] jpeg = TestImages.withExifOrientation(TestImages.jpeg(TestImages.landscapeSmall(), 0.9f), 6);
    jpeg[12] = (byte) 0x58; // breaks the TIFF byte-order mark "II"
    jpeg[13] = (byte) 0x59;

    DecodedImage decoded = intake.read(jpeg);

    assertThat(decoded.exifOrientation()).isEqualTo(1);
    assertThat(decoded.width()).isEqualTo(TestImages.landscapeSmall().getWidth());
  }

  @Test
  @Timeout(5)
  @DisplayName("a PNG whose header claims 50000x50000 pixels is refused before decoding")
  void pngBomb() {
    assertThatThrownBy(() -> intake.read(pngHeaderOnly(50_000, 50_000)))
        .isInstanceOf(ImageTooLargeException.class)
        .hasMessageContaining("50000x50000");
  }

  @Test
  @Timeout(5)
  @DisplayName("a JPEG whose frame header claims 60000x60000 pixels is refused before decoding")
  void jpegBomb() {
    byte[] jpeg = TestImages.jpeg(TestImages.landscapeSmall(), 0.8f);
    for (int i = 2; i < jpeg.length - 9; i++) {
      if ((jpeg[i] & 0xFF) == 0xFF && (jpeg[i + 1] & 0xFF) == 0xC0) {
        jpeg[i + 5] = (byte) (60000 >> 8);
        jpeg[i + 6] = (byte) 60000;
        jpeg[i + 7] = (byte) (60000 >> 8);
        jpeg[i + 8] = (byte) 60000;
        break;
      }
    }
    assertThatThrownBy(() -> intake.read(jpeg)).isInstanceOf(ImageTooLargeException.class);
  }

  @Test
  @DisplayName("the pixel limit is configurable: an ordinary photo over it is refused")
  void limitIsConfigurable() {
    assertThatThrownBy(() -> new ImageIntake(512 * 511).read(TestImages.resource(TestImages.ASTRONAUT)))
        .isInstanceOf(ImageTooLargeException.class);
  }

  @Test
  @DisplayName("a truncated JPEG is not an image")
  void truncatedJpeg() {
    byte[] jpeg = TestImages.jpeg(TestImages.photo(TestImages.ASTRONAUT), 0.9f);

    assertThatThrownBy(() -> intake.read(Arrays.copyOf(jpeg, jpeg.length * 6 / 10)))
        .isInstanceOf(NotAnImageException.class);
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"png", "gif", "bmp", "webp"})
  @DisplayName("a truncated PNG, GIF, BMP or WebP is not an image")
  void truncatedOthers(String format) {
    byte[] whole = format.equals("webp")
        ? TestImages.resource("/images/astronaut-256.webp")
        : TestImages.encode(TestImages.scale(TestImages.photo(TestImages.ASTRONAUT), 0.5), format);

    assertThatThrownBy(() -> intake.read(Arrays.copyOf(whole, whole.length / 2)))
        .isInstanceOf(NotAnImageException.class);
  }

  @Test
  @DisplayName("a PDF renamed .jpg is not an image")
  void pdfIsNotAnImage() {
    byte[] pdf = "%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n"
        .getBytes(StandardCharsets.US_ASCII);

    assertThatThrownBy(() -> intake.read(pdf)).isInstanceOf(NotAnImageException.class);
  }

  @Test
  @DisplayName("an empty file is not an image")
  void emptyIsNotAnImage() {
    assertThatThrownBy(() -> intake.read(new byte[0])).isInstanceOf(NotAnImageException.class)
        .hasMessageContaining("empty");
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"jpeg", "png", "gif", "webp", "bmp"})
  @DisplayName("random bytes behind a valid signature are not an image")
  void garbageBehindSignature(String type) {
    byte[] signature = switch (type) {
      case "jpeg" -> new byte[] {(byte) 0xFF, (byte) 0xD8, (byte) 0xFF, (byte) 0xE0};
      case "png" -> new byte[] {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n'};
      case "gif" -> "GIF89a".getBytes(StandardCharsets.US_ASCII);
      case "webp" -> "RIFF\u0000\u0010\u0000\u0000WEBPVP8 ".getBytes(StandardCharsets.ISO_8859_1);
      default -> new byte[] {'B', 'M', 0, 0, 0, 0, 0, 0, 0, 0, 54, 0, 0, 0, 40, 0, 0, 0};
    };
    byte[] bytes = new byte[4096];
    new Random(42).nextBytes(bytes);
    System.arraycopy(signature, 0, bytes, 0, signature.length);

    assertThatThrownBy(() -> intake.read(bytes)).isInstanceOfAny(NotAnImageException.class,
        ImageTooLargeException.class);
  }

  /** Signature, IHDR (8-bit RGB) with a valid CRC, an empty IDAT and IEND: no pixel data at all. */
  static byte[] pngHeaderOnly(int width, int height) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.writeBytes(new byte[] {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n'});
    chunk(out, "IHDR", ByteBuffer.allocate(13).putInt(width).putInt(height).put((byte) 8).put((byte) 2)
        .put((byte) 0).put((byte) 0).put((byte) 0).array());
    chunk(out, "IDAT", new byte[0]);
    chunk(out, "IEND", new byte[0]);
    return out.toByteArray();
  }

  private static void chunk(ByteArrayOutputStream out, String type, byte[] data) {
    byte[] typeBytes = type.getBytes(StandardCharsets.US_ASCII);
    CRC32 crc = new CRC32();
    crc.update(typeBytes);
    crc.update(data);
    out.writeBytes(ByteBuffer.allocate(4).putInt(data.length).array());
    out.writeBytes(typeBytes);
    out.writeBytes(data);
    out.writeBytes(ByteBuffer.allocate(4).putInt((int) crc.getValue()).array());
  }

  private static RgbImage astronaut256() {
    return TestImages.rgbImage(TestImages.decode(TestImages.resource("/images/astronaut-256.png")));
  }

  private static int corner(RgbImage image, String corner) {
    int x = corner.endsWith("L") ? 4 : image.width() - 5;
    int y = corner.startsWith("T") ? 4 : image.height() - 5;
    int rgb = 0;
    for (int c = 0; c < 3; c++) {
      rgb = rgb << 8 | (image.at(x, y, c) > 127 ? 255 : 0);
    }
    return rgb;
  }

  private static double mean(RgbImage image, int fromX, int toX) {
    double sum = 0;
    int count = 0;
    for (int y = 0; y < image.height(); y++) {
      for (int x = fromX; x < toX; x++) {
        for (int c = 0; c < 3; c++) {
          sum += image.at(x, y, c);
          count++;
        }
      }
    }
    return sum / count;
  }

  private static double meanAbsoluteDifference(RgbImage a, RgbImage b) {
    assertThat(a.width()).isEqualTo(b.width());
    assertThat(a.height()).isEqualTo(b.height());
    double sum = 0;
    for (int i = 0; i < a.rgb().length; i++) {
      sum += Math.abs((a.rgb()[i] & 0xFF) - (b.rgb()[i] & 0xFF));
    }
    return sum / a.rgb().length;
  }

  private static int[] toInts(byte[] bytes) {
    int[] ints = new int[bytes.length];
    for (int i = 0; i < bytes.length; i++) {
      ints[i] = bytes[i] & 0xFF;
    }
    return ints;
  }
}
