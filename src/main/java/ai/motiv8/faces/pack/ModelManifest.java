package ai.motiv8.faces.pack;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The committed description of a model pack ({@code models/face/<pack>/manifest.json} on the
 * class path): where its files come from, their SHA-256 and their input/output contracts. A pack
 * folder is only used when every file in it matches.
 */
public record ModelManifest(String pack, String npmSpec, String tarball, String tarballSha256, String folder,
                            List<ModelFile> files) {

  /** Class-path resource of the default pack's manifest. */
  public static final String DEFAULT_PACK_RESOURCE = "/models/face/default/manifest.json";

  /** The manifest of the default face pack (the npm package {@code faceplugin-face-recognition-js}). */
  public static ModelManifest defaultPack() {
    return fromResource(DEFAULT_PACK_RESOURCE);
  }

  public static ModelManifest fromResource(String resource) {
    try (InputStream in = ModelManifest.class.getResourceAsStream(resource)) {
      if (in == null) {
        throw new IllegalStateException("Model manifest " + resource + " is not on the class path");
      }
      return fromJson(new JsonObject(new String(in.readAllBytes(), StandardCharsets.UTF_8)));
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot read model manifest " + resource, e);
    }
  }

  static ModelManifest fromJson(JsonObject json) {
    JsonObject source = json.getJsonObject("source", new JsonObject());
    JsonArray array = json.getJsonArray("files");
    List<ModelFile> files = new ArrayList<>();
    for (int i = 0; i < array.size(); i++) {
      files.add(ModelFile.fromJson(array.getJsonObject(i)));
    }
    return new ModelManifest(json.getString("pack"), source.getString("npm"), source.getString("tarball"),
        source.getString("tarballSha256"), source.getString("folder"), List.copyOf(files));
  }

  /** The file with this role (e.g. {@code detector}). */
  public ModelFile file(String role) {
    return files.stream().filter(f -> f.role().equals(role)).findFirst()
        .orElseThrow(() -> new IllegalArgumentException("Pack " + pack + " has no " + role + " model"));
  }

  /**
   * What is wrong with {@code packDir}: one line per missing or mismatching file; empty when every
   * file is present with the expected SHA-256.
   */
  public List<String> problems(Path packDir) {
    List<String> problems = new ArrayList<>();
    for (ModelFile file : files) {
      Path path = packDir.resolve(file.name());
      if (!Files.isRegularFile(path)) {
        problems.add(path + " is missing");
        continue;
      }
      try {
        String actual = Sha256.of(path);
        if (!actual.equalsIgnoreCase(file.sha256())) {
          problems.add(path + " has SHA-256 " + actual + ", expected " + file.sha256());
        }
      } catch (IOException e) {
        problems.add(path + " cannot be read: " + e.getMessage());
      }
    }
    return problems;
  }

  /** @throws ModelUnavailableException naming every bad file and how to get good ones */
  public void requireValid(Path packDir) {
    List<String> problems = problems(packDir);
    if (!problems.isEmpty()) {
      throw new ModelUnavailableException("Face pack '" + pack + "' is not usable: " + String.join("; ", problems)
          + ". Run `motiv8 models fetch` (or `mvn process-test-classes`) to fetch it.");
    }
  }
}
