package ai.motiv8.faces.onnx;

import ai.motiv8.faces.pack.ModelUnavailableException;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The committed description of a face pack ({@code models/face/<pack>/manifest.json} on the class
 * path): its files with their sizes, SHA-256 and tensor contracts, and, for a pack fetched from
 * npm, where it comes from. A pack folder is only used when every required file matches.
 *
 * <pre>{@code
 * {"pack": "default",
 *  "source": {"npm": "…@0.0.1", "tarball": "….tgz", "tarballSha256": "…", "folder": "package/model/"},
 *  "files": [{"name": "fr_detect.onnx", "role": "detector", "bytes": 1217758, "sha256": "6c02…",
 *             "required": true, "inputs": [{"name": "input", "type": "float32", "shape": [1, 3, 240, 320]}],
 *             "outputs": […]}, …]}
 * }</pre>
 *
 * <p>Only {@code pack} and each file's {@code name} are needed; {@code required} defaults to true.
 *
 * @param npmSpec npm package to fetch the pack from ({@code source.npm}), or {@code null} for a
 *     pack that operators install themselves; likewise {@code tarball}, {@code tarballSha256} and
 *     {@code folder} (the files' folder inside the tarball)
 */
public record ModelManifest(String pack, String npmSpec, String tarball, String tarballSha256, String folder,
                            List<ModelFile> files) {

  private static final Logger LOG = LoggerFactory.getLogger(ModelManifest.class);

  public ModelManifest {
    files = List.copyOf(files);
  }

  /** A manifest of files that operators install themselves. */
  public ModelManifest(String pack, List<ModelFile> files) {
    this(pack, null, null, null, null, files);
  }

  /** Class-path resource of a pack's committed manifest. */
  public static String resource(String pack) {
    return "/models/face/" + pack + "/manifest.json";
  }

  /** The committed manifest of {@code pack} (e.g. {@code default} or {@code buffalo_l}). */
  public static ModelManifest committed(String pack) {
    String resource = resource(pack);
    try (InputStream in = ModelManifest.class.getResourceAsStream(resource)) {
      if (in == null) {
        throw new IllegalStateException("Model manifest " + resource + " is not on the class path");
      }
      return parse(in, resource);
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot read model manifest " + resource, e);
    }
  }

  /** Reads a manifest; {@code source} names it in error messages. */
  public static ModelManifest parse(InputStream in, String source) throws IOException {
    try {
      return fromJson(new JsonObject(new String(in.readAllBytes(), StandardCharsets.UTF_8)));
    } catch (DecodeException | IllegalArgumentException | ClassCastException e) {
      throw new IOException(source + ": " + e.getMessage(), e);
    }
  }

  /** @throws IllegalArgumentException when a field is missing or malformed */
  public static ModelManifest fromJson(JsonObject json) {
    String pack = json.getString("pack");
    JsonArray array = json.getJsonArray("files");
    if (pack == null || array == null || array.isEmpty()) {
      throw new IllegalArgumentException("a manifest needs \"pack\" and a non-empty \"files\" list");
    }
    JsonObject source = json.getJsonObject("source", new JsonObject());
    List<ModelFile> files = new ArrayList<>();
    for (int i = 0; i < array.size(); i++) {
      files.add(ModelFile.fromJson(array.getJsonObject(i)));
    }
    return new ModelManifest(pack, source.getString("npm"), source.getString("tarball"),
        source.getString("tarballSha256"), source.getString("folder"), files);
  }

  /** The entry for the file {@code name}, if the manifest lists it. */
  public Optional<ModelFile> file(String name) {
    return files.stream().filter(f -> f.name().equals(name)).findFirst();
  }

  /** The file with this role (e.g. {@code detector}). */
  public ModelFile fileWithRole(String role) {
    return files.stream().filter(f -> role.equals(f.role())).findFirst()
        .orElseThrow(() -> new IllegalArgumentException("Pack " + pack + " has no " + role + " model"));
  }

  /**
   * What is wrong with {@code packDir}: one line per required file that is missing, has another
   * size or another SHA-256; empty when all are as listed.
   */
  public List<String> problems(Path packDir) {
    List<String> problems = new ArrayList<>();
    for (ModelFile file : files) {
      if (file.required()) {
        problem(packDir, file).ifPresent(problems::add);
      }
    }
    return problems;
  }

  /**
   * @param hint how to get good files, appended to the message
   * @throws ModelUnavailableException naming every bad file
   */
  public void requireValid(Path packDir, String hint) {
    List<String> problems = problems(packDir);
    if (!problems.isEmpty()) {
      throw new ModelUnavailableException("Model file missing or wrong in face pack '" + pack + "': "
          + String.join("; ", problems) + ". " + hint);
    }
  }

  /** What is wrong with one listed file in {@code packDir} (missing, size, SHA-256), or empty. */
  public static Optional<String> problemWith(Path packDir, ModelFile expected) {
    return problem(packDir, expected);
  }

  private static Optional<String> problem(Path packDir, ModelFile expected) {
    Path file = packDir.resolve(expected.name()).toAbsolutePath();
    if (!Files.isRegularFile(file)) {
      return Optional.of(file + " is missing");
    }
    try {
      long size = Files.size(file);
      if (expected.bytes() >= 0 && size != expected.bytes()) {
        return Optional.of(file + " has " + size + " bytes, expected " + expected.bytes()
            + " (incomplete download or another version?)");
      }
      String actual = Sha256.of(file);
      if (expected.sha256() == null) {
        LOG.warn("Model file {} is not checked: its manifest gives no SHA-256; actual SHA-256 {} ({} bytes)",
            file, actual, size);
      } else if (!expected.sha256().equals(actual)) {
        return Optional.of(file + " has SHA-256 " + actual + ", expected " + expected.sha256());
      }
      return Optional.empty();
    } catch (IOException e) {
      return Optional.of(file + " cannot be read: " + e.getMessage());
    }
  }
}
