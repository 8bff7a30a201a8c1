package ai.motiv8.generation.diffusion;

import java.awt.image.BufferedImage;

/**
 * What a run produced and how long its parts took.
 *
 * @param image the decoded picture, {@code TYPE_INT_RGB}
 * @param latents the final latents {@code [1, 4, height/8, width/8]} (before the VAE)
 * @param faceConditioned whether face tokens took part
 * @param timings where the time went
 */
public record DiffusionResult(BufferedImage image, float[] latents, boolean faceConditioned, Timings timings) {

  /**
   * Milliseconds per stage; {@code unetSessionMs} is the time inside {@code session.run} of the
   * UNet, {@code stepOverheadMs} the rest of the denoising loop (tensors, copies, guidance,
   * scheduler: our Java code around the model).
   */
  public record Timings(double textMs, double faceMs, double unetSessionMs, double stepOverheadMs, double vaeMs,
                        double totalMs, int steps) {

    /** Java time per step around the UNet, in milliseconds. */
    public double overheadPerStepMs() {
      return steps == 0 ? 0 : stepOverheadMs / steps;
    }

    /** UNet time per step, in milliseconds. */
    public double unetPerStepMs() {
      return steps == 0 ? 0 : unetSessionMs / steps;
    }
  }
}
