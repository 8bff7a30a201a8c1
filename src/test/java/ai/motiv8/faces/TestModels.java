package ai.motiv8.faces;

import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Models for the tests: where the real default pack is ({@code models/face/default} under the
 * project root), and sessions on models built in memory.
 */
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

  /** A default-options session on in-memory model bytes. */
  public static OrtSession session(byte[] model) throws OrtException {
    return OrtEnvironment.getEnvironment().createSession(model, new OrtSession.SessionOptions());
  }
}
