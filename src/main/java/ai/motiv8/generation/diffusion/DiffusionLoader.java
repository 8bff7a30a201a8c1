package ai.motiv8.generation.diffusion;

import ai.motiv8.config.AppConfig.DiffusionConfig;
import ai.motiv8.config.AppConfig.FaceConfig;
import ai.motiv8.faces.FacePack;
import ai.motiv8.faces.FacePacks;
import ai.motiv8.faces.buffalo.BuffaloPack;
import ai.motiv8.faces.pack.ModelUnavailableException;
import java.nio.file.Path;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Loads what the generation worker needs to run the {@code diffusion} engine: the pack of
 * {@code generation.diffusion.*}, and buffalo_l (from {@code face.modelsDir}) for the identity
 * check of every image. Blocking (hashes the pack, opens the sessions): call it on a worker thread.
 */
public final class DiffusionLoader {

  private static final Logger LOG = LoggerFactory.getLogger(DiffusionLoader.class);

  private DiffusionLoader() {
  }

  /**
   * @throws DiffusionPackException naming the missing or wrong file of the pack
   * @throws IllegalStateException when {@code cuda} is asked for and this ONNX Runtime build lacks it
   */
  public static Loaded load(DiffusionConfig config, FaceConfig face) {
    LOG.info("Loading diffusion pack from {} ({} execution provider, {} threads per session)",
        config.packDir().toAbsolutePath(), config.executionProvider(), config.threads());
    DiffusionEngine engine = DiffusionEngine.load(config.packDir(), config.executionProvider(), config.threads());
    FacePack identityPack = engine.needsFaceEmbedding() ? identityPack(face) : null;
    if (identityPack != null) {
      engine.identityCheck(new FacePackIdentityCheck(identityPack));
    }
    return new Loaded(engine, identityPack);
  }

  /** buffalo_l, the space of the users' embeddings; without it images are made but not checked. */
  private static FacePack identityPack(FaceConfig face) {
    Path dir = FacePacks.packDir(face.modelsDir(), BuffaloPack.NAME);
    try {
      return new BuffaloPack(dir, face.ortThreads());
    } catch (ModelUnavailableException e) {
      LOG.warn("Identity check of diffusion images is off: the buffalo_l face pack cannot be loaded from {} ({}). "
          + "Images are still made; install buffalo_l (docs/models.md) to have each image's face compared with "
          + "the user's", dir.toAbsolutePath(), e.getMessage());
      return null;
    }
  }

  /**
   * The loaded engine and the face pack of its identity check (null when that is off); closing
   * it releases both.
   */
  public record Loaded(DiffusionEngine engine, FacePack identityPack) implements AutoCloseable {

    @Override
    public void close() {
      engine.close();
      if (identityPack != null) {
        identityPack.close();
      }
    }
  }
}
