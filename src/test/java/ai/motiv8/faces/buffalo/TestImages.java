package ai.motiv8.faces.buffalo;

import ai.motiv8.faces.RgbImage;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;

/** Images and sessions for the buffalo_l tests. */
final class TestImages {

  private TestImages() {
  }

  /** A deterministic, non-symmetric colour pattern. */
  static RgbImage pattern(int width, int height) {
    byte[] rgb = new byte[width * height * 3];
    for (int y = 0; y < height; y++) {
      for (int x = 0; x < width; x++) {
        int o = (y * width + x) * 3;
        rgb[o] = (byte) ((x * 7 + y * 3) % 256);
        rgb[o + 1] = (byte) ((x * y / 5) % 256);
        rgb[o + 2] = (byte) (255 - (x + 2 * y) % 256);
      }
    }
    return new RgbImage(width, height, rgb);
  }

  /** One colour everywhere. */
  static RgbImage uniform(int width, int height, int r, int g, int b) {
    byte[] rgb = new byte[width * height * 3];
    for (int i = 0; i < rgb.length; i += 3) {
      rgb[i] = (byte) r;
      rgb[i + 1] = (byte) g;
      rgb[i + 2] = (byte) b;
    }
    return new RgbImage(width, height, rgb);
  }

  /** A default-options session on in-memory model bytes. */
  static OrtSession session(byte[] model) throws OrtException {
    return OrtEnvironment.getEnvironment().createSession(model, new OrtSession.SessionOptions());
  }
}
