package ai.motiv8.faces;

/**
 * Bilinear resizing with OpenCV's {@code INTER_LINEAR} conventions, as both packs' reference code
 * resizes: pixel centres at half coordinates ({@code src = (dst + 0.5) · scale − 0.5}), edge pixels
 * repeated, no anti-aliasing when shrinking, results rounded to 8 bits. OpenCV computes the weights
 * in 11-bit fixed point, so a value may differ from {@code cv::resize} on {@code uint8} by one level.
 */
public final class BilinearResize {

  private BilinearResize() {
  }

  /**
   * The whole image resized to {@code dstW × dstH}, aspect ratio not kept; {@code src} itself
   * when it already has that size.
   */
  public static RgbImage resize(RgbImage src, int dstW, int dstH) {
    if (dstW == src.width() && dstH == src.height()) {
      return src;
    }
    return resize(src, 0, 0, src.width(), src.height(), dstW, dstH);
  }

  /** The region {@code (x, y, w, h)} of {@code src} (inside the image) resized to {@code dstW × dstH}. */
  public static RgbImage resize(RgbImage src, int x, int y, int w, int h, int dstW, int dstH) {
    if (x < 0 || y < 0 || w <= 0 || h <= 0 || x + w > src.width() || y + h > src.height()) {
      throw new IllegalArgumentException("Region " + x + "," + y + " " + w + "x" + h + " is not inside "
          + src.width() + "x" + src.height());
    }
    int[] x0 = new int[dstW];
    int[] x1 = new int[dstW];
    float[] fx = new float[dstW];
    axis(w, dstW, x, x0, x1, fx);
    int[] y0 = new int[dstH];
    int[] y1 = new int[dstH];
    float[] fy = new float[dstH];
    axis(h, dstH, y, y0, y1, fy);

    byte[] in = src.rgb();
    int stride = src.width() * 3;
    byte[] out = new byte[dstW * dstH * 3];
    int o = 0;
    for (int dy = 0; dy < dstH; dy++) {
      int row0 = y0[dy] * stride, row1 = y1[dy] * stride;
      float wy = fy[dy];
      for (int dx = 0; dx < dstW; dx++) {
        int c0 = x0[dx] * 3, c1 = x1[dx] * 3;
        float wx = fx[dx];
        for (int c = 0; c < 3; c++) {
          float top = (in[row0 + c0 + c] & 0xFF) * (1 - wx) + (in[row0 + c1 + c] & 0xFF) * wx;
          float bottom = (in[row1 + c0 + c] & 0xFF) * (1 - wx) + (in[row1 + c1 + c] & 0xFF) * wx;
          int value = Math.round(top * (1 - wy) + bottom * wy);
          out[o++] = (byte) Math.min(255, Math.max(0, value));
        }
      }
    }
    return new RgbImage(dstW, dstH, out);
  }

  /** Source indices and weights along one axis, OpenCV style, offset by {@code origin}. */
  private static void axis(int srcLength, int dstLength, int origin, int[] i0, int[] i1, float[] weight) {
    double scale = (double) srcLength / dstLength;
    for (int d = 0; d < dstLength; d++) {
      double position = (d + 0.5) * scale - 0.5;
      int s = (int) Math.floor(position);
      double f = position - s;
      if (s < 0) {
        s = 0;
        f = 0;
      }
      if (s >= srcLength - 1) {
        s = srcLength - 1;
        f = 0;
      }
      i0[d] = origin + s;
      i1[d] = origin + Math.min(s + 1, srcLength - 1);
      weight[d] = (float) f;
    }
  }
}
