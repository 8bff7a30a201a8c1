package ai.motiv8.faces.pack;

import ai.motiv8.faces.BilinearResize;
import ai.motiv8.faces.Face;
import ai.motiv8.faces.NonMaxSuppression;
import ai.motiv8.faces.NonMaxSuppression.Areas;
import ai.motiv8.faces.RgbImage;
import ai.motiv8.faces.onnx.NchwTensors;
import ai.motiv8.faces.onnx.OrtSessions;
import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

/**
 * UltraFace RFB-320 ({@code fr_detect.onnx}). Input {@code input} float32 [1, 3, 240, 320]: the
 * whole image resized to 320×240 (bilinear, aspect not kept), R, G, B planes, {@code (v − 127) / 128}.
 * Outputs {@code scores} [1, 4420, 2] (soft-maxed, column 1 = face) and {@code boxes} [1, 4420, 4]
 * (normalised corners; the graph already holds the priors and the SSD decode).
 *
 * <p>Post-processing: score ≥ 0.65, best 750 by score, IoU NMS at 0.4 in 320×240 space, scaled to
 * the image, then each box replaced by a square of side = box height around its centre, clamped
 * to [0, W−1]×[0, H−1]. Faces come back in score order, without keypoints.
 */
public final class UltraFaceDetector implements AutoCloseable {

  public static final int INPUT_WIDTH = 320;
  public static final int INPUT_HEIGHT = 240;
  public static final int ANCHORS = 4420;
  static final float SCORE_THRESHOLD = 0.65f;
  static final int TOP_K = 750;
  static final float NMS_IOU = 0.4f;
  static final float MIN_FACE_PIXELS = 2f;

  private final OrtSession session;

  public UltraFaceDetector(OrtSession session) {
    this.session = session;
  }

  public List<Face> detect(RgbImage image) {
    float[] input = preprocess(image);
    float[] scores;
    float[] boxes;
    try (OnnxTensor tensor = OrtSessions.tensor(input, 1, 3, INPUT_HEIGHT, INPUT_WIDTH);
         OrtSession.Result result = session.run(Map.of("input", tensor))) {
      scores = OrtSessions.floats(result, "scores", ANCHORS * 2);
      boxes = OrtSessions.floats(result, "boxes", ANCHORS * 4);
    } catch (OrtException e) {
      throw new IllegalStateException("Face detector failed: " + e.getMessage(), e);
    }
    return postprocess(scores, boxes, image.width(), image.height());
  }

  /** The detector's input tensor data, NCHW [1, 3, 240, 320]. */
  public static float[] preprocess(RgbImage image) {
    return NchwTensors.planarRgb(BilinearResize.resize(image, INPUT_WIDTH, INPUT_HEIGHT), 127f, 128f);
  }

  /** Faces from raw outputs: threshold, top-k, NMS, scale to {@code width × height}, square. */
  static List<Face> postprocess(float[] scores, float[] boxes, int width, int height) {
    List<Face> candidates = new ArrayList<>();
    for (int i = 0; i < ANCHORS; i++) {
      if (scores[2 * i + 1] >= SCORE_THRESHOLD) {
        candidates.add(new Face(boxes[4 * i] * INPUT_WIDTH, boxes[4 * i + 1] * INPUT_HEIGHT,
            boxes[4 * i + 2] * INPUT_WIDTH, boxes[4 * i + 3] * INPUT_HEIGHT, scores[2 * i + 1], null));
      }
    }
    candidates.sort(Comparator.comparingDouble(Face::score).reversed());
    List<Face> top = candidates.subList(0, Math.min(TOP_K, candidates.size()));
    float sx = (float) width / INPUT_WIDTH, sy = (float) height / INPUT_HEIGHT;
    List<Face> faces = new ArrayList<>();
    for (Face box : NonMaxSuppression.suppress(top, NMS_IOU, Areas.CONTINUOUS)) {
      Face face = square(box.x1() * sx, box.y1() * sy, box.x2() * sx, box.y2() * sy, box.score(), width, height);
      // Landmarks need a box of whole pixels: drop slivers left by clamping at the image edge.
      if (face.width() >= MIN_FACE_PIXELS && face.height() >= MIN_FACE_PIXELS) {
        faces.add(face);
      }
    }
    return faces;
  }

  /** The square of side = box height centred on the box, clamped into the image. */
  static Face square(float x1, float y1, float x2, float y2, float score, int width, int height) {
    float side = y2 - y1;
    float cx = (x1 + x2) / 2, cy = (y1 + y2) / 2;
    return new Face(
        Math.max(0, cx - side / 2), Math.max(0, cy - side / 2),
        Math.min(width - 1, cx + side / 2), Math.min(height - 1, cy + side / 2),
        score, null);
  }

  @Override
  public void close() {
    OrtSessions.closeQuietly(session);
  }
}
