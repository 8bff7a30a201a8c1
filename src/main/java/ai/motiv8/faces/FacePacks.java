package ai.motiv8.faces;

import ai.motiv8.config.AppConfig.FaceConfig;
import ai.motiv8.faces.buffalo.BuffaloPack;
import ai.motiv8.faces.pack.DefaultFacePack;
import ai.motiv8.faces.pack.ModelUnavailableException;

import java.nio.file.Path;

/** Loads the face pack that {@code face.pack} names, from {@code <face.modelsDir>/face/<pack>/}. */
public final class FacePacks {

  public static final String DEFAULT = DefaultFacePack.NAME;
  public static final String BUFFALO_L = BuffaloPack.NAME;

  private FacePacks() {
  }

  /** The pack's folder: {@code <modelsDir>/face/<pack>}. */
  public static Path packDir(FaceConfig config) {
    return packDir(config.modelsDir(), config.pack());
  }

  /** The folder of {@code pack} under {@code modelsDir}: {@code <modelsDir>/face/<pack>}. */
  public static Path packDir(Path modelsDir, String pack) {
    return modelsDir.resolve("face").resolve(pack);
  }

  /**
   * Loads the configured pack (blocking: verifies checksums and opens ONNX Runtime sessions).
   *
   * @throws ModelUnavailableException when its files are missing or wrong
   * @throws IllegalArgumentException for an unknown pack name
   */
  public static FacePack load(FaceConfig config) {
    Path dir = packDir(config);
    return switch (config.pack()) {
      case DEFAULT -> DefaultFacePack.load(dir, config.ortThreads());
      case BUFFALO_L -> new BuffaloPack(dir, config.ortThreads());
      default -> throw new IllegalArgumentException(
          "face.pack must be '" + DEFAULT + "' or '" + BUFFALO_L + "', not '" + config.pack() + "'");
    };
  }
}
