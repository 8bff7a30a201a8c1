package ai.motiv8.faces.pack;

import ai.motiv8.faces.FaceSimilarity;
import ai.motiv8.faces.RgbImage;
import ai.motiv8.faces.onnx.NchwTensors;
import ai.motiv8.faces.onnx.OrtSessions;
import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;

import java.util.Map;

/**
 * The default pack's recogniser ({@code fr_feature.onnx}). Input {@code input} float32
 * [1, 3, 112, 112]: the ArcFace-aligned crop, R, G, B planes, {@code (v − 127) / 128}. Output
 * {@code output} float32 [1, 512], not normalised; {@link #embed} returns it L2-normalised, so
 * that the dot product of two embeddings is their cosine similarity.
 */
public final class FaceRecognizer implements AutoCloseable {

  public static final int INPUT_SIZE = 112;
  public static final int DIMENSIONS = 512;

  private final OrtSession session;

  public FaceRecognizer(OrtSession session) {
    this.session = session;
  }

  /** The unit-length 512-d embedding of a 112×112 aligned face. */
  public float[] embed(RgbImage aligned) {
    if (aligned.width() != INPUT_SIZE || aligned.height() != INPUT_SIZE) {
      throw new IllegalArgumentException("The recogniser needs a 112x112 crop, got " + aligned.width() + "x"
          + aligned.height());
    }
    float[] input = preprocess(aligned);
    try (OnnxTensor tensor = OrtSessions.tensor(input, 1, 3, INPUT_SIZE, INPUT_SIZE);
         OrtSession.Result result = session.run(Map.of("input", tensor))) {
      return FaceSimilarity.l2Normalize(OrtSessions.floats(result, "output", DIMENSIONS));
    } catch (OrtException e) {
      throw new IllegalStateException("Face recogniser failed: " + e.getMessage(), e);
    }
  }

  static float[] preprocess(RgbImage aligned) {
    return NchwTensors.planarRgb(aligned, 127f, 128f);
  }

  @Override
  public void close() {
    OrtSessions.closeQuietly(session);
  }
}
