package ai.motiv8.generation;

import ai.motiv8.faces.DetectedFace;
import ai.motiv8.faces.RgbImage;

import java.awt.image.BufferedImage;
import java.awt.image.DataBufferByte;
import java.util.List;

/** Adapts what face intake and face analysis give to what an engine takes. */
final class SelfieImages {

  private SelfieImages() {
  }

  /** The pixels as a {@code TYPE_3BYTE_BGR} image (one copy, no colour conversion). */
  static BufferedImage toBufferedImage(RgbImage rgb) {
    BufferedImage image = new BufferedImage(rgb.width(), rgb.height(), BufferedImage.TYPE_3BYTE_BGR);
    byte[] bgr = ((DataBufferByte) image.getRaster().getDataBuffer()).getData();
    byte[] source = rgb.rgb();
    for (int i = 0; i < source.length; i += 3) {
      bgr[i] = source[i + 2];
      bgr[i + 1] = source[i + 1];
      bgr[i + 2] = source[i];
    }
    return image;
  }

  /** The face as the engines take it: box, and the five keypoints when the pack gave them. */
  static FaceGeometry geometry(DetectedFace face) {
    List<Float> box = face.box();
    List<Float> points = face.keypoints();
    float[] keypoints = new float[points.size() == 2 * FaceGeometry.KEYPOINTS ? points.size() : 0];
    for (int i = 0; i < keypoints.length; i++) {
      keypoints[i] = points.get(i);
    }
    return new FaceGeometry(new float[] {box.get(0), box.get(1), box.get(2), box.get(3)}, keypoints);
  }
}
