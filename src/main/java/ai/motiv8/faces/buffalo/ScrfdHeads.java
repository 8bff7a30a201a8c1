package ai.motiv8.faces.buffalo;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The nine SCRFD output tensors sorted into score, box and keypoint heads per stride, recognised
 * by their shapes alone (the real model's output names, e.g. {@code 448}, {@code 471}, are
 * export artefacts).
 *
 * <p>For a {@code W × H} input, stride {@code s} has {@code n = 2 · ⌊H/s⌋ · ⌊W/s⌋} rows (two
 * anchors per location): scores {@code [n, 1]}, box distances {@code [n, 4]}, keypoint offsets
 * {@code [n, 10]}, each optionally with a leading batch dimension of 1 ({@code [1, n, c]}). At
 * 640 × 640: 12800, 3200 and 800 rows for strides 8, 16 and 32.
 */
final class ScrfdHeads {

  /** Feature map strides in pixels, finest first. */
  static final int[] STRIDES = {8, 16, 32};
  /** Anchors per feature map location. */
  static final int ANCHORS = 2;
  /** Channels of the score, box and keypoint heads. */
  static final int SCORE = 1, BOX = 4, KEYPOINTS = 10;

  private final float[][] scores = new float[STRIDES.length][];
  private final float[][] boxes = new float[STRIDES.length][];
  private final float[][] keypoints = new float[STRIDES.length][];

  /** One model output: its shape and its values in row-major order. */
  record Output(long[] shape, float[] values) {
  }

  private ScrfdHeads() {
  }

  /**
   * Sorts the outputs of one run on a {@code width × height} input.
   *
   * @throws IllegalStateException when the outputs are not the nine SCRFD heads
   */
  static ScrfdHeads identify(List<Output> outputs, int width, int height) {
    ScrfdHeads heads = new ScrfdHeads();
    List<String> seen = new ArrayList<>();
    for (Output output : outputs) {
      seen.add(Arrays.toString(output.shape()));
      long[] shape = output.shape();
      boolean batched = shape.length == 3 && shape[0] == 1;
      if (shape.length != 2 && !batched) {
        continue;
      }
      long rows = shape[shape.length - 2];
      long channels = shape[shape.length - 1];
      int level = level(rows, width, height);
      float[][] slot = channels == SCORE ? heads.scores
          : channels == BOX ? heads.boxes
          : channels == KEYPOINTS ? heads.keypoints : null;
      if (level < 0 || slot == null || slot[level] != null) {
        continue;
      }
      slot[level] = output.values();
    }
    for (int level = 0; level < STRIDES.length; level++) {
      if (heads.scores[level] == null || heads.boxes[level] == null || heads.keypoints[level] == null) {
        throw new IllegalStateException("Not SCRFD outputs for a " + width + "x" + height
            + " input: expected [n,1], [n,4] and [n,10] with n = " + Arrays.toString(rowCounts(width, height))
            + ", got " + seen);
      }
    }
    return heads;
  }

  /** Rows per stride for a {@code width × height} input. */
  static int[] rowCounts(int width, int height) {
    int[] rows = new int[STRIDES.length];
    for (int level = 0; level < STRIDES.length; level++) {
      rows[level] = ANCHORS * (height / STRIDES[level]) * (width / STRIDES[level]);
    }
    return rows;
  }

  private static int level(long rows, int width, int height) {
    int[] expected = rowCounts(width, height);
    for (int level = 0; level < expected.length; level++) {
      if (expected[level] == rows) {
        return level;
      }
    }
    return -1;
  }

  /** Scores of stride {@code STRIDES[level]}, {@code [n]}, already sigmoid (0..1). */
  float[] scores(int level) {
    return scores[level];
  }

  /** Box distances (left, top, right, bottom) in stride units, {@code [n, 4]} row-major. */
  float[] boxes(int level) {
    return boxes[level];
  }

  /** Keypoint offsets (x0, y0, …, x4, y4) in stride units, {@code [n, 10]} row-major. */
  float[] keypoints(int level) {
    return keypoints[level];
  }
}
