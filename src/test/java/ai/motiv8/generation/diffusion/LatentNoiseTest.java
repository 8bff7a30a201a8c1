package ai.motiv8.generation.diffusion;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class LatentNoiseTest {

  @Test
  @DisplayName("The Mersenne Twister gives the reference outputs (C++ std::mt19937)")
  void mersenneTwister() {
    LatentNoise.Mt19937 mt = new LatentNoise.Mt19937(5489);
    assertThat(mt.nextUnsigned()).isEqualTo(3499211612L);
    for (int i = 2; i < 10000; i++) {
      mt.nextUnsigned();
    }
    // the C++ standard requires the 10000th output of a default-seeded mt19937 to be 4123659995
    assertThat(mt.nextUnsigned()).isEqualTo(4123659995L);
  }

  @Test
  @DisplayName("Seed 42 gives torch.randn's first values for the 1x4x96x64 latents")
  void matchesTorchRandn() {
    float[] noise = LatentNoise.gaussian(42, 4 * 96 * 64);
    // torch.randn((1,4,96,64), generator=torch.Generator("cpu").manual_seed(42)), torch 1.13
    float[] head = {1.92691529f, 1.48728406f, 0.900717199f, -2.10552096f};
    float[] tail = {-0.835452795f, -1.98629093f, -0.913170755f};
    for (int i = 0; i < head.length; i++) {
      assertThat(noise[i]).isCloseTo(head[i], within(2e-6f));
    }
    for (int i = 0; i < tail.length; i++) {
      assertThat(noise[noise.length - 3 + i]).isCloseTo(tail[i], within(2e-6f));
    }
    double sum = 0;
    for (float v : noise) {
      sum += v;
    }
    assertThat(sum).isCloseTo(150.6519, within(0.01));
  }

  @Test
  @DisplayName("A count that is not a multiple of 16 redraws the last 16 values, as torch does")
  void tailOfSixteen() {
    // torch.randn((20,), generator=torch.Generator("cpu").manual_seed(7))
    float[] expected = {-0.820134521f, 0.395631164f, 0.898908496f, -1.38840389f, 0.198445052f, 0.782072663f,
        1.03910768f, -0.724510729f, -0.848908603f, -1.21692944f, -0.0810215846f, 1.36148512f, -2.0614779f,
        0.674100697f, -1.32334578f, -1.35976899f, -0.866701603f, -0.564006686f, -2.05646253f, -0.356722534f};
    float[] noise = LatentNoise.gaussian(7, 20);
    for (int i = 0; i < expected.length; i++) {
      assertThat(noise[i]).as("value %d", i).isCloseTo(expected[i], within(2e-6f));
    }
  }

  @Test
  @DisplayName("Same seed, same noise; another seed, other noise; roughly standard normal")
  void deterministic() {
    float[] a = LatentNoise.gaussian(123456789L, 4096);
    assertThat(LatentNoise.gaussian(123456789L, 4096)).containsExactly(a);
    assertThat(LatentNoise.gaussian(123456790L, 4096)).isNotEqualTo(a);
    double mean = 0, square = 0;
    for (float v : a) {
      mean += v;
      square += v * v;
    }
    mean /= a.length;
    assertThat(mean).isCloseTo(0, within(0.06));
    assertThat(square / a.length - mean * mean).isCloseTo(1, within(0.08));
    assertThatThrownBy(() -> LatentNoise.gaussian(1, 15)).isInstanceOf(IllegalArgumentException.class);
  }
}
