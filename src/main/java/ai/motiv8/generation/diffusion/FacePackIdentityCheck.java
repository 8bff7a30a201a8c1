package ai.motiv8.generation.diffusion;

import ai.motiv8.faces.Face;
import ai.motiv8.faces.FacePack;
import ai.motiv8.faces.FaceSimilarity;
import java.awt.image.BufferedImage;
import java.util.List;
import java.util.OptionalDouble;

/**
 * {@link IdentityCheck} with a face pack: detect faces in the generated image, embed the
 * largest, compare with the user's embedding. The pack must be the one that made the user's
 * embedding (buffalo_l for the diffusion engine); the caller owns and closes it.
 */
public final class FacePackIdentityCheck implements IdentityCheck {

  private final FacePack pack;

  public FacePackIdentityCheck(FacePack pack) {
    this.pack = pack;
  }

  @Override
  public OptionalDouble similarity(BufferedImage generated, float[] userEmbedding) {
    var rgb = Pixels.rgbOf(generated);
    List<Face> faces = pack.detect(rgb);
    if (faces.isEmpty()) {
      return OptionalDouble.empty();
    }
    return OptionalDouble.of(FaceSimilarity.cosine(pack.embed(rgb, faces.get(0)), userEmbedding));
  }
}
