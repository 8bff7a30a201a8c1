package ai.motiv8.faces.pack;

import ai.motiv8.faces.BilinearResize;
import ai.motiv8.faces.Face;
import ai.motiv8.faces.RgbImage;
import ai.motiv8.faces.onnx.OrtSessions;
import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;

import java.util.Map;

/**
 * 68-point landmarks ({@code fr_landmark.onnx}) and the five keypoints made from them.
 *
 * <p>Input {@code input} float32 [1, 1, 64, 64]: the face box's crop (crop rule, scale 1.0)
 * resized to 64×64, gray {@code 0.299 R + 0.587 G + 0.114 B} rounded to 8 bits, divided by 256.
 * Output {@code output} float32 [1, 136]: (x, y) of the 68 iBUG points in [0, 1] relative to the
 * integer detection box {@code (x, y, bw, bh)}: {@code x_k = out[2k]·bw + x}, {@code y_k = out[2k+1]·bh + y},
 * kept as floats.
 */
public final class FaceLandmarker implements AutoCloseable {

  public static final int INPUT_SIZE = 64;
  public static final int POINTS = 68;

  private final OrtSession session;

  public FaceLandmarker(OrtSession session) {
    this.session = session;
  }

  /** The 68 points of {@code face} as {@code [x0, y0, ..., x67, y67]} in image pixels. */
  public float[] landmarks(RgbImage image, Face face) {
    IntBox box = IntBox.of(face);
    float[] input = preprocess(image, box);
    float[] out;
    try (OnnxTensor tensor = OrtSessions.tensor(input, 1, 1, INPUT_SIZE, INPUT_SIZE);
         OrtSession.Result result = session.run(Map.of("input", tensor))) {
      out = OrtSessions.floats(result, "output", 2 * POINTS);
    } catch (OrtException e) {
      throw new IllegalStateException("Landmark model failed: " + e.getMessage(), e);
    }
    float[] points = new float[2 * POINTS];
    for (int k = 0; k < POINTS; k++) {
      points[2 * k] = out[2 * k] * box.w() + box.x();
      points[2 * k + 1] = out[2 * k + 1] * box.h() + box.y();
    }
    return points;
  }

  /** The five keypoints of {@code face}: eyes, nose tip, mouth corners (see {@link #fivePoints}). */
  public float[] keypoints(RgbImage image, Face face) {
    return fivePoints(landmarks(image, face));
  }

  /**
   * Five points from 68 (0-based iBUG): left eye = mean(37, 38, 40, 41), right eye = mean(43, 44,
   * 46, 47), nose = 30, left mouth = mean(48, 60), right mouth = mean(54, 64); "left" as seen in
   * the image.
   */
  public static float[] fivePoints(float[] landmarks68) {
    float[] five = new float[10];
    mean(landmarks68, five, 0, 37, 38, 40, 41);
    mean(landmarks68, five, 1, 43, 44, 46, 47);
    mean(landmarks68, five, 2, 30);
    mean(landmarks68, five, 3, 48, 60);
    mean(landmarks68, five, 4, 54, 64);
    return five;
  }

  /** The model input for {@code box}, [1, 1, 64, 64] as a flat array. */
  static float[] preprocess(RgbImage image, IntBox box) {
    int[] roi = CropRule.roi(box, 1.0, image.width(), image.height());
    RgbImage crop = BilinearResize.resize(image, roi[0], roi[1], roi[2], roi[3], INPUT_SIZE, INPUT_SIZE);
    byte[] rgb = crop.rgb();
    float[] input = new float[INPUT_SIZE * INPUT_SIZE];
    for (int p = 0; p < input.length; p++) {
      int r = rgb[3 * p] & 0xFF, g = rgb[3 * p + 1] & 0xFF, b = rgb[3 * p + 2] & 0xFF;
      int gray = Math.round(0.299f * r + 0.587f * g + 0.114f * b);
      input[p] = gray / 256f;
    }
    return input;
  }

  private static void mean(float[] points, float[] five, int slot, int... indices) {
    float x = 0, y = 0;
    for (int i : indices) {
      x += points[2 * i];
      y += points[2 * i + 1];
    }
    five[2 * slot] = x / indices.length;
    five[2 * slot + 1] = y / indices.length;
  }

  @Override
  public void close() {
    OrtSessions.closeQuietly(session);
  }

  /** The detection box in whole pixels: {@code (⌊x1⌋, ⌊y1⌋, ⌊x2⌋ − ⌊x1⌋, ⌊y2⌋ − ⌊y1⌋)}. */
  record IntBox(int x, int y, int w, int h) {
    static IntBox of(Face face) {
      int x1 = (int) Math.floor(face.x1()), y1 = (int) Math.floor(face.y1());
      return new IntBox(x1, y1, (int) Math.floor(face.x2()) - x1, (int) Math.floor(face.y2()) - y1);
    }
  }
}
