package ai.motiv8.faces.buffalo;

import ai.motiv8.faces.BilinearResize;
import ai.motiv8.faces.RgbImage;

/**
 * An image resized, aspect kept, into the top-left corner of a black canvas, as InsightFace's
 * SCRFD {@code detect} does before detection.
 *
 * <p>With {@code r = h / w} and the canvas ratio {@code R = H / W}: if {@code r > R} the new height
 * is {@code H} and the new width {@code ⌊H / r⌋}, else the new width is {@code W} and the new
 * height {@code ⌊W · r⌋}. The scale is {@code newHeight / h}; a point of the canvas divided by it
 * is a point of the original image.
 *
 * @param canvas {@code W × H} pixels, the resized image at (0, 0), black elsewhere
 * @param scale canvas pixels per image pixel ({@code newHeight / h}), as a float like InsightFace
 * @param newWidth width of the resized image inside the canvas
 * @param newHeight height of the resized image inside the canvas
 */
record Letterbox(RgbImage canvas, float scale, int newWidth, int newHeight) {

  /** Fits {@code image} into a {@code width × height} canvas (bilinear, half-pixel centres). */
  static Letterbox fit(RgbImage image, int width, int height) {
    double imageRatio = (double) image.height() / image.width();
    double canvasRatio = (double) height / width;
    int newWidth, newHeight;
    if (imageRatio > canvasRatio) {
      newHeight = height;
      newWidth = Math.max(1, (int) (newHeight / imageRatio));
    } else {
      newWidth = width;
      newHeight = Math.max(1, (int) (newWidth * imageRatio));
    }
    float scale = (float) ((double) newHeight / image.height());
    RgbImage resized = BilinearResize.resize(image, newWidth, newHeight);
    byte[] canvas = new byte[width * height * 3];
    for (int y = 0; y < newHeight; y++) {
      System.arraycopy(resized.rgb(), y * newWidth * 3, canvas, y * width * 3, newWidth * 3);
    }
    return new Letterbox(new RgbImage(width, height, canvas), scale, newWidth, newHeight);
  }
}
