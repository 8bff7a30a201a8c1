package ai.motiv8.faces.onnx;

import ai.motiv8.faces.pack.ModelUnavailableException;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Opens the models of one pack, one session each ({@link OrtSessions#open}), and hands every
 * session to the class that runs that model. Until {@link #loaded()} is called, closing the loader
 * closes the sessions it opened, so a pack that fails half-way leaks no native memory:
 *
 * <pre>{@code
 * try (ModelLoader loader = new ModelLoader(packDir, threads)) {
 *   Detector detector = loader.load(manifest.fileWithRole("detector"), "a detector", Detector::new);
 *   …
 *   loader.loaded();
 * }
 * }</pre>
 */
public final class ModelLoader implements AutoCloseable {

  /** Makes the model class that owns {@code session} from then on; may check its inputs and outputs. */
  @FunctionalInterface
  public interface ModelFactory<T> {
    T create(OrtSession session) throws OrtException;
  }

  private final Path packDir;
  private final int threads;
  private final List<OrtSession> opened = new ArrayList<>();
  private boolean loaded;

  /** @throws IllegalArgumentException when {@code threads} is below 1 */
  public ModelLoader(Path packDir, int threads) {
    OrtSessions.requireThreads(threads);
    this.packDir = packDir;
    this.threads = threads;
  }

  /**
   * @param what the model the file should hold, for the error message (e.g. {@code a SCRFD detector})
   * @throws ModelUnavailableException when ONNX Runtime cannot load the file, or {@code factory}
   *     refuses its session
   */
  public <T> T load(ModelFile file, String what, ModelFactory<T> factory) {
    OrtSession session = OrtSessions.open(packDir, file, threads);
    opened.add(session);
    try {
      return factory.create(session);
    } catch (OrtException | RuntimeException e) {
      throw new ModelUnavailableException("Model file " + packDir.resolve(file.name()) + " is not " + what + ": "
          + e.getMessage(), e);
    }
  }

  /** Every model is loaded: the sessions now belong to them and stay open. */
  public void loaded() {
    loaded = true;
  }

  @Override
  public void close() {
    if (!loaded) {
      opened.forEach(OrtSessions::closeQuietly);
    }
  }
}
