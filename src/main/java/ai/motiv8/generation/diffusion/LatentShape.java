package ai.motiv8.generation.diffusion;

/**
 * The shape of one latent image {@code [1, channels, height, width]}: SD 1.5 has 4 channels at
 * 1/8 of the picture's size (512 × 768 pixels → 4 × 96 × 64).
 */
public record LatentShape(int channels, int height, int width) {

  public static final int SD_CHANNELS = 4;

  public LatentShape {
    if (channels < 1 || height < 1 || width < 1) {
      throw new IllegalArgumentException("bad latent shape " + channels + "x" + height + "x" + width);
    }
  }

  /** The latent shape of a {@code widthPx × heightPx} picture. */
  public static LatentShape ofImage(int widthPx, int heightPx) {
    return new LatentShape(SD_CHANNELS, heightPx / VaeDecoder.SCALE, widthPx / VaeDecoder.SCALE);
  }

  /** Values in one latent image. */
  public int size() {
    return channels * height * width;
  }
}
