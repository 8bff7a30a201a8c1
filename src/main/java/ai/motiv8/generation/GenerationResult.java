package ai.motiv8.generation;

import io.vertx.codegen.annotations.DataObject;
import io.vertx.core.json.JsonObject;

/**
 * A stored generated image: its key ({@code generated/<name>}), the engine that made it, the seed
 * it used (the request's, or the one chosen), its size in pixels and bytes, and how long the job
 * took from the worker accepting it to the image being stored ({@code millis}, queue time
 * included), and, when the engine checked it, how much the face in the image is the user's
 * ({@code identity_similarity}: cosine with the user's embedding).
 *
 * <p>JSON: {@code {"key", "filename", "engine", "seed", "width", "height", "size_bytes", "millis",
 * "identity_similarity"}}.
 */
@DataObject
public final class GenerationResult {

  private final String key;
  private final String engine;
  private final long seed;
  private final int width;
  private final int height;
  private final long sizeBytes;
  private final long millis;
  private final Double identitySimilarity;

  public GenerationResult(String key, String engine, long seed, int width, int height, long sizeBytes, long millis) {
    this(key, engine, seed, width, height, sizeBytes, millis, null);
  }

  public GenerationResult(String key, String engine, long seed, int width, int height, long sizeBytes, long millis,
                          Double identitySimilarity) {
    this.key = key;
    this.engine = engine;
    this.seed = seed;
    this.width = width;
    this.height = height;
    this.sizeBytes = sizeBytes;
    this.millis = millis;
    this.identitySimilarity = identitySimilarity;
  }

  public GenerationResult(JsonObject json) {
    this(json.getString("key"), json.getString("engine"), json.getLong("seed", 0L), json.getInteger("width", 0),
        json.getInteger("height", 0), json.getLong("size_bytes", 0L), json.getLong("millis", 0L),
        json.getDouble("identity_similarity"));
  }

  public JsonObject toJson() {
    return new JsonObject()
        .put("key", key)
        .put("filename", filename())
        .put("engine", engine)
        .put("seed", seed)
        .put("width", width)
        .put("height", height)
        .put("size_bytes", sizeBytes)
        .put("millis", millis)
        .put("identity_similarity", identitySimilarity);
  }

  /** {@code generated/<name>}. */
  public String key() {
    return key;
  }

  /** The stored name: the part of the key after {@code generated/}. */
  public String filename() {
    return key == null ? null : key.substring(key.lastIndexOf('/') + 1);
  }

  public String engine() {
    return engine;
  }

  public long seed() {
    return seed;
  }

  public int width() {
    return width;
  }

  public int height() {
    return height;
  }

  public long sizeBytes() {
    return sizeBytes;
  }

  public long millis() {
    return millis;
  }

  /**
   * Cosine between the face in the image and the user's embedding, or null when the engine did
   * not check it (poster, no identity pack) or found no face.
   */
  public Double identitySimilarity() {
    return identitySimilarity;
  }

  @Override
  public String toString() {
    return "GenerationResult" + toJson().encode();
  }
}
