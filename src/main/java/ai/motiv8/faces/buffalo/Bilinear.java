package ai.motiv8.faces.buffalo;

import ai.motiv8.faces.RgbImage;

/**
 * Bilinear resize with OpenCV's {@code INTER_LINEAR} geometry: half-pixel centres
 * ({@code src = (dst + 0.5) · srcSize / dstSize − 0.5}), edge pixels repeated, no antialiasing
 * when shrinking, results rounded to 8 bits. OpenCV computes the weights in 11-bit fixed point, so
 * a value may differ from OpenCV's by one level.
 */
final class Bilinear {

  private Bilinear() {
  }

  /** {@code image} resized to {@code width × height}. */
  static RgbImage resize(RgbImage image, int width, int height) {
    if (width == image.width() && height == image.height()) {
      return image;
    }
    int[] x0 = new int[width];
    float[] fx = new float[width];
    sourcePositions(image.width(), width, x0, fx);
    int[] y0 = new int[height];
    float[] fy = new float[height];
    sourcePositions(image.height(), height, y0, fy);

    byte[] src = image.rgb();
    int stride = image.width() * 3;
    int lastX = image.width() - 1, lastY = image.height() - 1;
    byte[] out = new byte[width * height * 3];
    for (int y = 0; y < height; y++) {
      int rowA = y0[y] * stride, rowB = Math.min(y0[y] + 1, lastY) * stride;
      float wy = fy[y];
      for (int x = 0; x < width; x++) {
        int colA = x0[x] * 3, colB = Math.min(x0[x] + 1, lastX) * 3;
        float wx = fx[x];
        int o = (y * width + x) * 3;
        for (int c = 0; c < 3; c++) {
          float top = (src[rowA + colA + c] & 0xFF) * (1 - wx) + (src[rowA + colB + c] & 0xFF) * wx;
          float bottom = (src[rowB + colA + c] & 0xFF) * (1 - wx) + (src[rowB + colB + c] & 0xFF) * wx;
          out[o + c] = (byte) Math.min(255, Math.round(top * (1 - wy) + bottom * wy));
        }
      }
    }
    return new RgbImage(width, height, out);
  }

  /** For each destination index: the left/top source index and the weight of the next one. */
  private static void sourcePositions(int srcSize, int dstSize, int[] index, float[] weight) {
    double scale = (double) srcSize / dstSize;
    for (int d = 0; d < dstSize; d++) {
      double s = (d + 0.5) * scale - 0.5;
      int i = (int) Math.floor(s);
      double f = s - i;
      if (i < 0) {
        i = 0;
        f = 0;
      }
      if (i >= srcSize - 1) {
        i = srcSize - 1;
        f = 0;
      }
      index[d] = i;
      weight[d] = (float) f;
    }
  }
}
