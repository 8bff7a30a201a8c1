package ai.motiv8.faces;

import io.vertx.codegen.annotations.DataObject;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

import java.util.ArrayList;
import java.util.List;

/**
 * One face as reported over the event bus: {@code box} = {@code [x1, y1, x2, y2]} in image pixels
 * of the upright image, detector {@code score} in 0..1, and five {@code keypoints}
 * {@code [x0, y0, ..., x4, y4]} (left eye, right eye, nose tip, left and right mouth corner, as
 * seen in the image). JSON: {@code {"box": [...], "score": 0.99, "keypoints": [...]}}.
 */
@DataObject
public final class DetectedFace {

  private final List<Float> box;
  private final float score;
  private final List<Float> keypoints;

  public DetectedFace(List<Float> box, float score, List<Float> keypoints) {
    this.box = List.copyOf(box);
    this.score = score;
    this.keypoints = keypoints == null ? List.of() : List.copyOf(keypoints);
  }

  public DetectedFace(JsonObject json) {
    this(floats(json.getJsonArray("box")), json.getFloat("score", 0f), floats(json.getJsonArray("keypoints")));
  }

  public static DetectedFace of(Face face) {
    List<Float> keypoints = new ArrayList<>();
    if (face.keypoints() != null) {
      for (float value : face.keypoints()) {
        keypoints.add(value);
      }
    }
    return new DetectedFace(List.of(face.x1(), face.y1(), face.x2(), face.y2()), face.score(), keypoints);
  }

  public JsonObject toJson() {
    return new JsonObject()
        .put("box", new JsonArray(new ArrayList<>(box)))
        .put("score", score)
        .put("keypoints", new JsonArray(new ArrayList<>(keypoints)));
  }

  /** {@code [x1, y1, x2, y2]}. */
  public List<Float> box() {
    return box;
  }

  public float score() {
    return score;
  }

  /** {@code [x0, y0, ..., x4, y4]}, empty when the pack gave none. */
  public List<Float> keypoints() {
    return keypoints;
  }

  public float area() {
    return Math.max(0, box.get(2) - box.get(0)) * Math.max(0, box.get(3) - box.get(1));
  }

  private static List<Float> floats(JsonArray array) {
    List<Float> values = new ArrayList<>();
    if (array != null) {
      for (int i = 0; i < array.size(); i++) {
        values.add(array.getFloat(i));
      }
    }
    return values;
  }

  @Override
  public String toString() {
    return "DetectedFace" + toJson().encode();
  }
}
