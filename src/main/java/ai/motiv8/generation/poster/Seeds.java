package ai.motiv8.generation.poster;

import java.time.LocalDate;
import java.util.SplittableRandom;

/** Turns (date, seed) into the poster's independent, reproducible choices. */
final class Seeds {

  private Seeds() {
  }

  /** SplitMix64's finaliser: spreads nearby seeds (1, 2, 3...) over the whole 64-bit range. */
  static long mix(long value) {
    long z = value + 0x9E3779B97F4A7C15L;
    z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
    z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
    return z ^ (z >>> 31);
  }

  /** A random source for one aspect of one poster; {@code salt} keeps aspects independent. */
  static SplittableRandom random(LocalDate date, long seed, long salt) {
    return new SplittableRandom(mix(mix(seed) ^ mix(date.toEpochDay()) ^ salt));
  }
}
