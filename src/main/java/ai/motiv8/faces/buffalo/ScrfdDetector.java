package ai.motiv8.faces.buffalo;

import ai.motiv8.faces.Face;
import ai.motiv8.faces.NonMaxSuppression;
import ai.motiv8.faces.NonMaxSuppression.Areas;
import ai.motiv8.faces.RgbImage;
import ai.motiv8.faces.onnx.NchwTensors;
import ai.motiv8.faces.onnx.OrtSessions;
import ai.onnxruntime.OnnxJavaType;
import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OnnxValue;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import java.nio.FloatBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * SCRFD face detector ({@code det_10g.onnx}, SCRFD-10GF with keypoints) with InsightFace's
 * pre- and post-processing.
 *
 * <ul>
 *   <li>Input {@code [1, 3, 640, 640]} float (the model's own size when it is fixed): the image
 *       letterboxed into the top-left of a black canvas ({@link Letterbox}, bilinear), planar
 *       R, G, B, {@code (v − 127.5) / 128}.</li>
 *   <li>Outputs, nine: scores {@code [n, 1]} (already sigmoid), box distances {@code [n, 4]} and
 *       keypoint offsets {@code [n, 10]} for strides 8, 16, 32 with n = 12800, 3200, 800 at 640,
 *       recognised by shape ({@link ScrfdHeads}), decoded by {@link ScrfdDecoder}.</li>
 *   <li>Anchors scoring ≥ 0.5 kept, coordinates divided by the letterbox scale, then
 *       {@link NonMaxSuppression} at IoU 0.4 with InsightFace's inclusive-pixel areas.</li>
 * </ul>
 *
 * <p>Owns its session; {@link #detect} is safe to call from several threads at once.
 */
public final class ScrfdDetector implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(ScrfdDetector.class);

  /** Input side used when the model's input size is dynamic (InsightFace's {@code det_size}). */
  public static final int DEFAULT_INPUT_SIZE = 640;
  /** Minimum score of a face, inclusive. */
  public static final float SCORE_THRESHOLD = 0.5f;
  /** IoU above which the lower-scored of two faces is dropped. */
  public static final float NMS_THRESHOLD = 0.4f;
  static final float MEAN = 127.5f;
  static final float STD = 128f;

  private final OrtSession session;
  private final String inputName;
  private final int inputWidth;
  private final int inputHeight;

  /**
   * Takes ownership of {@code session}, a SCRFD model with one input {@code [1, 3, H, W]} (H and W
   * may be dynamic) and nine outputs.
   */
  public ScrfdDetector(OrtSession session) throws OrtException {
    this.session = session;
    this.inputName = OrtSessions.singleInput(session, "SCRFD detector");
    if (session.getNumOutputs() != 9) {
      throw new IllegalStateException("SCRFD detector should have 9 outputs (scores, boxes, keypoints"
          + " for strides 8/16/32), has " + session.getNumOutputs());
    }
    long[] shape = OrtSessions.shape(session.getInputInfo().get(inputName));
    if (shape.length != 4 || (shape[1] != 3 && shape[1] != -1)) {
      throw new IllegalStateException("SCRFD input should be [1, 3, H, W], is " + Arrays.toString(shape));
    }
    this.inputHeight = shape[2] > 0 ? (int) shape[2] : DEFAULT_INPUT_SIZE;
    this.inputWidth = shape[3] > 0 ? (int) shape[3] : DEFAULT_INPUT_SIZE;
    LOG.debug("SCRFD input {} {} run at {}x{}", inputName, Arrays.toString(shape), inputWidth, inputHeight);
  }

  /**
   * Faces in {@code image} pixels, highest score first, each with five keypoints.
   *
   * @throws IllegalStateException when ONNX Runtime fails or the outputs are not SCRFD's
   */
  public List<Face> detect(RgbImage image) {
    Letterbox letterbox = Letterbox.fit(image, inputWidth, inputHeight);
    ScrfdHeads heads = run(preprocess(letterbox));
    List<Face> candidates = ScrfdDecoder.decode(heads, inputWidth, SCORE_THRESHOLD, letterbox.scale());
    return NonMaxSuppression.suppress(candidates, NMS_THRESHOLD, Areas.INCLUSIVE_PIXELS);
  }

  /** The detector input {@code [1, 3, H, W]} for a letterboxed canvas: R, G, B, (v − 127.5) / 128. */
  static FloatBuffer preprocess(Letterbox letterbox) {
    return FloatBuffer.wrap(NchwTensors.planarRgb(letterbox.canvas(), MEAN, STD));
  }

  private ScrfdHeads run(FloatBuffer input) {
    try (OnnxTensor tensor = OrtSessions.tensor(input, 1, 3, inputHeight, inputWidth);
         OrtSession.Result result = session.run(Map.of(inputName, tensor))) {
      List<ScrfdHeads.Output> outputs = new ArrayList<>();
      for (Map.Entry<String, OnnxValue> entry : result) {
        if (entry.getValue() instanceof OnnxTensor out && out.getInfo().type == OnnxJavaType.FLOAT) {
          FloatBuffer values = out.getFloatBuffer();
          float[] array = new float[values.remaining()];
          values.get(array);
          outputs.add(new ScrfdHeads.Output(out.getInfo().getShape(), array));
        }
      }
      return ScrfdHeads.identify(outputs, inputWidth, inputHeight);
    } catch (OrtException e) {
      throw new IllegalStateException("SCRFD detector failed: " + e.getMessage(), e);
    }
  }

  /** Model input width and height in pixels. */
  public int inputWidth() {
    return inputWidth;
  }

  public int inputHeight() {
    return inputHeight;
  }

  @Override
  public void close() {
    OrtSessions.closeQuietly(session);
  }
}
