package ai.motiv8;

import ai.motiv8.config.AppConfig;
import ai.motiv8.faces.TestImages;
import ai.motiv8.faces.pack.DefaultFacePack;
import ai.motiv8.faces.pack.ModelFetcher;
import ai.motiv8.faces.pack.ModelUnavailableException;
import ai.motiv8.support.TestConfigs;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * {@code serve} in an empty folder: the default face pack comes from the download cache the build
 * fills ({@code ~/.cache/motiv8/npm}, no network), checked file by file; {@code --offline} leaves the
 * folder alone and the pack loader's refusal stands.
 */
class FirstStartTest {

  @TempDir
  Path dir;

  private AppConfig configIn(Path models) {
    return TestConfigs.local(dir, Map.of("MODELS_DIR", models.toString()));
  }

  @Test
  @DisplayName("an empty models folder gets the default pack from the build's cache, and it loads and finds a face")
  void installsFromTheCache() {
    assertThat(ModelFetcher.defaultCacheDir().resolve("npm").resolve("faceplugin-face-recognition-js-0.0.1.tgz"))
        .as("the build's fetch-face-models step fills this cache").isRegularFile();
    Path models = dir.resolve("models");
    ServeCommand.installDefaultFacePack(configIn(models), false);
    try (DefaultFacePack pack = DefaultFacePack.load(models.resolve("face").resolve("default"), 1)) {
      assertThat(pack.detect(TestImages.rgbImage(TestImages.photo(TestImages.ASTRONAUT)))).hasSize(1);
    }
  }

  @Test
  @DisplayName("--offline installs nothing, and the pack loader still refuses with `models fetch` in its message")
  void offlineRefuses() {
    Path models = dir.resolve("offline-models");
    ServeCommand.installDefaultFacePack(configIn(models), true);
    assertThat(Files.exists(models)).isFalse();
    assertThatThrownBy(() -> DefaultFacePack.load(models.resolve("face").resolve("default"), 1))
        .isInstanceOf(ModelUnavailableException.class)
        .hasMessageContaining("models fetch");
  }
}
