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
 * The default pack's gender model ({@code fr_gender.onnx}, SSR-Net), as specified in ML.md.
 *
 * <p>Input {@code input} float32 [1, 3, 64, 64]: the face box's crop (crop rule, scale 1.4)
 * resized to 64×64, R, G, B planes with ImageNet normalisation {@code (v/255 − mean) / std}.
 * Outputs (each [1, 3] or [1, 1]) {@code prob_stage_1..3}, {@code stage1..3_delta_k},
 * {@code index_offset_stage1..3}, decoded by SSR-Net's soft stage-wise regression into one value
 * in about [0, 1]; 0.5 and above reads as male (SSR-Net's convention).
 *
 * <p>Measured to be poor (see the README): it only steers prompts and is never shown as a fact.
 */
public final class SsrNetGender implements AutoCloseable {

  public static final int INPUT_SIZE = 64;
  static final double CROP_SCALE = 1.4;
  private static final float[] MEAN = {0.485f, 0.456f, 0.406f};
  private static final float[] STD = {0.229f, 0.224f, 0.225f};
  private static final String[] OUTPUTS = {
      "prob_stage_1", "prob_stage_2", "prob_stage_3", "stage1_delta_k", "stage2_delta_k", "stage3_delta_k",
      "index_offset_stage1", "index_offset_stage2", "index_offset_stage3"};
  private static final int[] OUTPUT_SIZES = {3, 3, 3, 1, 1, 1, 3, 3, 3};

  private final OrtSession session;

  public SsrNetGender(OrtSession session) {
    this.session = session;
  }

  /** SSR-Net's value for {@code face}: about 0 (female) to 1 (male). */
  public double maleScore(RgbImage image, Face face) {
    float[] input = preprocess(image, FaceLandmarker.IntBox.of(face));
    float[] x = new float[21];
    try (OnnxTensor tensor = OrtSessions.tensor(input, 1, 3, INPUT_SIZE, INPUT_SIZE);
         OrtSession.Result result = session.run(Map.of("input", tensor))) {
      int offset = 0;
      for (int i = 0; i < OUTPUTS.length; i++) {
        float[] values = OrtSessions.floats(result, OUTPUTS[i], OUTPUT_SIZES[i]);
        System.arraycopy(values, 0, x, offset, values.length);
        offset += values.length;
      }
    } catch (OrtException e) {
      throw new IllegalStateException("Gender model failed: " + e.getMessage(), e);
    }
    return decode(x);
  }

  /** {@code male} or {@code female} (see {@link ai.motiv8.users.Gender}). */
  public String gender(RgbImage image, Face face) {
    return maleScore(image, face) >= 0.5 ? ai.motiv8.users.Gender.MALE : ai.motiv8.users.Gender.FEMALE;
  }

  /**
   * SSR-Net's decode of the 21 concatenated outputs ({@code x[0..8]} stage probabilities,
   * {@code x[9..11]} delta k, {@code x[12..20]} index offsets), with V = 1.
   */
  static double decode(float[] x) {
    double k1 = 3 * (1 + x[9]), k2 = 3 * (1 + x[10]), k3 = 3 * (1 + x[11]);
    double a = 0, b = 0, c = 0;
    for (int i = 0; i < 3; i++) {
      a += (i + x[12 + i]) * x[i];
      b += (i + x[15 + i]) * x[3 + i];
      c += (i + x[18 + i]) * x[6 + i];
    }
    return a / k1 + b / k1 / k2 + c / k1 / k2 / k3;
  }

  static float[] preprocess(RgbImage image, FaceLandmarker.IntBox box) {
    int[] roi = CropRule.roi(box, CROP_SCALE, image.width(), image.height());
    RgbImage crop = BilinearResize.resize(image, roi[0], roi[1], roi[2], roi[3], INPUT_SIZE, INPUT_SIZE);
    byte[] rgb = crop.rgb();
    int plane = INPUT_SIZE * INPUT_SIZE;
    float[] input = new float[3 * plane];
    for (int p = 0; p < plane; p++) {
      for (int c = 0; c < 3; c++) {
        input[c * plane + p] = ((rgb[3 * p + c] & 0xFF) / 255f - MEAN[c]) / STD[c];
      }
    }
    return input;
  }

  @Override
  public void close() {
    OrtSessions.closeQuietly(session);
  }
}
