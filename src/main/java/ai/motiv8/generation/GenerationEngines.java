package ai.motiv8.generation;

import ai.motiv8.generation.poster.PosterEngine;

/** Chooses the engine named by {@code generation.engine}. */
public final class GenerationEngines {

  public static final String DIFFUSION = "diffusion";

  private GenerationEngines() {
  }

  /**
   * @throws IllegalStateException for an engine this build cannot run, with a message that says
   *     what to configure instead
   */
  public static GenerationEngine create(String name) {
    if (PosterEngine.NAME.equals(name)) {
      return new PosterEngine();
    }
    if (DIFFUSION.equals(name)) {
      throw new IllegalStateException("Generation engine 'diffusion' is not available in this build;"
          + " set generation.engine (GENERATION_ENGINE) to 'poster'");
    }
    throw new IllegalStateException("Unknown generation engine '" + name + "'; set generation.engine"
        + " (GENERATION_ENGINE) to 'poster'");
  }
}
