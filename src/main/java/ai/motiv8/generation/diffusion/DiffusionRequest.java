package ai.motiv8.generation.diffusion;

import ai.motiv8.faces.RgbImage;
import ai.motiv8.generation.GenerationParameters;
import java.util.Objects;

/**
 * One image to make.
 *
 * @param prompt the text prompt (at most 75 CLIP tokens are used)
 * @param parameters negative prompt, steps, guidance scale, adapter scale
 * @param seed the starting noise (see {@link LatentNoise}); the same request gives the same image
 * @param width image width in pixels, a multiple of 8 (512 for the original)
 * @param height image height in pixels, a multiple of 8 (768 for the original)
 * @param face the face to condition on, or null for text-only packs
 */
public record DiffusionRequest(String prompt, GenerationParameters parameters, long seed, int width, int height,
                               Face face) {

  public static final int DEFAULT_WIDTH = 512;
  public static final int DEFAULT_HEIGHT = 768;

  public DiffusionRequest {
    prompt = prompt == null ? "" : prompt;
    Objects.requireNonNull(parameters, "parameters");
    if (width < VaeDecoder.SCALE || height < VaeDecoder.SCALE || width % VaeDecoder.SCALE != 0
        || height % VaeDecoder.SCALE != 0) {
      throw new IllegalArgumentException("width and height must be positive multiples of 8, got " + width + "x" + height);
    }
  }

  /** A 512 × 768 request, as the original made. */
  public static DiffusionRequest of(String prompt, GenerationParameters parameters, long seed, Face face) {
    return new DiffusionRequest(prompt, parameters, seed, DEFAULT_WIDTH, DEFAULT_HEIGHT, face);
  }

  public DiffusionRequest withSize(int newWidth, int newHeight) {
    return new DiffusionRequest(prompt, parameters, seed, newWidth, newHeight, face);
  }

  public DiffusionRequest withSeed(long newSeed) {
    return new DiffusionRequest(prompt, parameters, newSeed, width, height, face);
  }

  public DiffusionRequest withParameters(GenerationParameters newParameters) {
    return new DiffusionRequest(prompt, newParameters, seed, width, height, face);
  }

  public DiffusionRequest withFace(Face newFace) {
    return new DiffusionRequest(prompt, parameters, seed, width, height, newFace);
  }

  /**
   * The user's face for IP-Adapter-FaceID-Plus.
   *
   * @param alignedCrop the face warped to InsightFace's template at 224 × 224
   * @param embedding the buffalo_l {@code normed_embedding} (512 values)
   */
  public record Face(RgbImage alignedCrop, float[] embedding) {

    public Face {
      Objects.requireNonNull(alignedCrop, "alignedCrop");
      embedding = embedding.clone();
    }

    @Override
    public float[] embedding() {
      return embedding.clone();
    }
  }
}
