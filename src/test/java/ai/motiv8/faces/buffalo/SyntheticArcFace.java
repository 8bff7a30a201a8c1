package ai.motiv8.faces.buffalo;

import ai.motiv8.faces.RgbImage;
import ai.motiv8.support.OnnxGraph;
import ai.motiv8.support.OnnxGraph.Attribute;
import java.util.Random;

/**
 * A fake ArcFace model {@code [N, 3, 112, 112] -> [N, 512]}: the mean of each image row per
 * channel ({@code [N, 336]}) times a fixed random matrix plus a bias. Not symmetric in channels,
 * rows or scale, so a wrong channel order, layout or normalisation changes the embedding's
 * direction. {@link #expected} computes the same in Java (double precision).
 */
final class SyntheticArcFace {

  static final int FEATURES = 3 * 112;
  private final float[] weights = new float[FEATURES * 512];
  private final float[] bias = new float[512];

  SyntheticArcFace(long seed) {
    Random random = new Random(seed);
    for (int i = 0; i < weights.length; i++) {
      weights[i] = random.nextFloat() * 2 - 1;
    }
    for (int i = 0; i < bias.length; i++) {
      bias[i] = random.nextFloat() * 4 - 2;
    }
  }

  /** The model bytes, batch size dynamic. */
  byte[] model() {
    return new OnnxGraph()
        .input("input.1", null, 3L, 112L, 112L)
        .constant("weights", weights, FEATURES, 512)
        .constant("bias", bias, 512)
        .constant("flat_shape", new long[] {-1, FEATURES}, 2)
        .node("ReduceMean", "row_means",
            new Attribute[] {Attribute.ints("axes", 3), Attribute.of("keepdims", 0)}, "input.1")
        .node("Reshape", "features", "row_means", "flat_shape")
        .node("MatMul", "projected", "features", "weights")
        .node("Add", "683", "projected", "bias")
        .output("683", null, 512L)
        .build();
  }

  /**
   * The L2-normalised output for a 112 × 112 crop whose pixels are normalised as
   * {@code (v − mean) / std}, channel {@code c} of the model fed from crop channel
   * {@code channelOrder[c]}.
   */
  double[] expected(RgbImage crop, double mean, double std, int... channelOrder) {
    double[] features = new double[FEATURES];
    for (int c = 0; c < 3; c++) {
      for (int y = 0; y < 112; y++) {
        double sum = 0;
        for (int x = 0; x < 112; x++) {
          sum += (crop.at(x, y, channelOrder[c]) - mean) / std;
        }
        features[c * 112 + y] = sum / 112;
      }
    }
    double[] out = new double[512];
    double norm = 0;
    for (int j = 0; j < 512; j++) {
      double v = bias[j];
      for (int i = 0; i < FEATURES; i++) {
        v += features[i] * weights[i * 512 + j];
      }
      out[j] = v;
      norm += v * v;
    }
    norm = Math.sqrt(norm);
    for (int j = 0; j < 512; j++) {
      out[j] /= norm;
    }
    return out;
  }
}
