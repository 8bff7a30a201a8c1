package ai.motiv8.faces;

import java.nio.file.Files;
import java.nio.file.Path;

/** Where the tests find the real default pack: {@code models/face/default} under the project root. */
public final class TestModels {

  private TestModels() {
  }

  /** {@code ${models.dir}} (set by the build) or {@code models}, relative to the project root. */
  public static Path modelsDir() {
    return Path.of(System.getProperty("models.dir", "models")).toAbsolutePath();
  }

  public static Path defaultPackDir() {
    Path dir = modelsDir().resolve("face").resolve("default");
    if (!Files.isDirectory(dir)) {
      throw new IllegalStateException(dir + " is missing: `mvn process-test-classes` fetches the default face pack");
    }
    return dir;
  }
}
