package ai.motiv8.generation.diffusion;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * The DDIM schedule and update against values worked out here from the published formulas
 * (Song et al., "Denoising Diffusion Implicit Models", eq. 12 with σ = 0; diffusers'
 * {@code DDIMScheduler} with the original's settings), in double precision, independently of
 * the float32 implementation.
 *
 * <p>Derivation.
 * <ul>
 *   <li>Betas, {@code scaled_linear}: {@code β_i = (√0.00085 + i·(√0.012 − √0.00085)/999)²},
 *       i = 0..999; {@code ᾱ_t = Π_{i≤t}(1 − β_i)}. So {@code ᾱ_0 = 1 − 0.00085 = 0.99915}.</li>
 *   <li>Timesteps, "leading" spacing: step ratio {@code r = 1000 // 30 = 33};
 *       {@code [0, 1, …, 29]·33} reversed = 957, 924, …, 33, 0; plus {@code steps_offset = 1}:
 *       958, 925, …, 34, 1. The first is 29·33 + 1 = 958, the last 0·33 + 1 = 1.</li>
 *   <li>Update at t with ε: {@code x̂₀ = (x − √(1−ᾱ_t)·ε)/√ᾱ_t}, {@code t' = t − 33},
 *       {@code x' = √ᾱ_{t'}·x̂₀ + √(1−ᾱ_{t'})·ε}; for the last step t' = −32 &lt; 0 and
 *       {@code set_alpha_to_one=False} takes {@code ᾱ_0} (not 1) as the final ᾱ.</li>
 * </ul>
 * PyTorch itself (1.13, float32) gives ᾱ_958 = 0.00753476843, ᾱ_925 = 0.010860119,
 * ᾱ_500 = 0.276332498, ᾱ_999 = 0.00466009602: the double values below agree to ~1e-7.
 */
class DdimSchedulerTest {

  private final DdimScheduler scheduler = new DdimScheduler();

  /** ᾱ_t in double precision straight from the formula. */
  private static double alphaBar(int t) {
    double start = Math.sqrt(0.00085), end = Math.sqrt(0.012);
    double product = 1;
    for (int i = 0; i <= t; i++) {
      double root = start + i * (end - start) / 999.0;
      product *= 1 - root * root;
    }
    return product;
  }

  @Test
  @DisplayName("30 steps visit 958, 925, ..., 34, 1 (step ratio 33, steps_offset 1)")
  void thirtyStepTimesteps() {
    int[] expected = {958, 925, 892, 859, 826, 793, 760, 727, 694, 661, 628, 595, 562, 529, 496, 463, 430, 397,
        364, 331, 298, 265, 232, 199, 166, 133, 100, 67, 34, 1};
    assertThat(scheduler.timesteps(30)).containsExactly(expected);
    assertThat(DdimScheduler.stepRatio(30)).isEqualTo(33);
  }

  @Test
  @DisplayName("Other step counts follow the same leading spacing (50 steps: 981 ... 1; 999 at most, since 1000 would start at t = 1000)")
  void otherStepCounts() {
    int[] fifty = scheduler.timesteps(50);
    assertThat(fifty[0]).isEqualTo(49 * 20 + 1);
    assertThat(fifty[49]).isEqualTo(1);
    assertThat(scheduler.timesteps(1)).containsExactly(1);
    assertThat(scheduler.timesteps(999)[0]).isEqualTo(999);
    assertThatThrownBy(() -> scheduler.timesteps(0)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> scheduler.timesteps(1000)).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  @DisplayName("The cumulative alphas match the scaled-linear formula and PyTorch's float32 values")
  void alphasCumprod() {
    assertThat(scheduler.alphaCumprod(0)).isCloseTo(0.99915f, within(1e-7f));
    for (int t : new int[] {0, 1, 33, 499, 500, 925, 958, 999}) {
      assertThat((double) scheduler.alphaCumprod(t)).as("alpha_bar_%d", t)
          .isCloseTo(alphaBar(t), within(alphaBar(t) * 2e-6));
    }
    // measured with torch 1.13: torch.cumprod(1 - torch.linspace(...)**2, 0)
    assertThat(scheduler.alphaCumprod(958)).isCloseTo(0.00753476843f, within(2e-9f));
    assertThat(scheduler.alphaCumprod(925)).isCloseTo(0.010860119f, within(2e-9f));
    assertThat(scheduler.alphaCumprod(500)).isCloseTo(0.276332498f, within(5e-8f));
    assertThat(scheduler.alphaCumprod(999)).isCloseTo(0.00466009602f, within(2e-9f));
  }

  @Test
  @DisplayName("One step from t = 958 to 925 is the DDIM update with eta 0")
  void firstStep() {
    float[] sample = {1.5f, -0.25f, 0.0f, 2.0f};
    float[] noise = {0.3f, -1.1f, 0.7f, 1.9f};
    float[] next = scheduler.step(noise, 958, sample, 30);
    double a = alphaBar(958), aPrev = alphaBar(925);
    for (int i = 0; i < sample.length; i++) {
      double x0 = (sample[i] - Math.sqrt(1 - a) * noise[i]) / Math.sqrt(a);
      double expected = Math.sqrt(aPrev) * x0 + Math.sqrt(1 - aPrev) * noise[i];
      assertThat((double) next[i]).as("element %d", i).isCloseTo(expected, within(2e-5 * Math.max(1, Math.abs(expected))));
    }
    // Worked numbers for element 0: a = 0.0075348, a' = 0.0108601;
    // x0 = (1.5 - 0.996225·0.3) / 0.0868030 = 13.8374; x' = 0.104212·13.8374 + 0.994555·0.3 = 1.74039
    assertThat((double) next[0]).isCloseTo(1.74039, within(2e-4));
  }

  @Test
  @DisplayName("The last step (t = 1) lands on alpha_bar_0, not 1 (set_alpha_to_one false)")
  void lastStep() {
    float[] sample = {0.8f, -0.6f};
    float[] noise = {0.05f, -0.02f};
    float[] next = scheduler.step(noise, 1, sample, 30);
    double a = alphaBar(1), aFinal = alphaBar(0);
    for (int i = 0; i < sample.length; i++) {
      double x0 = (sample[i] - Math.sqrt(1 - a) * noise[i]) / Math.sqrt(a);
      double expected = Math.sqrt(aFinal) * x0 + Math.sqrt(1 - aFinal) * noise[i];
      assertThat((double) next[i]).isCloseTo(expected, within(1e-6));
      double withAlphaOne = x0;
      assertThat(Math.abs(next[i] - withAlphaOne)).isGreaterThan(1e-4);
    }
  }

  @Test
  @DisplayName("A perfect noise prediction walks the clean signal along the schedule exactly")
  void perfectPrediction() {
    // x_t = √ᾱ_t·x0 + √(1−ᾱ_t)·ε; with the true ε every step lands on x_{t'} of the same x0 and ε.
    double x0 = 0.4, eps = -1.3;
    int[] timesteps = scheduler.timesteps(30);
    float[] x = {(float) (Math.sqrt(alphaBar(958)) * x0 + Math.sqrt(1 - alphaBar(958)) * eps)};
    for (int i = 0; i < timesteps.length; i++) {
      x = scheduler.step(new float[] {(float) eps}, timesteps[i], x, 30);
      int prev = timesteps[i] - 33;
      double a = alphaBar(Math.max(prev, 0));
      assertThat((double) x[0]).isCloseTo(Math.sqrt(a) * x0 + Math.sqrt(1 - a) * eps, within(1e-4));
    }
  }
}
