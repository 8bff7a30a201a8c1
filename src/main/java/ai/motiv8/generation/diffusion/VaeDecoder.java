package ai.motiv8.generation.diffusion;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import java.awt.image.BufferedImage;
import java.awt.image.DataBufferInt;
import java.nio.file.Path;
import java.util.Map;

/**
 * The VAE decoder ({@code stabilityai/sd-vae-ft-mse} for the original): {@code latent_sample
 * [1, 4, h, w]} (the final latents divided by the scaling factor, 0.18215) → {@code sample
 * [1, 3, 8h, 8w]} in [−1, 1], turned into an RGB picture as diffusers does:
 * {@code round(clamp(x / 2 + 0.5, 0, 1) · 255)} (ties to even, as NumPy). Thread-safe.
 */
public final class VaeDecoder implements AutoCloseable {

  static final String INPUT = "latent_sample";
  static final String OUTPUT = "sample";
  /** Pixels per latent cell along each side. */
  public static final int SCALE = 8;

  private final OrtSession session;
  private final String input;
  private final float scaling;

  /** @param scaling the latent scaling factor the latents are divided by (0.18215 for SD 1.5) */
  public VaeDecoder(Path model, ExecutionProvider provider, int threads, float scaling) {
    this.scaling = scaling;
    this.session = OrtSessions.open(model, provider, threads);
    try {
      String name = OrtSessions.firstInput(session, INPUT);
      if (name == null && session.getNumInputs() == 1) {
        name = session.getInputNames().iterator().next();
      }
      if (name == null) {
        throw new DiffusionPackException(model.toAbsolutePath() + " should take " + INPUT + " [1, 4, h, w], it takes "
            + session.getInputNames() + "; " + DiffusionPack.HOW_TO);
      }
      this.input = name;
    } catch (OrtException e) {
      close();
      throw new DiffusionPackException("Cannot read the inputs of " + model.toAbsolutePath() + ": " + e.getMessage(), e);
    } catch (RuntimeException e) {
      close();
      throw e;
    }
  }

  /**
   * Decodes final latents {@code [1, channels, height, width]} to an {@code 8·width × 8·height}
   * {@code TYPE_INT_RGB} image.
   */
  public BufferedImage decode(float[] latents, LatentShape shape) {
    int channels = shape.channels(), height = shape.height(), width = shape.width();
    float[] scaled = new float[latents.length];
    for (int i = 0; i < latents.length; i++) {
      scaled[i] = latents[i] / scaling;
    }
    int outH = height * SCALE, outW = width * SCALE;
    try (OnnxTensor tensor = OrtSessions.floats(scaled, 1, channels, height, width);
         OrtSession.Result result = session.run(Map.of(input, tensor))) {
      float[] pixels = OrtSessions.floatsOf(OrtSessions.output(result, OUTPUT), "VAE decoder " + OUTPUT, 1, 3, outH, outW);
      return toImage(pixels, outW, outH);
    } catch (OrtException e) {
      throw new IllegalStateException("VAE decoder failed: " + e.getMessage(), e);
    }
  }

  /** {@code [3, h, w]} values in [−1, 1] → RGB image. */
  static BufferedImage toImage(float[] chw, int width, int height) {
    BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
    int[] argb = ((DataBufferInt) image.getRaster().getDataBuffer()).getData();
    int plane = width * height;
    for (int i = 0; i < plane; i++) {
      argb[i] = (level(chw[i]) << 16) | (level(chw[plane + i]) << 8) | level(chw[2 * plane + i]);
    }
    return image;
  }

  static int level(float value) {
    float v = value / 2f + 0.5f;
    if (!(v > 0f)) {
      v = 0f; // also NaN
    } else if (v > 1f) {
      v = 1f;
    }
    return (int) Math.rint(v * 255f);
  }

  @Override
  public void close() {
    try {
      session.close();
    } catch (OrtException e) {
      throw new IllegalStateException("Cannot close the VAE decoder session", e);
    }
  }
}
