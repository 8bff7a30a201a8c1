package ai.motiv8.generation.diffusion;

import ai.onnxruntime.OnnxJavaType;
import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import ai.onnxruntime.TensorInfo;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.FloatBuffer;
import java.nio.file.Path;
import java.util.ArrayList;
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
   * Prepares the inputs that stay the same over every step of one image: the conditioning (and
   * adapter scale) tensors are made once, the latents go through one reused direct buffer, so a
   * step costs no tensor allocation and no copy of the conditioning.
   *
   * @param shape the latents' shape
   * @param conditioning {@code [B][tokens * width]}: with B = 2, row 0 the unconditional
   *     (negative) branch and row 1 the conditional one; B = 1 runs the conditional one alone
   * @param tokenCount tokens per row (81 with face tokens, 77 without)
   * @param adapterScale weight of the face tokens (ignored without the input)
   * @return a run to call {@link Run#predict} on for each timestep and close afterwards; it
   *     belongs to one thread
   */
  public Run start(LatentShape shape, float[][] conditioning, int tokenCount, float adapterScale) {
    try {
      return new Run(shape, conditioning, tokenCount, adapterScale);
    } catch (OrtException e) {
      throw new IllegalStateException("Cannot prepare the UNet inputs: " + e.getMessage(), e);
    }
  }

  /** The UNet inputs of one image; not thread-safe, closes its tensors. */
  public final class Run implements AutoCloseable {

    private final LatentShape shape;
    private final int branches;
    /** The batch of one session call: all branches, or 1 for a UNet fixed at batch 1. */
    private final int batch;
    private final FloatBuffer sample;
    private final List<OnnxTensor> states = new ArrayList<>();
    private final OnnxTensor scale;

    private Run(LatentShape shape, float[][] conditioning, int tokenCount, float adapterScale) throws OrtException {
      this.shape = shape;
      this.branches = conditioning.length;
      this.batch = batchOfOne ? 1 : branches;
      int tokenWidth = conditioning[0].length / tokenCount;
      try {
        if (batchOfOne) {
          for (float[] row : conditioning) {
            states.add(OrtSessions.floats(direct(row), 1, tokenCount, tokenWidth));
          }
        } else {
          float[] all = new float[branches * conditioning[0].length];
          for (int b = 0; b < branches; b++) {
            System.arraycopy(conditioning[b], 0, all, b * conditioning[0].length, conditioning[0].length);
          }
          states.add(OrtSessions.floats(direct(all), branches, tokenCount, tokenWidth));
        }
        this.scale = adapterScaleInput ? OrtSessions.number(adapterScaleType, adapterScale, adapterScaleShape) : null;
      } catch (OrtException | RuntimeException e) {
        states.forEach(OnnxTensor::close);
        throw e;
      }
      this.sample = ByteBuffer.allocateDirect(batch * shape.size() * Float.BYTES).order(ByteOrder.nativeOrder())
          .asFloatBuffer();
    }

    /**
     * Predicts the noise of every branch at one timestep.
     *
     * @param latents the current latents {@code [1, 4, h, w]} (the same for all branches)
     * @param timestep the DDIM timestep
     * @return ε per branch ({@code [B][4 * h * w]}) and the time spent in {@code session.run}
     */
    public Prediction predict(float[] latents, int timestep) {
      if (latents.length != shape.size()) {
        throw new IllegalArgumentException("latents hold " + latents.length + " values, not " + shape.size());
      }
      try {
        float[][] out = new float[branches][];
        long nanos = 0;
        int calls = branches / batch;
        for (int call = 0; call < calls; call++) {
          sample.clear();
          for (int b = 0; b < batch; b++) {
            sample.put(latents);
          }
          sample.flip();
          nanos += run(states.get(call), timestep, out, call * batch);
        }
        return new Prediction(out, nanos);
      } catch (OrtException e) {
        throw new IllegalStateException("UNet failed at timestep " + timestep + ": " + e.getMessage(), e);
      }
    }

    private long run(OnnxTensor conditioning, int timestep, float[][] out, int firstBranch) throws OrtException {
      long[] timestepShape = switch (timestepInfo.getShape().length) {
        case 0 -> new long[0];
        case 1 -> new long[] {timestepInfo.getShape()[0] == 1 ? 1 : batch};
        default -> throw new IllegalStateException("timestep input of rank " + timestepInfo.getShape().length);
      };
      try (OnnxTensor sampleTensor = OrtSessions.floats(sample, batch, shape.channels(), shape.height(), shape.width());
           OnnxTensor time = OrtSessions.number(timestepInfo.type, timestep, timestepShape)) {
        Map<String, OnnxTensor> inputs = new HashMap<>(8);
        inputs.put(SAMPLE, sampleTensor);
        inputs.put(TIMESTEP, time);
        inputs.put(ENCODER_HIDDEN_STATES, conditioning);
        if (scale != null) {
          inputs.put(ADAPTER_SCALE, scale);
        }
        long start = System.nanoTime();
        try (OrtSession.Result result = session.run(inputs)) {
          long nanos = System.nanoTime() - start;
          OnnxTensor noise = OrtSessions.output(result, OUTPUT);
          OrtSessions.checkShape(noise, "UNet " + OUTPUT, batch, shape.channels(), shape.height(), shape.width());
          FloatBuffer values = noise.getFloatBuffer();
          for (int b = 0; b < batch; b++) {
            out[firstBranch + b] = new float[shape.size()];
            values.get(out[firstBranch + b]);
          }
          return nanos;
        }
      }
    }

    @Override
    public void close() {
      states.forEach(OnnxTensor::close);
      if (scale != null) {
        scale.close();
      }
    }
  }

  private static FloatBuffer direct(float[] values) {
    FloatBuffer buffer = ByteBuffer.allocateDirect(values.length * Float.BYTES).order(ByteOrder.nativeOrder())
        .asFloatBuffer();
    buffer.put(values).flip();
    return buffer;
  }

  /**
   * One UNet evaluation.
   *
   * @param noise ε per branch, each {@code [4 * h * w]}
   * @param sessionNanos time inside {@code session.run}
   */
  public record Prediction(float[][] noise, long sessionNanos) {
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
