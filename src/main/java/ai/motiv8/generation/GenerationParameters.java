package ai.motiv8.generation;

/**
 * The knobs of prompt-driven engines; {@code poster} ignores them.
 *
 * @param negativePrompt what the image should not look like (classifier-free guidance's
 *     unconditional text); blank means none
 * @param steps denoising steps, 1..999
 * @param guidanceScale classifier-free guidance weight {@code g}: noise = uncond + g · (cond −
 *     uncond); 1 uses the conditional branch alone, 0 the unconditional one
 * @param adapterScale weight of the face tokens in the IP-Adapter's decoupled cross-attention
 *     (0 ignores the face, 1 is full strength)
 */
public record GenerationParameters(String negativePrompt, int steps, double guidanceScale, double adapterScale) {

  /** IP-Adapter-FaceID's default negative prompt, which the original service kept. */
  public static final String DEFAULT_NEGATIVE_PROMPT = "monochrome, lowres, bad anatomy, worst quality, low quality";

  /** The original's settings: 30 DDIM steps, guidance 7.5, adapter scale 0.8. */
  public static final GenerationParameters DEFAULTS = new GenerationParameters(DEFAULT_NEGATIVE_PROMPT, 30, 7.5, 0.8);

  public GenerationParameters {
    negativePrompt = negativePrompt == null ? "" : negativePrompt;
    if (steps < 1 || steps > 999) {
      throw new IllegalArgumentException("steps must be 1..999, got " + steps);
    }
    if (!Double.isFinite(guidanceScale) || guidanceScale < 0) {
      throw new IllegalArgumentException("guidanceScale must be a finite number >= 0, got " + guidanceScale);
    }
    if (!Double.isFinite(adapterScale) || adapterScale < 0) {
      throw new IllegalArgumentException("adapterScale must be a finite number >= 0, got " + adapterScale);
    }
  }

  public GenerationParameters withSteps(int value) {
    return new GenerationParameters(negativePrompt, value, guidanceScale, adapterScale);
  }

  public GenerationParameters withGuidanceScale(double value) {
    return new GenerationParameters(negativePrompt, steps, value, adapterScale);
  }

  public GenerationParameters withAdapterScale(double value) {
    return new GenerationParameters(negativePrompt, steps, guidanceScale, value);
  }

  public GenerationParameters withNegativePrompt(String value) {
    return new GenerationParameters(value, steps, guidanceScale, adapterScale);
  }
}
