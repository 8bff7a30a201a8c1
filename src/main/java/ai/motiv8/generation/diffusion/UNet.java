package ai.motiv8.generation.diffusion;

import ai.onnxruntime.OnnxJavaType;
import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import ai.onnxruntime.TensorInfo;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The SD 1.5 UNet (with IP-Adapter-FaceID-Plus's decoupled cross-attention and LoRA merged in
 * by the export script), predicting the noise in the latents:
 *
 * <ul>
 *   <li>{@code sample [B, 4, H/8, W/8]} float latents (B = 2: unconditional, conditional);</li>
 *   <li>{@code timestep [B]} (float or int64; also {@code [1]} or a scalar when the export says so);</li>
 *   <li>{@code encoder_hidden_states [B, 81, 768]}: 77 text tokens then 4 face tokens
 *       ({@code [B, 77, 768]} for a plain SD 1.5 export);</li>
 *   <li>{@code ip_adapter_scale [1]} float, when present: the weight of the face tokens;</li>
 *   <li>→ {@code out_sample [B, 4, H/8, W/8]}, the predicted noise ε.</li>
 * </ul>
 *
 * A UNet whose batch is fixed at 1 is run once per branch. One session, shared; thread-safe.
 */
public final class UNet implements AutoCloseable {

  static final String SAMPLE = "sample";
  static final String TIMESTEP = "timestep";
  static final String ENCODER_HIDDEN_STATES = "encoder_hidden_states";
  static final String ADAPTER_SCALE = "ip_adapter_scale";
  static final String OUTPUT = "out_sample";

  private final OrtSession session;
  private final TensorInfo timestepInfo;
  private final boolean adapterScaleInput;
  private final long[] adapterScaleShape;
  private final OnnxJavaType adapterScaleType;
  private final int tokens;
  private final boolean batchOfOne;

  public UNet(Path model, ExecutionProvider provider, int threads) {
    this.session = OrtSessions.open(model, provider, threads);
    try {
      List<String> missing = new ArrayList<>();
      for (String name : List.of(SAMPLE, TIMESTEP, ENCODER_HIDDEN_STATES)) {
        if (OrtSessions.input(session, name) == null) {
          missing.add(name);
        }
      }
      if (!missing.isEmpty()) {
        throw new DiffusionPackException(model.toAbsolutePath() + " lacks the UNet inputs " + missing + " (it takes "
            + session.getInputNames() + "); " + DiffusionPack.HOW_TO);
      }
      this.timestepInfo = OrtSessions.input(session, TIMESTEP);
      TensorInfo scale = OrtSessions.input(session, ADAPTER_SCALE);
      this.adapterScaleInput = scale != null;
      this.adapterScaleShape = scale == null ? null : fixed(scale.getShape());
      this.adapterScaleType = scale == null ? null : scale.type;
      long[] states = OrtSessions.input(session, ENCODER_HIDDEN_STATES).getShape();
      this.tokens = states.length == 3 && states[1] > 0 ? (int) states[1] : -1;
      this.batchOfOne = OrtSessions.input(session, SAMPLE).getShape()[0] == 1;
      int known = 3 + (adapterScaleInput ? 1 : 0);
      if (session.getNumInputs() != known) {
        throw new DiffusionPackException(model.toAbsolutePath() + " takes inputs " + session.getInputNames()
            + "; the pipeline feeds only sample, timestep, encoder_hidden_states and ip_adapter_scale; "
            + DiffusionPack.HOW_TO);
      }
    } catch (OrtException e) {
      close();
      throw new DiffusionPackException("Cannot read the inputs of " + model.toAbsolutePath() + ": " + e.getMessage(), e);
    } catch (RuntimeException e) {
      close();
      throw e;
    }
  }

  /** The number of conditioning tokens the model is fixed to (81 with face tokens, 77 without), or -1 if dynamic. */
  public int tokens() {
    return tokens;
  }

  /** Whether the adapter scale is an input (else it was fixed at export time, or there is no adapter). */
  public boolean hasAdapterScale() {
    return adapterScaleInput;
  }

