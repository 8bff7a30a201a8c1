package ai.motiv8.generation;

import ai.motiv8.config.AppConfig.FaceConfig;
import ai.motiv8.config.AppConfig.GenerationConfig;
import ai.motiv8.faces.FacePack;
import ai.motiv8.faces.FacePacks;
import ai.motiv8.faces.buffalo.BuffaloPack;
import ai.motiv8.faces.pack.ModelUnavailableException;
import ai.motiv8.generation.diffusion.DiffusionEngine;
import ai.motiv8.generation.diffusion.DiffusionLoader;
import ai.motiv8.generation.diffusion.DiffusionPackException;
import ai.motiv8.generation.diffusion.FacePackIdentityCheck;
import ai.motiv8.generation.poster.PosterEngine;
import ai.motiv8.generation.poster.PosterFonts;
import ai.motiv8.segmentation.PersonSegmenter;
import ai.motiv8.segmentation.SegmentationPack;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Chooses the engine named by {@code generation.engine}. A {@code diffusion} engine whose pack is
 * missing or unusable falls back to {@code poster}, so that users still get images; the reason
 * is logged and kept for {@code /readiness}.
 */
public final class GenerationEngines {

  private static final Logger LOG = LoggerFactory.getLogger(GenerationEngines.class);

  public static final String DIFFUSION = DiffusionEngine.NAME;

  /** Appended to a pack problem: what the operator does about it. */
  static final String MAKE_THE_PACK = "Make the pack with scripts/export_diffusion_pack.py (where PyTorch is "
      + "available), copy the folder to the worker and point generation.diffusion.packDir (DIFFUSION_PACK_DIR) "
      + "at it; until then the poster engine makes the images";

  private GenerationEngines() {
  }

  /**
   * Creates the configured engine. Blocking for {@code diffusion} (hashes and loads the pack):
   * call it on a worker thread.
   *
   * @throws IllegalStateException for an unknown engine, or for a {@code cuda} execution provider
   *     that this build cannot run, with a message that says what to configure instead
   */
  public static Chosen create(GenerationConfig config, FaceConfig face) {
    if (PosterEngine.NAME.equals(config.engine())) {
      return poster(face, null);
    }
    if (DIFFUSION.equals(config.engine())) {
      return diffusionOrPoster(config, face);
    }
    throw new IllegalStateException("Unknown generation engine '" + config.engine() + "'; set generation.engine"
        + " (GENERATION_ENGINE) to 'poster' or 'diffusion'");
  }

  private static Chosen diffusionOrPoster(GenerationConfig config, FaceConfig face) {
    try {
      DiffusionLoader.Loaded loaded = DiffusionLoader.load(config.diffusion(), face);
      if (loaded.engine().needsFaceEmbedding() && !BuffaloPack.NAME.equals(face.pack())) {
        LOG.warn("The diffusion engine needs buffalo_l embeddings, but face.pack is '{}': selfies uploaded now "
            + "get embeddings it refuses. Set face.pack=buffalo_l (FACE_PACK) and run 'models reembed' "
            + "(README, Face model packs)", face.pack());
      }
      return new Chosen(loaded.engine(), null, loaded);
    } catch (DiffusionPackException e) {
      String problem = e.getMessage() + ". " + MAKE_THE_PACK;
      LOG.warn("Generation engine 'diffusion' is configured but its pack cannot be used, so this worker makes "
          + "posters: {}", problem);
      return poster(face, problem);
    }
  }

  /**
   * The poster engine with the person segmentation model and the configured face pack for its
   * identity check, each left out (with a warning) when it cannot be loaded: posters are still
   * made, with the oval cut-out or unchecked.
   */
  static Chosen poster(FaceConfig face, String problem) {
    PersonSegmenter segmenter = null;
    try {
      segmenter = SegmentationPack.load(face.modelsDir(), face.ortThreads());
    } catch (ModelUnavailableException e) {
      LOG.warn("Posters use the oval face cut-out: {}", e.getMessage());
    }
    FacePack pack = null;
    try {
      pack = FacePacks.load(face);
    } catch (ModelUnavailableException | IllegalArgumentException e) {
      LOG.warn("Posters are not identity-checked: the face pack '{}' cannot be loaded ({})", face.pack(),
          e.getMessage());
    }
    PosterEngine engine = new PosterEngine(PosterFonts.bundled(), segmenter,
        pack == null ? null : new FacePackIdentityCheck(pack), pack == null ? null : pack.embeddingModel());
    PersonSegmenter openSegmenter = segmenter;
    FacePack openPack = pack;
    return new Chosen(engine, problem, () -> {
      if (openSegmenter != null) {
        openSegmenter.close();
      }
      if (openPack != null) {
        openPack.close();
      }
    });
  }

  /**
   * The engine a worker runs.
   *
   * @param engine the engine jobs go to
   * @param problem why the configured engine is not the one running (its pack is missing or
   *     unusable, and how to make it), or null when it is
   * @param resources what to close once no job runs any more (models, sessions)
   */
  public record Chosen(GenerationEngine engine, String problem, AutoCloseable resources) {
  }
}
