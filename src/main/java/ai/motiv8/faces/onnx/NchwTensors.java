package ai.motiv8.faces.onnx;

import ai.motiv8.faces.RgbImage;

import java.util.List;

/** Model inputs from pixels: planar R, G, B float tensors normalised as {@code (v − mean) / std}. */
public final class NchwTensors {

  private NchwTensors() {
  }

  /** One image as {@code [1, 3, H, W]} data, R, G, B planes, each value {@code (v − mean) / std}. */
  public static float[] planarRgb(RgbImage image, float mean, float std) {
    return planarRgb(List.of(image), mean, std);
  }

  /**
   * The images as one {@code [N, 3, H, W]} float array (all of one size), channel order R, G, B,
   * each value {@code (v − mean) / std}.
   */
  public static float[] planarRgb(List<RgbImage> images, float mean, float std) {
    RgbImage first = images.get(0);
    int w = first.width(), h = first.height(), plane = w * h;
    float[] data = new float[images.size() * 3 * plane];
    for (int n = 0; n < images.size(); n++) {
      RgbImage image = images.get(n);
      if (image.width() != w || image.height() != h) {
        throw new IllegalArgumentException("Batch mixes " + w + "x" + h + " and "
            + image.width() + "x" + image.height() + " images");
      }
      byte[] rgb = image.rgb();
      int base = n * 3 * plane;
      for (int p = 0; p < plane; p++) {
        for (int c = 0; c < 3; c++) {
          data[base + c * plane + p] = ((rgb[p * 3 + c] & 0xFF) - mean) / std;
        }
      }
    }
    return data;
  }
}
