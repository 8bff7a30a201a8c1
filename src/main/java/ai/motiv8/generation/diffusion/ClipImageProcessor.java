package ai.motiv8.generation.diffusion;

import ai.motiv8.faces.RgbImage;

/**
 * transformers' {@code CLIPImageProcessor} with its defaults, as IP-Adapter-FaceID-Plus applies
 * it to the face crop: resize so the shorter side is {@code size} (bicubic, PIL's kernel
 * {@code a = −0.5} widened when shrinking), centre-crop {@code size × size}, scale to [0, 1],
 * normalise with CLIP's mean and standard deviation, channels first. For the 224 × 224 aligned
 * crop the resize and crop are identities, as in PIL.
 */
public final class ClipImageProcessor {

  /** OpenAI CLIP's per-channel mean and standard deviation (R, G, B). */
  static final float[] MEAN = {0.48145466f, 0.4578275f, 0.40821073f};
  static final float[] STD = {0.26862954f, 0.26130258f, 0.27577711f};

  /** Which channel order the crop is handed to CLIP in. */
  public enum ChannelOrder {
    /** R, G, B: what CLIP was trained on (default). */
    RGB,
    /**
     * B, G, R: what IP-Adapter's published example feeds (an OpenCV image passed on as if it
     * were RGB; tencent-ailab/IP-Adapter issue #430); only to reproduce such outputs.
     */
    BGR
  }

  private ClipImageProcessor() {
  }

  /** {@code [3, size, size]} normalised pixel values of {@code image}. */
  public static float[] pixelValues(RgbImage image, int size, ChannelOrder order) {
    RgbImage square = centerCrop(resizeShortestEdge(image, size), size);
    float[] out = new float[3 * size * size];
    int plane = size * size;
    for (int y = 0; y < size; y++) {
      for (int x = 0; x < size; x++) {
        for (int c = 0; c < 3; c++) {
          int source = order == ChannelOrder.RGB ? c : 2 - c;
          float v = square.at(x, y, source) / 255f;
          out[c * plane + y * size + x] = (v - MEAN[c]) / STD[c];
        }
      }
    }
    return out;
  }

  static RgbImage resizeShortestEdge(RgbImage image, int shortest) {
    int w = image.width(), h = image.height();
    int newW, newH;
    if (w <= h) {
      newW = shortest;
      newH = (int) ((long) shortest * h / w);
    } else {
      newH = shortest;
      newW = (int) ((long) shortest * w / h);
    }
    if (newW == w && newH == h) {
      return image;
    }
    return resizeBicubic(image, newW, newH);
  }

  static RgbImage centerCrop(RgbImage image, int size) {
    if (image.width() == size && image.height() == size) {
      return image;
    }
    int top = (image.height() - size) / 2, left = (image.width() - size) / 2;
    byte[] out = new byte[size * size * 3];
    for (int y = 0; y < size; y++) {
      for (int x = 0; x < size; x++) {
        int sx = x + left, sy = y + top;
        if (sx < 0 || sy < 0 || sx >= image.width() || sy >= image.height()) {
          continue;
        }
        System.arraycopy(image.rgb(), (sy * image.width() + sx) * 3, out, (y * size + x) * 3, 3);
      }
    }
    return new RgbImage(size, size, out);
  }

  /** Separable bicubic resampling (horizontal pass, then vertical), rounding to bytes after each pass as PIL does. */
  static RgbImage resizeBicubic(RgbImage image, int width, int height) {
    byte[] horizontal = new byte[width * image.height() * 3];
    Kernel kx = Kernel.of(image.width(), width);
    for (int y = 0; y < image.height(); y++) {
      for (int x = 0; x < width; x++) {
        for (int c = 0; c < 3; c++) {
          double sum = 0;
          for (int k = 0; k < kx.count[x]; k++) {
            sum += kx.weights[x][k] * image.at(kx.first[x] + k, y, c);
          }
          horizontal[(y * width + x) * 3 + c] = clamp(sum);
        }
      }
    }
    RgbImage mid = new RgbImage(width, image.height(), horizontal);
    byte[] out = new byte[width * height * 3];
    Kernel ky = Kernel.of(image.height(), height);
    for (int y = 0; y < height; y++) {
      for (int x = 0; x < width; x++) {
        for (int c = 0; c < 3; c++) {
          double sum = 0;
          for (int k = 0; k < ky.count[y]; k++) {
            sum += ky.weights[y][k] * mid.at(x, ky.first[y] + k, c);
          }
          out[(y * width + x) * 3 + c] = clamp(sum);
        }
      }
    }
    return new RgbImage(width, height, out);
  }

  private static byte clamp(double v) {
    return (byte) Math.max(0, Math.min(255, (int) Math.round(v)));
  }

  /** PIL's {@code precompute_coeffs} for the bicubic filter (support 2). */
  private record Kernel(int[] first, int[] count, double[][] weights) {

    static Kernel of(int inSize, int outSize) {
      double scale = (double) inSize / outSize;
      double filterScale = Math.max(scale, 1.0);
      double support = 2.0 * filterScale;
      int[] first = new int[outSize];
      int[] count = new int[outSize];
      double[][] weights = new double[outSize][];
      for (int i = 0; i < outSize; i++) {
        double center = (i + 0.5) * scale;
        int min = Math.max((int) (center - support + 0.5), 0);
        int max = Math.min((int) (center + support + 0.5), inSize);
        double[] w = new double[max - min];
        double total = 0;
        for (int k = 0; k < w.length; k++) {
          w[k] = cubic((k + min - center + 0.5) / filterScale);
          total += w[k];
        }
        for (int k = 0; k < w.length; k++) {
          w[k] = total == 0 ? 0 : w[k] / total;
        }
        first[i] = min;
        count[i] = w.length;
        weights[i] = w;
      }
      return new Kernel(first, count, weights);
    }

    private static double cubic(double x) {
      double a = -0.5;
      x = Math.abs(x);
      if (x < 1) {
        return ((a + 2) * x - (a + 3)) * x * x + 1;
      }
      if (x < 2) {
        return (((x - 5) * x + 8) * x - 4) * a;
      }
      return 0;
    }
  }
}
