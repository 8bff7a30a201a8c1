package ai.motiv8.users;

import io.vertx.codegen.annotations.DataObject;
import io.vertx.core.json.JsonObject;

import java.time.DayOfWeek;
import java.util.List;

/**
 * A person using motiv8, as stored in the {@code users} table. Selfie and embedding are stored
 * names (not keys): the selfie lives at {@code uploads/<selfieFilename>}, the embedding at
 * {@code embeddings/<selfieEmbeddingFilename>}. Built with {@link #builder()}; its JSON form uses
 * the column names.
 */
@DataObject
public final class User {

  /** The seven day keys of {@code workout_days}, in calendar order. */
  public static final List<String> DAYS =
      List.of("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday");

  private final String id;
  private final String email;
  private final String name;
  private final String googleId;
  private final String appleId;
  private final String selfieFilename;
  private final String selfieEmbeddingFilename;
  private final String embeddingModel;
  private final String gender;
  private final boolean antiMotivationMode;
  private final String storedMode;
  private final boolean emailOptOut;
  private final String timeZone;
  private final String sendTime;
  private final Long deletionRequestedAtMillis;
  private final Long nextSendAtMillis;
  private final String nextSendDate;
  private final JsonObject workoutDays;
  private final String createdAt;
  private final String updatedAt;

  private User(Builder builder) {
    this.id = builder.id;
    this.email = builder.email;
    this.name = builder.name;
    this.googleId = builder.googleId;
    this.appleId = builder.appleId;
    this.selfieFilename = builder.selfieFilename;
    this.selfieEmbeddingFilename = builder.selfieEmbeddingFilename;
    this.embeddingModel = builder.embeddingModel;
    this.gender = Gender.normalize(builder.gender);
    this.antiMotivationMode = builder.antiMotivationMode;
    this.storedMode = Mode.lookup(builder.mode).map(Mode::wireName).orElse(null);
    this.emailOptOut = builder.emailOptOut;
    this.timeZone = builder.timeZone;
    this.sendTime = builder.sendTime;
    this.deletionRequestedAtMillis = builder.deletionRequestedAtMillis;
    this.nextSendAtMillis = builder.nextSendAtMillis;
    this.nextSendDate = builder.nextSendDate;
    this.workoutDays = WorkoutDays.shared(builder.workoutDays);
    this.createdAt = builder.createdAt;
    this.updatedAt = builder.updatedAt;
  }

  private User(User user, Long nextSendAtMillis, String nextSendDate) {
    this.id = user.id;
    this.email = user.email;
    this.name = user.name;
    this.googleId = user.googleId;
    this.appleId = user.appleId;
    this.selfieFilename = user.selfieFilename;
    this.selfieEmbeddingFilename = user.selfieEmbeddingFilename;
    this.embeddingModel = user.embeddingModel;
    this.gender = user.gender;
    this.antiMotivationMode = user.antiMotivationMode;
    this.storedMode = user.storedMode;
    this.emailOptOut = user.emailOptOut;
    this.timeZone = user.timeZone;
    this.sendTime = user.sendTime;
    this.deletionRequestedAtMillis = user.deletionRequestedAtMillis;
    this.nextSendAtMillis = nextSendAtMillis;
    this.nextSendDate = nextSendDate;
    this.workoutDays = user.workoutDays;
    this.createdAt = user.createdAt;
    this.updatedAt = user.updatedAt;
  }

  public User(JsonObject json) {
    this(builder()
        .id(json.getString("id"))
        .email(json.getString("email"))
        .name(json.getString("name"))
        .googleId(json.getString("google_id"))
        .appleId(json.getString("apple_id"))
        .selfieFilename(json.getString("selfie_filename"))
        .selfieEmbeddingFilename(json.getString("selfie_embedding_filename"))
        .embeddingModel(json.getString("embedding_model"))
        .gender(json.getString("gender"))
        .antiMotivationMode(json.getBoolean("anti_motivation_mode", false))
        .mode(json.getString("mode"))
        .emailOptOut(json.getBoolean("email_opt_out", false))
        .timeZone(json.getString("time_zone"))
        .sendTime(json.getString("send_time"))
        .deletionRequestedAtMillis(json.getLong("deletion_requested_at_millis"))
        .nextSendAtMillis(json.getLong("next_send_at_millis"))
        .nextSendDate(json.getString("next_send_date"))
        .workoutDays(json.getJsonObject("workout_days"))
        .createdAt(json.getString("created_at"))
        .updatedAt(json.getString("updated_at")));
  }

