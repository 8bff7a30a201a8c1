package ai.motiv8.segmentation;

import ai.motiv8.faces.onnx.ModelFile;
import ai.motiv8.faces.onnx.OrtSessions;
import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;

import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.awt.image.DataBufferInt;
import java.nio.FloatBuffer;
import java.nio.file.Path;
import java.util.Map;

/**
 * Person segmentation with the MediaPipe selfie model (translated to ONNX, {@link SegmentationPack}):
 * an RGB image stretched to {@value #SIZE}×{@value #SIZE}, values in [0, 1], NCHW
 * {@code [1, 3, 256, 256]} in, the probability that each pixel shows a person {@code [1, 1, 256, 256]}
 * out. One session, thread-safe ({@code OrtSession.run} is), closed with {@link #close()}.
 */
public final class PersonSegmenter implements AutoCloseable {

  public static final int SIZE = 256;

  private final OrtSession session;

  /** Opens the model file of the pack in {@code packDir} (blocking). */
  public PersonSegmenter(Path packDir, ModelFile model, int threads) {
    this.session = OrtSessions.open(packDir, model, threads);
  }

  /**
   * The person probability of every pixel of {@code image}, at {@value #SIZE}×{@value #SIZE}
   * (row-major); the caller scales it back to the image.
   */
  public Matte segment(BufferedImage image) {
    BufferedImage small = new BufferedImage(SIZE, SIZE, BufferedImage.TYPE_INT_RGB);
    Graphics2D g = small.createGraphics();
    try {
      g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BILINEAR);
      g.setRenderingHint(RenderingHints.KEY_RENDERING, RenderingHints.VALUE_RENDER_QUALITY);
      g.drawImage(image, 0, 0, SIZE, SIZE, null);
    } finally {
      g.dispose();
    }
    int[] pixels = ((DataBufferInt) small.getRaster().getDataBuffer()).getData();
    int plane = SIZE * SIZE;
    float[] input = new float[3 * plane];
    for (int i = 0; i < plane; i++) {
      int p = pixels[i];
      input[i] = ((p >> 16) & 0xFF) / 255f;
      input[plane + i] = ((p >> 8) & 0xFF) / 255f;
      input[2 * plane + i] = (p & 0xFF) / 255f;
    }
    try (OnnxTensor tensor = OnnxTensor.createTensor(ai.onnxruntime.OrtEnvironment.getEnvironment(),
        FloatBuffer.wrap(input), new long[] {1, 3, SIZE, SIZE});
         OrtSession.Result result = session.run(Map.of(TfliteToOnnx.INPUT, tensor))) {
      return new Matte(SIZE, SIZE, OrtSessions.floats(result, TfliteToOnnx.OUTPUT, plane));
    } catch (OrtException e) {
      throw new IllegalStateException("Person segmentation failed: " + e.getMessage(), e);
    }
  }

  @Override
  public void close() {
    OrtSessions.closeQuietly(session);
  }

  /**
   * A soft person mask: {@code values[y * width + x]} in [0, 1].
   */
  public record Matte(int width, int height, float[] values) {

    /** Bilinear sample at normalised coordinates ({@code u}, {@code v} in [0, 1]); 0 outside. */
    public float sample(double u, double v) {
      if (u < 0 || v < 0 || u > 1 || v > 1) {
        return 0f;
      }
      double x = u * width - 0.5;
      double y = v * height - 0.5;
      int x0 = (int) Math.floor(x);
      int y0 = (int) Math.floor(y);
      double fx = x - x0;
      double fy = y - y0;
      float a = at(x0, y0);
      float b = at(x0 + 1, y0);
      float c = at(x0, y0 + 1);
      float d = at(x0 + 1, y0 + 1);
      return (float) ((a * (1 - fx) + b * fx) * (1 - fy) + (c * (1 - fx) + d * fx) * fy);
    }

    private float at(int x, int y) {
      int cx = Math.min(width - 1, Math.max(0, x));
      int cy = Math.min(height - 1, Math.max(0, y));
      return values[cy * width + cx];
    }
  }
}
