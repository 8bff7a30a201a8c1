package ai.motiv8.faces.buffalo;

import ai.motiv8.faces.FaceAligner;
import ai.motiv8.faces.FaceSimilarity;
import ai.motiv8.faces.RgbImage;
import ai.motiv8.faces.onnx.NchwTensors;
import ai.motiv8.faces.onnx.OrtSessions;
import ai.onnxruntime.OnnxJavaType;
import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OnnxValue;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import java.nio.FloatBuffer;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * ArcFace recogniser ({@code w600k_r50.onnx}, ResNet-50 trained on WebFace600K) producing
 * InsightFace's {@code normed_embedding}.
 *
 * <ul>
 *   <li>Crop: {@link FaceAligner#align(RgbImage, float[], int) FaceAligner.align(image, keypoints,
 *       112)} (least-squares similarity to the ArcFace template, bilinear, black border).</li>
 *   <li>Input {@code [N, 3, 112, 112]} float, planar R, G, B, {@code (v − 127.5) / 127.5}.</li>
 *   <li>Output {@code [N, 512]} float, divided by its L2 norm.</li>
 * </ul>
 *
 * <p>Owns its session; safe to call from several threads at once.
 */
public final class ArcFaceRecognizer implements AutoCloseable {

  /** Side of the aligned crop in pixels. */
  public static final int CROP_SIZE = 112;
  /** Length of an embedding. */
  public static final int DIMENSIONS = 512;
  static final float MEAN = 127.5f;
  static final float STD = 127.5f;

  private final OrtSession session;
  private final String inputName;

  /** Takes ownership of {@code session}: input {@code [N, 3, 112, 112]}, output {@code [N, 512]}. */
  public ArcFaceRecognizer(OrtSession session) throws OrtException {
    this.session = session;
    this.inputName = OrtSessions.singleInput(session, "ArcFace recogniser");
    long[] in = OrtSessions.shape(session.getInputInfo().get(inputName));
    if (in.length != 4 || !fits(in[1], 3) || !fits(in[2], CROP_SIZE) || !fits(in[3], CROP_SIZE)) {
      throw new IllegalStateException("ArcFace input should be [N, 3, 112, 112], is " + Arrays.toString(in));
    }
    if (session.getNumOutputs() != 1) {
      throw new IllegalStateException("ArcFace recogniser should have one output, has "
          + session.getOutputNames());
    }
    long[] out = OrtSessions.shape(session.getOutputInfo().values().iterator().next());
    if (out.length != 2 || !fits(out[1], DIMENSIONS)) {
      throw new IllegalStateException("ArcFace output should be [N, 512], is " + Arrays.toString(out));
    }
  }

  private static boolean fits(long dimension, int wanted) {
    return dimension == wanted || dimension < 0;
  }

  /**
   * The L2-normalised embedding of the face whose five keypoints ({@code [x0, y0, …, x4, y4]},
   * image pixels) are given.
   */
  public float[] embed(RgbImage image, float[] keypoints) {
    return embedAligned(List.of(FaceAligner.align(image, keypoints, CROP_SIZE)))[0];
  }

  /** L2-normalised embeddings {@code [N][512]} of already aligned 112 × 112 crops, one run. */
  public float[][] embedAligned(List<RgbImage> crops) {
    if (crops.isEmpty()) {
      return new float[0][];
    }
    for (RgbImage crop : crops) {
      if (crop.width() != CROP_SIZE || crop.height() != CROP_SIZE) {
        throw new IllegalArgumentException("ArcFace crops are 112x112, got " + crop.width() + "x" + crop.height());
      }
    }
    float[][] embeddings = run(preprocess(crops), crops.size());
    for (int i = 0; i < embeddings.length; i++) {
      embeddings[i] = normalise(embeddings[i]);
    }
    return embeddings;
  }

  /** The model input {@code [N, 3, 112, 112]}: R, G, B, (v − 127.5) / 127.5. */
  static FloatBuffer preprocess(List<RgbImage> crops) {
    return FloatBuffer.wrap(NchwTensors.planarRgb(crops, MEAN, STD));
  }

  private float[][] run(FloatBuffer input, int batch) {
    try (OnnxTensor tensor = OrtSessions.tensor(input, batch, 3, CROP_SIZE, CROP_SIZE);
         OrtSession.Result result = session.run(Map.of(inputName, tensor))) {
      OnnxValue value = result.get(0);
      if (!(value instanceof OnnxTensor out) || out.getInfo().type != OnnxJavaType.FLOAT) {
        throw new IllegalStateException("ArcFace output is not a float tensor: " + value.getInfo());
      }
      long[] shape = out.getInfo().getShape();
      if (shape.length != 2 || shape[0] != batch || shape[1] != DIMENSIONS) {
        throw new IllegalStateException("ArcFace output should be [" + batch + ", 512], is "
            + Arrays.toString(shape));
      }
      FloatBuffer values = out.getFloatBuffer();
      float[][] rows = new float[batch][DIMENSIONS];
      for (float[] row : rows) {
        values.get(row);
      }
      return rows;
    } catch (OrtException e) {
      throw new IllegalStateException("ArcFace recogniser failed: " + e.getMessage(), e);
    }
  }

  /** {@code v} divided by its L2 norm (InsightFace {@code normed_embedding}); a norm of 0 or NaN fails. */
  static float[] normalise(float[] v) {
    double norm = FaceSimilarity.norm(v);
    if (norm == 0 || Double.isNaN(norm)) {
      throw new IllegalStateException("ArcFace embedding has norm " + norm);
    }
    return FaceSimilarity.l2Normalize(v);
  }

  @Override
  public void close() {
    OrtSessions.closeQuietly(session);
  }
}
