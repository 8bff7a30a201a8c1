package ai.motiv8.users;

import io.vertx.codegen.annotations.DataObject;
import io.vertx.core.json.JsonObject;

import java.util.List;

/**
 * A person using motiv8, as stored in the {@code users} table. Selfie and embedding are stored
 * names (not keys): the selfie lives at {@code uploads/<selfieFilename>}, the embedding at
 * {@code embeddings/<selfieEmbeddingFilename>}.
 */
@DataObject
public final class User {

  /** The seven day keys of {@code workout_days}, in calendar order. */
  public static final List<String> DAYS =
      List.of("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday");

  private final String id;
  private final String email;
  private final String googleId;
  private final String selfieFilename;
  private final String selfieEmbeddingFilename;
  private final String embeddingModel;
  private final JsonObject workoutDays;
  private final String createdAt;
  private final String updatedAt;

  public User(String id, String email, String googleId, String selfieFilename, String selfieEmbeddingFilename,
              String embeddingModel, JsonObject workoutDays, String createdAt, String updatedAt) {
    this.id = id;
    this.email = email;
    this.googleId = googleId;
    this.selfieFilename = selfieFilename;
    this.selfieEmbeddingFilename = selfieEmbeddingFilename;
    this.embeddingModel = embeddingModel;
    this.workoutDays = normalizeDays(workoutDays);
    this.createdAt = createdAt;
    this.updatedAt = updatedAt;
  }

  public User(JsonObject json) {
    this(json.getString("id"), json.getString("email"), json.getString("google_id"),
        json.getString("selfie_filename"), json.getString("selfie_embedding_filename"),
        json.getString("embedding_model"), json.getJsonObject("workout_days"),
        json.getString("created_at"), json.getString("updated_at"));
  }

  /** All seven days, false unless set to true. */
  public static JsonObject normalizeDays(JsonObject days) {
    JsonObject normalized = new JsonObject();
    for (String day : DAYS) {
      normalized.put(day, days != null && Boolean.TRUE.equals(days.getValue(day)));
    }
    return normalized;
  }

  public JsonObject toJson() {
    return new JsonObject()
        .put("id", id)
        .put("email", email)
        .put("google_id", googleId)
        .put("selfie_filename", selfieFilename)
        .put("selfie_embedding_filename", selfieEmbeddingFilename)
        .put("embedding_model", embeddingModel)
        .put("workout_days", workoutDays.copy())
        .put("created_at", createdAt)
        .put("updated_at", updatedAt);
  }

  public String id() {
    return id;
  }

  public String email() {
    return email;
  }

  public String googleId() {
    return googleId;
  }

  public String selfieFilename() {
    return selfieFilename;
  }

  public String selfieEmbeddingFilename() {
    return selfieEmbeddingFilename;
  }

  /** Which face model produced the stored embedding, e.g. {@code default/fr_feature}; null if none. */
  public String embeddingModel() {
    return embeddingModel;
  }

  public boolean hasSelfie() {
    return selfieFilename != null && selfieEmbeddingFilename != null;
  }

  public JsonObject workoutDays() {
    return workoutDays.copy();
  }

  /** ISO-8601 with offset. */
  public String createdAt() {
    return createdAt;
  }

  public String updatedAt() {
    return updatedAt;
  }

  @Override
  public String toString() {
    return "User[" + id + "]";
  }
}
