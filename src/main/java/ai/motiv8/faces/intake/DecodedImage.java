package ai.motiv8.faces.intake;

import ai.motiv8.faces.RgbImage;

/**
 * An accepted image: upright sRGB pixels (EXIF orientation applied) and the type its bytes are
 * in.
 *
 * @param exifOrientation the EXIF Orientation that was applied (1 = none)
 */
public record DecodedImage(RgbImage image, ImageType type, int exifOrientation) {

  public String contentType() {
    return type.contentType();
  }

  /** Safe extension without the dot, e.g. {@code jpg}. */
  public String extension() {
    return type.extension();
  }

  public int width() {
    return image.width();
  }

  public int height() {
    return image.height();
  }
}
