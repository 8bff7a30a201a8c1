package ai.motiv8.generation.diffusion;

/**
 * diffusers' {@code DDIMScheduler} with the settings the original used: 1000 training steps,
 * {@code scaled_linear} betas from 0.00085 to 0.012, {@code timestep_spacing="leading"},
 * {@code steps_offset=1}, {@code set_alpha_to_one=False}, {@code clip_sample=False},
 * {@code prediction_type="epsilon"}, and {@code eta=0} (deterministic DDIM).
 *
 * <p>Schedule, as PyTorch computes it: {@code betas = linspace(√0.00085, √0.012, 1000)²} in
 * float32, {@code ᾱ_t = Π_{s≤t} (1 − β_s)}. For {@code n} steps the step ratio is
 * {@code r = 1000 ÷ n} (integer division) and the timesteps are {@code (n−1)·r+1, …, r+1, 1}
 * (30 steps: 958, 925, …, 1).
 *
 * <p>{@link #step}: with ε the model's noise prediction at timestep {@code t},
 * {@code t' = t − r}, {@code ᾱ' = ᾱ_{t'}} (or {@code ᾱ_0} when {@code t' < 0}),
 * <pre>
 *   x̂₀   = (x_t − √(1 − ᾱ_t) · ε) / √ᾱ_t
 *   x_t' = √ᾱ' · x̂₀ + √(1 − ᾱ') · ε
 * </pre>
 *
 * <p>Immutable and thread-safe.
 */
public final class DdimScheduler {

  public static final int TRAIN_TIMESTEPS = 1000;
  public static final double BETA_START = 0.00085;
  public static final double BETA_END = 0.012;
  public static final int STEPS_OFFSET = 1;

  private final float[] alphasCumprod;
  /** ᾱ used after the last step: {@code set_alpha_to_one=False} means ᾱ_0, not 1. */
  private final float finalAlphaCumprod;

  public DdimScheduler() {
    this.alphasCumprod = alphasCumprod();
    this.finalAlphaCumprod = alphasCumprod[0];
  }

  /**
   * ᾱ_t for t = 0..999 as PyTorch computes them: {@code torch.linspace} in float32 (float step,
   * counting up from the start for the first half and down from the end for the second, each
   * value rounded once), squared in float32, and {@code torch.cumprod}, which accumulates in
   * double and rounds each product to float. Measured against PyTorch 1.13: β within one float
   * ulp, ᾱ within ~1e-7 relative (a float32 running product would drift to 1e-6).
   */
  static float[] alphasCumprod() {
    float start = (float) Math.sqrt(BETA_START);
    float end = (float) Math.sqrt(BETA_END);
    int steps = TRAIN_TIMESTEPS;
    float step = (end - start) / (steps - 1);
    int halfway = steps / 2;
    float[] cumprod = new float[steps];
    double product = 1;
    for (int i = 0; i < steps; i++) {
      float root = i < halfway ? (float) (start + (double) step * i) : (float) (end - (double) step * (steps - i - 1));
      float alpha = 1f - root * root;
      product *= alpha;
      cumprod[i] = (float) product;
    }
    return cumprod;
  }

  /** ᾱ_t. */
  public float alphaCumprod(int timestep) {
    return alphasCumprod[timestep];
  }

  /** The step ratio {@code 1000 ÷ steps}: how far apart the timesteps are. */
  public static int stepRatio(int steps) {
    requireSteps(steps);
    return TRAIN_TIMESTEPS / steps;
  }

  /** The timesteps for {@code steps} inference steps, in the order they are visited (descending). */
  public int[] timesteps(int steps) {
    int ratio = stepRatio(steps);
    int[] timesteps = new int[steps];
    for (int i = 0; i < steps; i++) {
      timesteps[i] = (steps - 1 - i) * ratio + STEPS_OFFSET;
    }
    return timesteps;
  }

  /**
   * One deterministic DDIM update: the latents at the previous timestep.
   *
   * @param noise the guided noise prediction ε at {@code timestep}, same length as {@code sample}
   * @param timestep the current timestep (one of {@link #timesteps})
   * @param sample the current latents x_t, e.g. {@code [1, 4, 96, 64]} flattened
   * @param steps the number of inference steps (fixes the distance to the previous timestep)
   * @return a new array with x_{t−r}
   */
  public float[] step(float[] noise, int timestep, float[] sample, int steps) {
    if (noise.length != sample.length) {
      throw new IllegalArgumentException("noise has " + noise.length + " values, sample " + sample.length);
    }
    if (timestep < 0 || timestep >= TRAIN_TIMESTEPS) {
      throw new IllegalArgumentException("timestep must be 0..999, got " + timestep);
    }
    int previous = timestep - stepRatio(steps);
    float alphaProd = alphasCumprod[timestep];
    float alphaProdPrev = previous >= 0 ? alphasCumprod[previous] : finalAlphaCumprod;
    float betaProd = 1f - alphaProd;
    float sqrtAlpha = (float) Math.sqrt(alphaProd);
    float sqrtBeta = (float) Math.sqrt(betaProd);
    float sqrtAlphaPrev = (float) Math.sqrt(alphaProdPrev);
    float direction = (float) Math.sqrt(1f - alphaProdPrev);
    float[] out = new float[sample.length];
    for (int i = 0; i < sample.length; i++) {
      float predictedOriginal = (sample[i] - sqrtBeta * noise[i]) / sqrtAlpha;
      out[i] = sqrtAlphaPrev * predictedOriginal + direction * noise[i];
    }
    return out;
  }

  /** The standard deviation of the initial noise ({@code init_noise_sigma}): 1 for DDIM. */
  public float initNoiseSigma() {
    return 1f;
  }

  /** The most steps: with 1000 the first timestep would be 1000, past the schedule (diffusers fails too). */
  public static final int MAX_STEPS = TRAIN_TIMESTEPS - 1;

  private static void requireSteps(int steps) {
    if (steps < 1 || steps > MAX_STEPS) {
      throw new IllegalArgumentException("steps must be 1.." + MAX_STEPS + ", got " + steps);
    }
  }
}
