package ai.motiv8.faces.pack;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

import java.util.ArrayList;
import java.util.List;

/** One model file of a pack: its name in the pack folder, role, checksum and tensor contract. */
public record ModelFile(String name, String role, String sha256, long size, List<TensorSpec> inputs,
                        List<TensorSpec> outputs) {

  static ModelFile fromJson(JsonObject json) {
    return new ModelFile(json.getString("name"), json.getString("role"), json.getString("sha256"),
        json.getLong("size", -1L), specs(json.getJsonArray("inputs")), specs(json.getJsonArray("outputs")));
  }

  private static List<TensorSpec> specs(JsonArray array) {
    List<TensorSpec> specs = new ArrayList<>();
    if (array != null) {
      for (int i = 0; i < array.size(); i++) {
        specs.add(TensorSpec.fromJson(array.getJsonObject(i)));
      }
    }
    return List.copyOf(specs);
  }
}
