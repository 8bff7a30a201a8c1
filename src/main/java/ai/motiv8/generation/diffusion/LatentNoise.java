package ai.motiv8.generation.diffusion;

/**
 * The seeded Gaussian noise that starts a diffusion run, drawn the way PyTorch's CPU generator
 * draws {@code torch.randn(shape, generator=torch.Generator("cpu").manual_seed(seed))}, so that
 * a seed gives the original service's starting latents (to float rounding: PyTorch's AVX2 path
 * uses its own vectorised log/sin/cos):
 *
 * <ol>
 *   <li>a 32-bit Mersenne Twister (MT19937) seeded with the seed's low 32 bits;</li>
 *   <li>one uniform float per element, {@code u = (next32 & 0xFFFFFF) / 2²⁴} ∈ [0, 1);</li>
 *   <li>Box–Muller over blocks of 16 values: for j = 0..7, with {@code u1 = 1 − u[j]},
 *       {@code u2 = u[j+8]}: {@code z[j] = √(−2 ln u1)·cos(2π u2)},
 *       {@code z[j+8] = √(−2 ln u1)·sin(2π u2)}; when the count is not a multiple of 16, the
 *       last 16 values are drawn again and transformed the same way (sizes under 16 take
 *       another path in PyTorch and are not supported).</li>
 * </ol>
 *
 * <p>Same seed, same noise, on every JVM and platform: the transcendental functions are
 * {@link StrictMath}'s (fdlibm), which Java specifies bit for bit.
 */
public final class LatentNoise {

  private LatentNoise() {
  }

  /** {@code count} standard normal values for {@code seed}; {@code count} ≥ 16. */
  public static float[] gaussian(long seed, int count) {
    if (count < 16) {
      throw new IllegalArgumentException("need at least 16 values, got " + count);
    }
    Mt19937 random = new Mt19937(seed);
    float[] data = new float[count];
    for (int i = 0; i < count; i++) {
      data[i] = random.nextUniformFloat();
    }
    for (int i = 0; i + 16 <= count; i += 16) {
      boxMuller16(data, i);
    }
    if (count % 16 != 0) {
      int tail = count - 16;
      for (int i = 0; i < 16; i++) {
        data[tail + i] = random.nextUniformFloat();
      }
      boxMuller16(data, tail);
    }
    return data;
  }

  private static void boxMuller16(float[] data, int offset) {
    for (int j = 0; j < 8; j++) {
      float u1 = 1f - data[offset + j];
      float u2 = data[offset + j + 8];
      float radius = (float) StrictMath.sqrt(-2f * (float) StrictMath.log(u1));
      float theta = (float) (2.0 * Math.PI * u2);
      data[offset + j] = radius * (float) StrictMath.cos(theta);
      data[offset + j + 8] = radius * (float) StrictMath.sin(theta);
    }
  }

  /** MT19937 (Matsumoto & Nishimura), 32-bit output, as {@code std::mt19937} and {@code at::mt19937}. */
  static final class Mt19937 {

    private static final int N = 624;
    private static final int M = 397;
    private final int[] state = new int[N];
    private int index = N;

    Mt19937(long seed) {
      state[0] = (int) seed;
      for (int i = 1; i < N; i++) {
        state[i] = 1812433253 * (state[i - 1] ^ (state[i - 1] >>> 30)) + i;
      }
    }

    /** The next 32 random bits, as an unsigned value. */
    long nextUnsigned() {
      if (index >= N) {
        twist();
      }
      int y = state[index++];
      y ^= y >>> 11;
      y ^= (y << 7) & 0x9D2C5680;
      y ^= (y << 15) & 0xEFC60000;
      y ^= y >>> 18;
      return y & 0xFFFFFFFFL;
    }

    float nextUniformFloat() {
      return (nextUnsigned() & 0xFFFFFF) * (1f / (1 << 24));
    }

    private void twist() {
      for (int i = 0; i < N; i++) {
        int y = (state[i] & 0x80000000) | (state[(i + 1) % N] & 0x7FFFFFFF);
        int next = state[(i + M) % N] ^ (y >>> 1);
        if ((y & 1) != 0) {
          next ^= 0x9908B0DF;
        }
        state[i] = next;
      }
      index = 0;
    }
  }
}
