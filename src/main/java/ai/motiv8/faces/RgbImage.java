package ai.motiv8.faces;

/**
 * Decoded, upright pixels: {@code width × height}, row-major, three bytes per pixel in R, G, B
 * order (sRGB, unsigned). The input of every face model.
 */
public record RgbImage(int width, int height, byte[] rgb) {

  public RgbImage {
    if (width <= 0 || height <= 0 || rgb.length != width * height * 3) {
      throw new IllegalArgumentException("RGB buffer of " + rgb.length + " bytes does not hold "
          + width + "x" + height + " pixels");
    }
  }

  /** Channel {@code c} (0 = R, 1 = G, 2 = B) at (x, y), 0..255. */
  public int at(int x, int y, int c) {
    return rgb[(y * width + x) * 3 + c] & 0xFF;
  }
}
