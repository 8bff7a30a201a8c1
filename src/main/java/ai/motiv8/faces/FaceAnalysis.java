package ai.motiv8.faces;

import io.vertx.codegen.annotations.DataObject;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

import java.util.ArrayList;
import java.util.List;

/**
 * What the inference worker found in one image. JSON field names are those of
 * {@code POST /api/upload} where both have the field ({@code num_faces}, {@code bbox},
 * {@code embedding_shape}, {@code embedding_dtype}, {@code content_type}).
 *
 * <ul>
 *   <li>{@code faces}: every face, largest first; {@code chosenIndex} the one embedded (the
 *       largest, so 0), or -1 when there is none;</li>
 *   <li>{@code bbox}: the chosen face's box as whole pixels {@code [x1, y1, x2, y2]}, or empty;</li>
 *   <li>{@code embeddingKey}/{@code embeddingModel}/{@code embeddingShape}: where the L2-normalised
 *       float32 embedding was stored as {@code .npy}, which model made it, and its shape
 *       ({@code [512]}); null/empty for {@code detect};</li>
 *   <li>{@code contentType}/{@code extension}: the type found from the image's bytes;
 *       {@code width}/{@code height}: the upright image (EXIF orientation applied);</li>
 *   <li>{@code quality}: measurements of the chosen face ({@link FaceQuality}), null when there is
 *       none; {@code warnings}: one sentence of advice per problem ({@link SelfieAdvice}), never null.</li>
 *   <li>{@code gender}: the pack's guess for the chosen face ({@code male}/{@code female}), null
 *       when the pack has no gender model or there is no face; steers prompts only.</li>
 * </ul>
 */
@DataObject
public final class FaceAnalysis {

  private final List<DetectedFace> faces;
  private final int chosenIndex;
  private final List<Integer> bbox;
  private final String embeddingKey;
  private final String embeddingModel;
  private final List<Integer> embeddingShape;
  private final String contentType;
  private final String extension;
  private final int width;
  private final int height;
  private final FaceQuality quality;
  private final List<String> warnings;
  private String gender;

  public FaceAnalysis(List<DetectedFace> faces, int chosenIndex, String embeddingKey, String embeddingModel,
                      List<Integer> embeddingShape, String contentType, String extension, int width, int height) {
    this(faces, chosenIndex, embeddingKey, embeddingModel, embeddingShape, contentType, extension, width, height, null,
        List.of());
  }

  public FaceAnalysis(List<DetectedFace> faces, int chosenIndex, String embeddingKey, String embeddingModel,
                      List<Integer> embeddingShape, String contentType, String extension, int width, int height,
                      FaceQuality quality, List<String> warnings) {
    this.faces = List.copyOf(faces);
    this.chosenIndex = chosenIndex;
    this.bbox = chosenIndex >= 0 ? wholePixels(faces.get(chosenIndex).box()) : List.of();
    this.embeddingKey = embeddingKey;
    this.embeddingModel = embeddingModel;
    this.embeddingShape = embeddingShape == null ? List.of() : List.copyOf(embeddingShape);
    this.contentType = contentType;
    this.extension = extension;
    this.width = width;
    this.height = height;
    this.quality = quality;
    this.warnings = warnings == null ? List.of() : List.copyOf(warnings);
  }

  public FaceAnalysis(JsonObject json) {
    this(faces(json.getJsonArray("faces")), json.getInteger("chosen_index", -1), json.getString("embedding_key"),
        json.getString("embedding_model"), ints(json.getJsonArray("embedding_shape")),
        json.getString("content_type"), json.getString("extension"), json.getInteger("width", 0),
        json.getInteger("height", 0),
        json.getJsonObject("quality") == null ? null : new FaceQuality(json.getJsonObject("quality")),
        strings(json.getJsonArray("warnings")));
    this.gender = json.getString("gender");
  }

  /** Sets the pack's gender guess for the chosen face (fluent). */
  public FaceAnalysis setGender(String gender) {
    this.gender = gender;
    return this;
  }

  public JsonObject toJson() {
    JsonArray faceArray = new JsonArray();
    faces.forEach(face -> faceArray.add(face.toJson()));
    return new JsonObject()
        .put("num_faces", faces.size())
        .put("faces", faceArray)
        .put("chosen_index", chosenIndex)
        .put("bbox", new JsonArray(new ArrayList<>(bbox)))
        .put("embedding_key", embeddingKey)
        .put("embedding_model", embeddingModel)
        .put("embedding_shape", new JsonArray(new ArrayList<>(embeddingShape)))
        .put("embedding_dtype", embeddingKey == null ? null : "float32")
        .put("content_type", contentType)
        .put("extension", extension)
        .put("width", width)
        .put("height", height)
        .put("quality", quality == null ? null : quality.toJson())
        .put("warnings", new JsonArray(new ArrayList<>(warnings)))
        .put("gender", gender);
  }

  /** {@code male}/{@code female} as guessed by the pack, or null. */
  public String gender() {
    return gender;
  }

  public int numFaces() {
    return faces.size();
  }

  public List<DetectedFace> faces() {
    return faces;
  }

  public int chosenIndex() {
    return chosenIndex;
  }

  /** The chosen face, or null when there is none. */
  public DetectedFace chosen() {
    return chosenIndex >= 0 ? faces.get(chosenIndex) : null;
  }

  /** {@code [x1, y1, x2, y2]} of the chosen face in whole pixels; empty when none. */
  public List<Integer> bbox() {
    return bbox;
  }

  public String embeddingKey() {
    return embeddingKey;
  }

  public String embeddingModel() {
    return embeddingModel;
  }

  public List<Integer> embeddingShape() {
    return embeddingShape;
  }

  public String contentType() {
    return contentType;
  }

  /** Safe file extension without the dot, e.g. {@code jpg}. */
  public String extension() {
    return extension;
  }

  public int width() {
    return width;
  }

  public int height() {
    return height;
  }

  /** The chosen face's measurements, or null when there is no face. */
  public FaceQuality quality() {
    return quality;
  }

  /** Advice for the person, one sentence each; empty when the selfie is fine or has no face. */
  public List<String> warnings() {
    return warnings;
  }

  private static List<String> strings(JsonArray array) {
    List<String> values = new ArrayList<>();
    if (array != null) {
      for (int i = 0; i < array.size(); i++) {
        values.add(array.getString(i));
      }
    }
    return values;
  }

  private static List<Integer> wholePixels(List<Float> box) {
    List<Integer> pixels = new ArrayList<>();
    for (Float value : box) {
      pixels.add((int) Math.floor(value));
    }
    return pixels;
  }

  private static List<DetectedFace> faces(JsonArray array) {
    List<DetectedFace> faces = new ArrayList<>();
    if (array != null) {
      for (int i = 0; i < array.size(); i++) {
        faces.add(new DetectedFace(array.getJsonObject(i)));
      }
    }
    return faces;
  }

  private static List<Integer> ints(JsonArray array) {
    List<Integer> values = new ArrayList<>();
    if (array != null) {
      for (int i = 0; i < array.size(); i++) {
        values.add(array.getInteger(i));
      }
    }
    return values;
  }

  @Override
  public String toString() {
    return "FaceAnalysis" + toJson().encode();
  }
}
