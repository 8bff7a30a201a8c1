package ai.motiv8.faces.buffalo;

import ai.motiv8.faces.Face;
import ai.motiv8.faces.FaceAligner;
import ai.motiv8.faces.RgbImage;
import ai.motiv8.faces.onnx.OrtSessions;
import ai.motiv8.users.Gender;
import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;

import java.util.Map;

/**
 * buffalo_l's {@code genderage.onnx}: input [1, 3, 96, 96] of raw 0–255 R, G, B planes, the face
 * box's centre moved to (48, 48) and scaled by {@code 96 / (1.5 · max(w, h))} (InsightFace's
 * {@code Attribute} crop, bilinear, black outside); output [1, 3]: gender = argmax of the first two
 * (index 1 = male), the third × 100 is the age, which is not used.
 */
public final class GenderAgeModel implements AutoCloseable {

  public static final int INPUT_SIZE = 96;

  private final OrtSession session;
  private final String input;
  private final String output;

  public GenderAgeModel(OrtSession session) throws OrtException {
    this.session = session;
    this.input = OrtSessions.singleInput(session, "genderage");
    if (session.getNumOutputs() != 1) {
      throw new IllegalStateException("genderage should have one output, has " + session.getOutputNames());
    }
    this.output = session.getOutputNames().iterator().next();
  }

  /** {@code male} or {@code female} (see {@link Gender}). */
  public String gender(RgbImage image, Face face) {
    try (OnnxTensor tensor = OrtSessions.tensor(preprocess(image, face), 1, 3, INPUT_SIZE, INPUT_SIZE);
         OrtSession.Result result = session.run(Map.of(input, tensor))) {
      float[] out = OrtSessions.floats(result, output, 3);
      return out[1] > out[0] ? Gender.MALE : Gender.FEMALE;
    } catch (OrtException e) {
      throw new IllegalStateException("genderage failed: " + e.getMessage(), e);
    }
  }

  static float[] preprocess(RgbImage image, Face face) {
    double scale = INPUT_SIZE / (1.5 * Math.max(face.width(), face.height()));
    double cx = (face.x1() + face.x2()) / 2.0, cy = (face.y1() + face.y2()) / 2.0;
    // Output (u, v) samples the image at centre + ((u, v) - 48) / scale.
    double half = INPUT_SIZE / 2.0;
    double[] inverse = {1 / scale, 0, cx - half / scale, 0, 1 / scale, cy - half / scale};
    RgbImage crop = FaceAligner.warp(image, inverse, INPUT_SIZE, INPUT_SIZE);
    byte[] rgb = crop.rgb();
    int plane = INPUT_SIZE * INPUT_SIZE;
    float[] values = new float[3 * plane];
    for (int p = 0; p < plane; p++) {
      for (int c = 0; c < 3; c++) {
        values[c * plane + p] = rgb[3 * p + c] & 0xFF;
      }
    }
    return values;
  }

  @Override
  public void close() {
    OrtSessions.closeQuietly(session);
  }
}
