package ai.motiv8.users;

import io.vertx.codegen.annotations.DataObject;
import io.vertx.core.json.JsonObject;

/**
 * One generated image of a user for a logical day ({@code generated_images} row). {@code s3Key}
 * is the storage key, {@code generated/<name>}; {@code generationDate} is {@code YYYY-MM-DD}.
 */
@DataObject
public final class GeneratedImage {

  private final String id;
  private final String userId;
  private final String s3Key;
  private final String generationDate;
  private final long generatedAtMillis;
  private final String mode;
  private final String source;
  private final Double identityScore;

  /**
   * @param mode the user's {@link Mode} wire name when it was made, as the original stores it
   * @param source how it was made: {@code batch} or {@code on_demand}
   * @param identityScore cosine between the face found in the image and the user's embedding, or null
   */
  public GeneratedImage(String id, String userId, String s3Key, String generationDate, long generatedAtMillis,
                        String mode, String source, Double identityScore) {
    this.id = id;
    this.userId = userId;
    this.s3Key = s3Key;
    this.generationDate = generationDate;
    this.generatedAtMillis = generatedAtMillis;
    this.mode = mode;
    this.source = source;
    this.identityScore = identityScore;
  }

  public GeneratedImage(JsonObject json) {
    this(json.getString("id"), json.getString("user_id"), json.getString("s3_key"),
        json.getString("generation_date"), json.getLong("generated_at_millis", 0L), json.getString("mode"),
        json.getString("source"), json.getDouble("identity_score"));
  }

  public JsonObject toJson() {
    return new JsonObject()
        .put("id", id)
        .put("user_id", userId)
        .put("s3_key", s3Key)
        .put("generation_date", generationDate)
        .put("generated_at_millis", generatedAtMillis)
        .put("mode", mode)
        .put("source", source)
        .put("identity_score", identityScore);
  }

  public String id() {
    return id;
  }

  public String userId() {
    return userId;
  }

  public String s3Key() {
    return s3Key;
  }

  /** The stored name: the part of the key after {@code generated/}. */
  public String filename() {
    return s3Key.substring(s3Key.lastIndexOf('/') + 1);
  }

  public String generationDate() {
    return generationDate;
  }

  public long generatedAtMillis() {
    return generatedAtMillis;
  }

  /** The user's mode when it was made ({@code shame}, {@code toned}, ...); null on old rows. */
  public String mode() {
    return mode;
  }

  /** How it was made: {@code on_demand} or {@code batch}; null on rows of the Python service. */
  public String source() {
    return source;
  }

  /** Identity check of the image against the user's embedding (cosine), or null when not checked. */
  public Double identityScore() {
    return identityScore;
  }
}
