package ai.motiv8.faces.buffalo;

import ai.motiv8.support.OnnxGraph;
import ai.motiv8.support.OnnxGraph.Attribute;
import java.util.List;
import java.util.Random;

/**
 * A fake SCRFD model: it reads its {@code [1, 3, H, W]} input (ReduceMean × 0, so ONNX Runtime
 * requires and consumes it) and returns nine constant heads for a 640 × 640 input, in which the
 * chosen anchors carry the given score, distances and keypoint offsets and every other anchor a
 * random score below 0.5 and random distances.
 */
final class SyntheticScrfd {

  /**
   * One planted anchor.
   *
   * @param stride 8, 16 or 32
   * @param x grid column
   * @param y grid row
   * @param anchor 0 or 1 (two anchors share each location)
   * @param score sigmoid score
   * @param box distances (left, top, right, bottom) in stride units
   * @param keypoints offsets (dx0, dy0, …, dx4, dy4) from the anchor centre in stride units
   */
  record Anchor(int stride, int x, int y, int anchor, float score, float[] box, float[] keypoints) {

    /** Row of this anchor in its heads at a 640-wide input. */
    int row() {
      return (y * (640 / stride) + x) * 2 + anchor;
    }

    float cx() {
      return x * stride;
    }

    float cy() {
      return y * stride;
    }
  }

  /** How the heads are laid out. */
  enum Layout {
    /** {@code [n, c]}, outputs in the real model's order (scores, boxes, keypoints; 8, 16, 32). */
    PLAIN_IN_ORDER,
    /** {@code [1, n, c]} and outputs in a shuffled order. */
    BATCHED_SHUFFLED
  }

  private static final int[] STRIDES = {8, 16, 32};
  private static final int[] CHANNELS = {1, 4, 10};
  /** Output order for {@link Layout#BATCHED_SHUFFLED}: indices into channel-major head order. */
  private static final int[] SHUFFLE = {7, 2, 4, 0, 8, 5, 1, 6, 3};

  private SyntheticScrfd() {
  }

  /** The model bytes; {@code inputSide} null means a dynamic {@code [1, 3, H, W]} input. */
  static byte[] model(List<Anchor> anchors, Layout layout, Long inputSide) {
    Random random = new Random(42);
    OnnxGraph model = new OnnxGraph()
        .input("input.1", 1L, 3L, inputSide, inputSide)
        .constant("zero", new float[] {0f})
        .node("ReduceMean", "mean", new Attribute[] {Attribute.of("keepdims", 0)}, "input.1")
        .node("Mul", "nothing", "mean", "zero");
    String[] names = new String[9];
    long[][] shapes = new long[9][];
    for (int head = 0; head < 3; head++) {
      for (int level = 0; level < 3; level++) {
        int index = head * 3 + level;
        int rows = 2 * (640 / STRIDES[level]) * (640 / STRIDES[level]);
        int channels = CHANNELS[head];
        float[] values = new float[rows * channels];
        for (int i = 0; i < values.length; i++) {
          values[i] = head == 0 ? random.nextFloat() * 0.49f : random.nextFloat() * 4f;
        }
        for (Anchor anchor : anchors) {
          if (anchor.stride() == STRIDES[level]) {
            float[] planted = head == 0 ? new float[] {anchor.score()} : head == 1 ? anchor.box() : anchor.keypoints();
            System.arraycopy(planted, 0, values, anchor.row() * channels, channels);
          }
        }
        long[] dims = layout == Layout.PLAIN_IN_ORDER ? new long[] {rows, channels} : new long[] {1, rows, channels};
        names[index] = Integer.toString(448 + 23 * index);
        shapes[index] = dims;
        model.constant("head" + index, values, dims).node("Add", names[index], "head" + index, "nothing");
      }
    }
    for (int i = 0; i < 9; i++) {
      int index = layout == Layout.PLAIN_IN_ORDER ? i : SHUFFLE[i];
      model.output(names[index], boxed(shapes[index]));
    }
    return model.build();
  }

  private static Long[] boxed(long[] dims) {
    Long[] boxed = new Long[dims.length];
    for (int i = 0; i < dims.length; i++) {
      boxed[i] = dims[i];
    }
    return boxed;
  }
}
