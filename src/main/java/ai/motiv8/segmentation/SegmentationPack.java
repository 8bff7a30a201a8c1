package ai.motiv8.segmentation;

import ai.motiv8.faces.onnx.ModelFile;
import ai.motiv8.faces.onnx.ModelManifest;
import ai.motiv8.faces.onnx.Sha256;
import ai.motiv8.faces.pack.ModelFetcher;
import ai.motiv8.faces.pack.ModelUnavailableException;
import ai.motiv8.faces.pack.TarGzExtractor;
import io.vertx.core.json.JsonObject;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Map;

/**
 * The person segmentation model, in {@code <modelsDir>/segmentation/selfie/}: MediaPipe's selfie
 * segmentation (npm {@code @mediapipe/selfie_segmentation}, Apache-2.0), shipped there as TFLite
 * and translated here to ONNX ({@link TfliteToOnnx}). Fetching follows the face pack: the npm
 * tarball is cached and checked (SHA-256), the TFLite file inside is checked, the translation is
 * deterministic and its SHA-256 is checked against the committed manifest
 * ({@code models/segmentation/selfie/manifest.json}).
 */
public final class SegmentationPack {

  private static final Logger LOG = LoggerFactory.getLogger(SegmentationPack.class);

  public static final String NAME = "selfie";
  static final String MANIFEST = "/models/segmentation/" + NAME + "/manifest.json";
  public static final String FETCH_HINT = "Run 'models fetch' (or the Maven build) where npm can reach its "
      + "registry; see docs/models.md, Person segmentation";

  private SegmentationPack() {
  }

  /** {@code <modelsDir>/segmentation/selfie}. */
  public static Path packDir(Path modelsDir) {
    return modelsDir.resolve("segmentation").resolve(NAME);
  }

  /** The committed manifest. */
  public static ModelManifest manifest() {
    return ModelManifest.fromJson(manifestJson());
  }

  /**
   * Opens the segmenter from {@code modelsDir} (blocking: checks the SHA-256, opens a session).
   *
   * @throws ModelUnavailableException when the model is missing or wrong
   */
  public static PersonSegmenter load(Path modelsDir, int threads) {
    Path dir = packDir(modelsDir);
    ModelManifest manifest = manifest();
    List<String> problems = manifest.problems(dir);
    if (!problems.isEmpty()) {
      throw new ModelUnavailableException("Segmentation model missing or wrong: " + String.join("; ", problems)
          + ". " + FETCH_HINT);
    }
    return new PersonSegmenter(dir, manifest.fileWithRole("segmenter"), threads);
  }

  /**
   * Makes {@code <modelsDir>/segmentation/selfie} hold the checked ONNX model: nothing to do when
   * it is there; else the cached (or freshly packed) npm tarball, its TFLite file, the translation.
   *
   * @return the pack folder
   * @throws ModelUnavailableException when it cannot
   */
  public static Path fetch(Path modelsDir, Path cacheDir) {
    Path dir = packDir(modelsDir);
    ModelManifest manifest = manifest();
    if (manifest.problems(dir).isEmpty()) {
      LOG.info("Segmentation model '{}' already present and verified at {}", NAME, dir);
      return dir;
    }
    JsonObject source = manifestJson().getJsonObject("source");
    ModelFile onnx = manifest.fileWithRole("segmenter");
    try {
      Path tarball = new ModelFetcher(manifest, cacheDir, List.of("npm")).cachedTarball();
      Files.createDirectories(dir);
      Path tflite = dir.resolve(".model.tflite.part");
      Path part = dir.resolve("." + onnx.name() + ".part");
      try {
        String entry = manifest.folder() + source.getString("tflite");
        if (!TarGzExtractor.extract(tarball, Map.of(entry, tflite)).isEmpty()) {
          throw new IOException(tarball + " has no " + entry);
        }
        String actual = Sha256.of(tflite);
        if (!actual.equalsIgnoreCase(source.getString("tfliteSha256"))) {
          throw new IOException(entry + " has SHA-256 " + actual + ", expected " + source.getString("tfliteSha256"));
        }
        Files.write(part, TfliteToOnnx.translate(Files.readAllBytes(tflite)));
        Files.move(part, dir.resolve(onnx.name()), StandardCopyOption.REPLACE_EXISTING,
            StandardCopyOption.ATOMIC_MOVE);
      } finally {
        Files.deleteIfExists(tflite);
        Files.deleteIfExists(part);
      }
    } catch (IOException | IllegalArgumentException e) {
      throw new ModelUnavailableException("Could not install the segmentation model into " + dir + ": "
          + e.getMessage() + ". " + FETCH_HINT, e);
    }
    List<String> problems = manifest.problems(dir);
    if (!problems.isEmpty()) {
      throw new ModelUnavailableException("The translated segmentation model differs from the manifest: "
          + String.join("; ", problems));
    }
    LOG.info("Segmentation model '{}' installed and verified at {}", NAME, dir);
    return dir;
  }

  private static JsonObject manifestJson() {
    try (InputStream in = SegmentationPack.class.getResourceAsStream(MANIFEST)) {
      if (in == null) {
        throw new IllegalStateException(MANIFEST + " is not on the class path");
      }
      return new JsonObject(new String(in.readAllBytes(), StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
