package ai.motiv8.faces.onnx;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * One model file of a pack, as its manifest lists it.
 *
 * @param name file name inside the pack folder (no path separators)
 * @param role what the pack uses it for (e.g. {@code detector}), or {@code null} when the pack
 *     finds it by name
 * @param bytes expected size, or -1 when unknown
 * @param sha256 expected lower-case hex SHA-256, or {@code null} when unknown: the file is then
 *     loaded unchecked, with a warning that logs its actual checksum (self-made packs, tests)
 * @param required whether the pack fails without it
 * @param inputs the input tensors the model must have (empty: not checked)
 * @param outputs the output tensors the model must have (empty: not checked)
 */
public record ModelFile(String name, String role, long bytes, String sha256, boolean required,
                        List<TensorSpec> inputs, List<TensorSpec> outputs) {

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
    inputs = List.copyOf(inputs);
    outputs = List.copyOf(outputs);
  }

  /** A file without a role or tensor contract. */
  public ModelFile(String name, long bytes, String sha256, boolean required) {
    this(name, null, bytes, sha256, required, List.of(), List.of());
  }

  static ModelFile fromJson(JsonObject json) {
    Long bytes = json.getLong("bytes");
    Boolean required = json.getBoolean("required");
    return new ModelFile(json.getString("name"), json.getString("role"), bytes == null ? -1 : bytes,
        json.getString("sha256"), required == null || required, specs(json.getJsonArray("inputs")),
        specs(json.getJsonArray("outputs")));
  }

  private static List<TensorSpec> specs(JsonArray array) {
    List<TensorSpec> specs = new ArrayList<>();
    if (array != null) {
      for (int i = 0; i < array.size(); i++) {
        specs.add(TensorSpec.fromJson(array.getJsonObject(i)));
      }
    }
    return specs;
  }
}
