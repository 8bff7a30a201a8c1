package ai.motiv8.faces.buffalo;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The files a model pack expects, with their sizes and SHA-256 checksums, read from a
 * {@code manifest.json}:
 *
 * <pre>{@code
 * {"pack": "buffalo_l",
 *  "files": [{"name": "det_10g.onnx", "bytes": 16923827, "sha256": "5838…", "required": true}, …]}
 * }</pre>
 *
 * <p>{@code bytes} and {@code sha256} may be left out: such a file is loaded unchecked, with a
 * warning that records its actual checksum (for self-made packs and tests).
 *
 * @param pack pack name
 * @param files the pack's files
 */
public record ModelManifest(String pack, List<ModelFile> files) {

  /** Class-path location of the committed buffalo_l manifest. */
  public static final String BUFFALO_L_RESOURCE = "/models/face/buffalo_l/manifest.json";

  /**
   * One expected file.
   *
   * @param name file name inside the pack folder
   * @param bytes expected size, or -1 when unknown
   * @param sha256 expected lower-case hex SHA-256, or {@code null} when unknown
   * @param required whether the pack fails without it
   */
  public record ModelFile(String name, long bytes, String sha256, boolean required) {

    public ModelFile {
      if (name == null || name.isBlank() || name.contains("/") || name.contains("\\")) {
        throw new IllegalArgumentException("Bad model file name: " + name);
      }
      if (sha256 != null) {
        sha256 = sha256.toLowerCase(Locale.ROOT);
        if (!sha256.matches("[0-9a-f]{64}")) {
          throw new IllegalArgumentException("Bad SHA-256 for " + name + ": " + sha256);
        }
      }
    }
  }

  public ModelManifest {
    files = List.copyOf(files);
  }

  /** The committed manifest of InsightFace's buffalo_l (the v0.7 release files). */
  public static ModelManifest buffaloL() {
    try (InputStream in = ModelManifest.class.getResourceAsStream(BUFFALO_L_RESOURCE)) {
      if (in == null) {
        throw new IllegalStateException("Class path lacks " + BUFFALO_L_RESOURCE);
      }
      return parse(in, BUFFALO_L_RESOURCE);
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot read " + BUFFALO_L_RESOURCE, e);
    }
  }

  /** Reads a manifest file. */
  public static ModelManifest load(Path file) throws IOException {
    try (InputStream in = Files.newInputStream(file)) {
      return parse(in, file.toString());
    }
  }

  /** The entry for {@code name}, if the manifest lists it. */
  public Optional<ModelFile> file(String name) {
    return files.stream().filter(f -> f.name().equals(name)).findFirst();
  }

  static ModelManifest parse(InputStream in, String source) throws IOException {
    try (JsonParser parser = new JsonFactory().createParser(in)) {
      expect(parser.nextToken(), JsonToken.START_OBJECT, source);
      String pack = null;
      List<ModelFile> files = new ArrayList<>();
      while (parser.nextToken() == JsonToken.FIELD_NAME) {
        String field = parser.currentName();
        JsonToken value = parser.nextToken();
        if ("pack".equals(field)) {
          pack = parser.getValueAsString();
        } else if ("files".equals(field)) {
          expect(value, JsonToken.START_ARRAY, source);
          while (parser.nextToken() == JsonToken.START_OBJECT) {
            files.add(parseFile(parser, source));
          }
        } else {
          parser.skipChildren();
        }
      }
      if (pack == null || files.isEmpty()) {
        throw new IOException(source + ": a manifest needs \"pack\" and a non-empty \"files\" list");
      }
      return new ModelManifest(pack, files);
    }
  }

  private static ModelFile parseFile(JsonParser parser, String source) throws IOException {
    String name = null, sha256 = null;
    long bytes = -1;
    boolean required = true;
    while (parser.nextToken() == JsonToken.FIELD_NAME) {
      String field = parser.currentName();
      JsonToken value = parser.nextToken();
      switch (field) {
        case "name" -> name = parser.getValueAsString();
        case "sha256" -> sha256 = value == JsonToken.VALUE_NULL ? null : parser.getValueAsString();
        case "bytes" -> bytes = value == JsonToken.VALUE_NULL ? -1 : parser.getLongValue();
        case "required" -> required = parser.getBooleanValue();
        default -> parser.skipChildren();
      }
    }
    try {
      return new ModelFile(name, bytes, sha256, required);
    } catch (IllegalArgumentException e) {
      throw new IOException(source + ": " + e.getMessage(), e);
    }
  }

  private static void expect(JsonToken actual, JsonToken wanted, String source) throws IOException {
    if (actual != wanted) {
      throw new IOException(source + ": expected " + wanted + ", found " + actual);
    }
  }
}