  /**
   * Predicts the noise for both guidance branches at one timestep.
   *
   * @param latents the current latents {@code [1, 4, h, w]} (the same for both branches)
   * @param shape the latents' shape
   * @param timestep the DDIM timestep
   * @param conditioning {@code [B][tokens * width]}: with B = 2, row 0 the unconditional
   *     (negative) branch and row 1 the conditional one; B = 1 runs the conditional one alone
   * @param tokenCount tokens per row (81 with face tokens, 77 without)
   * @param adapterScale weight of the face tokens (ignored without the input)
   * @return ε for each branch ({@code [2][4 * h * w]}) and the time spent in {@code session.run}
   */
  public Prediction predict(float[] latents, LatentShape shape, int timestep, float[][] conditioning, int tokenCount,
                            float adapterScale) {
    int channels = shape.channels(), height = shape.height(), width = shape.width();
    int perBranch = shape.size();
    if (latents.length != perBranch) {
      throw new IllegalArgumentException("latents hold " + latents.length + " values, not " + perBranch);
    }
    int widthOfToken = conditioning[0].length / tokenCount;
    try {
      if (batchOfOne) {
        float[][] out = new float[conditioning.length][];
        long nanos = 0;
        for (int b = 0; b < conditioning.length; b++) {
          Prediction one = run(latents, 1, channels, height, width, timestep, conditioning[b], tokenCount,
              widthOfToken, adapterScale);
          out[b] = one.noise()[0];
          nanos += one.sessionNanos();
        }
        return new Prediction(out, nanos);
      }
      int batch = conditioning.length;
      float[] sample = new float[batch * perBranch];
      float[] states = new float[batch * conditioning[0].length];
      for (int b = 0; b < batch; b++) {
        System.arraycopy(latents, 0, sample, b * perBranch, perBranch);
        System.arraycopy(conditioning[b], 0, states, b * conditioning[0].length, conditioning[0].length);
      }
      return run(sample, batch, channels, height, width, timestep, states, tokenCount, widthOfToken, adapterScale);
    } catch (OrtException e) {
      throw new IllegalStateException("UNet failed at timestep " + timestep + ": " + e.getMessage(), e);
    }
  }

  private Prediction run(float[] sample, int batch, int channels, int height, int width, int timestep,
                        float[] states, int tokenCount, int widthOfToken, float adapterScale) throws OrtException {
    long[] timestepShape = switch (timestepInfo.getShape().length) {
      case 0 -> new long[0];
      case 1 -> new long[] {timestepInfo.getShape()[0] == 1 ? 1 : batch};
      default -> throw new IllegalStateException("timestep input of rank " + timestepInfo.getShape().length);
    };
    List<OnnxTensor> owned = new ArrayList<>(4);
    try {
      Map<String, OnnxTensor> inputs = new HashMap<>();
      inputs.put(SAMPLE, own(owned, OrtSessions.floats(sample, batch, channels, height, width)));
      inputs.put(TIMESTEP, own(owned, OrtSessions.number(timestepInfo.type, timestep, timestepShape)));
      inputs.put(ENCODER_HIDDEN_STATES, own(owned, OrtSessions.floats(states, batch, tokenCount, widthOfToken)));
      if (adapterScaleInput) {
        inputs.put(ADAPTER_SCALE, own(owned, OrtSessions.number(adapterScaleType, adapterScale, adapterScaleShape)));
      }
      long start = System.nanoTime();
      try (OrtSession.Result result = session.run(inputs)) {
        long nanos = System.nanoTime() - start;
        float[] all = OrtSessions.floatsOf(OrtSessions.output(result, OUTPUT), "UNet " + OUTPUT,
            batch, channels, height, width);
        float[][] out = new float[batch][];
        int per = channels * height * width;
        for (int b = 0; b < batch; b++) {
          out[b] = Arrays.copyOfRange(all, b * per, (b + 1) * per);
        }
        return new Prediction(out, nanos);
      }
    } finally {
      owned.forEach(OnnxTensor::close);
    }
  }

  /**
   * One UNet evaluation.
   *
   * @param noise ε per branch, each {@code [4 * h * w]}
   * @param sessionNanos time inside {@code session.run}
   */
  public record Prediction(float[][] noise, long sessionNanos) {
  }

  private static OnnxTensor own(List<OnnxTensor> owned, OnnxTensor tensor) {
    owned.add(tensor);
    return tensor;
  }

  /** A shape with dynamic dimensions replaced by 1 ({@code [1]} for the scale). */
  private static long[] fixed(long[] shape) {
    long[] out = shape.clone();
    for (int i = 0; i < out.length; i++) {
      if (out[i] < 0) {
        out[i] = 1;
      }
    }
    return out;
  }

  @Override
  public void close() {
    try {
      session.close();
    } catch (OrtException e) {
      throw new IllegalStateException("Cannot close the UNet session", e);
    }
  }
}
