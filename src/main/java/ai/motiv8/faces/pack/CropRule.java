package ai.motiv8.faces.pack;

/**
 * The default pack's face crop: a box of {@code bw·s × bh·s} centred on the face box, with
 * {@code s = min((H−1)/bh, (W−1)/bw, scale)}, moved right/down if it starts before 0, then left/up
 * if it ends beyond W−1/H−1. Landmarks use scale 1.0.
 */
final class CropRule {

  private CropRule() {
  }

  /** {@code [x, y, w, h]} of the crop, in whole pixels and inside the image. */
  static int[] roi(FaceLandmarker.IntBox box, double scale, int width, int height) {
    int bw = Math.max(1, box.w()), bh = Math.max(1, box.h());
    double s = Math.min(Math.min((height - 1.0) / bh, (width - 1.0) / bw), scale);
    double newW = bw * s, newH = bh * s;
    double cx = box.x() + bw / 2.0, cy = box.y() + bh / 2.0;
    double ltx = cx - newW / 2, lty = cy - newH / 2, rbx = cx + newW / 2, rby = cy + newH / 2;
    if (ltx < 0) {
      rbx -= ltx;
      ltx = 0;
    }
    if (lty < 0) {
      rby -= lty;
      lty = 0;
    }
    if (rbx > width - 1) {
      ltx -= rbx - width + 1;
      rbx = width - 1;
    }
    if (rby > height - 1) {
      lty -= rby - height + 1;
      rby = height - 1;
    }
    int x = Math.max((int) Math.floor(ltx), 0);
    int y = Math.max((int) Math.floor(lty), 0);
    int w = Math.min((int) Math.floor(rbx - ltx), width - 1);
    int h = Math.min((int) Math.floor(rby - lty), height - 1);
    // The rule can reach one pixel past the edge after flooring; stay inside the image.
    w = Math.max(1, Math.min(w, width - x));
    h = Math.max(1, Math.min(h, height - y));
    return new int[] {x, y, w, h};
  }
}
