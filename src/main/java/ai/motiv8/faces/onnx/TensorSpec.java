package ai.motiv8.faces.onnx;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

import java.util.Arrays;

/** Name, element type and shape of one model input or output, as the manifest promises them. */
public record TensorSpec(String name, String type, long[] shape) {

  static TensorSpec fromJson(JsonObject json) {
    JsonArray dims = json.getJsonArray("shape");
    long[] shape = new long[dims.size()];
    for (int i = 0; i < shape.length; i++) {
      shape[i] = dims.getLong(i);
    }
    return new TensorSpec(json.getString("name"), json.getString("type"), shape);
  }

  @Override
  public String toString() {
    return name + " " + type + Arrays.toString(shape);
  }
}