  public static Builder builder() {
    return new Builder();
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
        .put("name", name)
        .put("google_id", googleId)
        .put("apple_id", appleId)
        .put("selfie_filename", selfieFilename)
        .put("selfie_embedding_filename", selfieEmbeddingFilename)
        .put("embedding_model", embeddingModel)
        .put("gender", gender)
        .put("anti_motivation_mode", antiMotivationMode)
        .put("mode", storedMode)
        .put("email_opt_out", emailOptOut)
        .put("time_zone", timeZone)
        .put("send_time", sendTime)
        .put("deletion_requested_at_millis", deletionRequestedAtMillis)
        .put("next_send_at_millis", nextSendAtMillis)
        .put("next_send_date", nextSendDate)
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

  /** The name the sign-in provider gave (Google, Apple's first sign-in); null if none. */
  public String name() {
    return name;
  }

  public String googleId() {
    return googleId;
  }

  /** Apple's stable subject for this person; null unless they signed in with Apple. */
  public String appleId() {
    return appleId;
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

  /** {@code male}, {@code female} (see {@link Gender}), or null when not known yet. */
  public String gender() {
    return gender;
  }

  /** The original's legacy switch; {@code true} means shame mode unless a mode was chosen. */
  public boolean antiMotivationMode() {
    return antiMotivationMode;
  }

  /** The mode to use: the stored one, else {@link Mode#defaultFor the original's default}. */
  public Mode mode() {
    return Mode.lookup(storedMode).orElseGet(() -> Mode.defaultFor(antiMotivationMode, gender));
  }

  /** The stored {@code users.mode}, or null when the row has none. */
  public String storedMode() {
    return storedMode;
  }

  /** Whether the person unsubscribed from the motivation mails. */
  public boolean emailOptOut() {
    return emailOptOut;
  }

  /** IANA zone id chosen by the person; null means the batch's zone. */
  public String timeZone() {
    return timeZone;
  }

  /** Local send time {@code HH:mm} chosen by the person; null means the batch's time. */
  public String sendTime() {
    return sendTime;
  }

  /** When the deletion of this account was requested (epoch ms); null unless it is being deleted. */
  public Long deletionRequestedAtMillis() {
    return deletionRequestedAtMillis;
  }

  /** When the scheduler sends the next daily image (epoch ms); null when none is due ({@link SendSchedule}). */
  public Long nextSendAtMillis() {
    return nextSendAtMillis;
  }

  /** The local date ({@code YYYY-MM-DD}) of the next daily image; null when none is due. */
  public String nextSendDate() {
    return nextSendDate;
  }

  /** An account being deleted can no longer sign in or be mailed. */
  public boolean isBeingDeleted() {
    return deletionRequestedAtMillis != null;
  }

  /** Selfie and embedding both stored. */
  public boolean hasSelfie() {
    return selfieFilename != null && selfieEmbeddingFilename != null;
  }

  /** Whether {@code day} is ticked, without copying the days as {@link #workoutDays()} does. */
  public boolean worksOutOn(DayOfWeek day) {
    return workoutDays.getBoolean(DAYS.get(day.getValue() - 1), false);
  }

  /** The same user with another next send (null, null for none). */
  public User withNextSend(Long atMillis, String date) {
    return new User(this, atMillis, date);
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

  /** Values of a {@link User}; unset ones are null (false for the flags). */
  public static final class Builder {
    private String id;
    private String email;
    private String name;
    private String googleId;
    private String appleId;
    private String selfieFilename;
    private String selfieEmbeddingFilename;
    private String embeddingModel;
    private String gender;
    private boolean antiMotivationMode;
    private String mode;
    private boolean emailOptOut;
    private String timeZone;
    private String sendTime;
    private Long deletionRequestedAtMillis;
    private Long nextSendAtMillis;
    private String nextSendDate;
    private JsonObject workoutDays;
    private String createdAt;
    private String updatedAt;

    private Builder() {
    }

    public Builder id(String value) {
      id = value;
      return this;
    }

    public Builder email(String value) {
      email = value;
      return this;
    }

    public Builder name(String value) {
      name = value;
      return this;
    }

    public Builder googleId(String value) {
      googleId = value;
      return this;
    }

    public Builder appleId(String value) {
      appleId = value;
      return this;
    }

    public Builder selfieFilename(String value) {
      selfieFilename = value;
      return this;
    }

    public Builder selfieEmbeddingFilename(String value) {
      selfieEmbeddingFilename = value;
      return this;
    }

    public Builder embeddingModel(String value) {
      embeddingModel = value;
      return this;
    }

    public Builder gender(String value) {
      gender = value;
      return this;
    }

    public Builder antiMotivationMode(boolean value) {
      antiMotivationMode = value;
      return this;
    }

    /** The stored mode's wire name; anything unknown reads as no mode. */
    public Builder mode(String value) {
      mode = value;
      return this;
    }

    public Builder emailOptOut(boolean value) {
      emailOptOut = value;
      return this;
    }

    public Builder timeZone(String value) {
      timeZone = value;
      return this;
    }

    public Builder sendTime(String value) {
      sendTime = value;
      return this;
    }

    public Builder deletionRequestedAtMillis(Long value) {
      deletionRequestedAtMillis = value;
      return this;
    }

    public Builder nextSendAtMillis(Long value) {
      nextSendAtMillis = value;
      return this;
    }

    public Builder nextSendDate(String value) {
      nextSendDate = value;
      return this;
    }

    public Builder workoutDays(JsonObject value) {
      workoutDays = value;
      return this;
    }

    public Builder createdAt(String value) {
      createdAt = value;
      return this;
    }

    public Builder updatedAt(String value) {
      updatedAt = value;
      return this;
    }

    public User build() {
      return new User(this);
    }
  }
}
