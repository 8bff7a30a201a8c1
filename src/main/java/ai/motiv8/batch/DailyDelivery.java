package ai.motiv8.batch;

import io.vertx.codegen.annotations.DataObject;
import io.vertx.core.json.JsonObject;

/**
 * One {@code daily_deliveries} row: the daily batch's claim on one user's image and mail for one
 * logical day ({@code YYYY-MM-DD}), unique per user and day.
 *
 * <p>States, in order: {@value #CLAIMED} (a run holds it, no image yet), {@value #GENERATED} (the
 * image is stored and recorded in {@code generated_images}: {@code imageKey}), {@value #MAILING}
 * (the mail is being handed to the mail service), {@value #MAILED} (done). {@value #FAILED}: the
 * last attempt failed before the mail left; a later run retries it while {@code attempts} is below
 * {@code batch.maxAttempts}, from the mail step when an image exists. A row left in
 * {@value #MAILING} after its lease expired is a mail whose outcome is unknown: it is never sent
 * again automatically (at most one mail per user and day).
 *
 * <p>{@code claimToken} names the run that holds the row; every change after the claim is made
 * only where the token still matches, so a run whose lease expired cannot overwrite its successor.
 * Times are epoch milliseconds of the claiming JVM's clock.
 */
@DataObject
public final class DailyDelivery {

  public static final String CLAIMED = "claimed";
  public static final String GENERATED = "generated";
  public static final String MAILING = "mailing";
  public static final String MAILED = "mailed";
  public static final String FAILED = "failed";

  private final String userId;
  private final String date;
  private final String state;
  private final int attempts;
  private final String claimToken;
  private final long leaseUntilMillis;
  private final String imageKey;
  private final String lastError;
  private final long updatedAtMillis;

  public DailyDelivery(String userId, String date, String state, int attempts, String claimToken,
                       long leaseUntilMillis, String imageKey, String lastError, long updatedAtMillis) {
    this.userId = userId;
    this.date = date;
    this.state = state;
    this.attempts = attempts;
    this.claimToken = claimToken;
    this.leaseUntilMillis = leaseUntilMillis;
    this.imageKey = imageKey;
    this.lastError = lastError;
    this.updatedAtMillis = updatedAtMillis;
  }

  public DailyDelivery(JsonObject json) {
    this(json.getString("user_id"), json.getString("generation_date"), json.getString("state"),
        json.getInteger("attempts", 0), json.getString("claim_token"), json.getLong("lease_until_millis", 0L),
        json.getString("image_key"), json.getString("last_error"), json.getLong("updated_at_millis", 0L));
  }

  public JsonObject toJson() {
    return new JsonObject()
        .put("user_id", userId)
        .put("generation_date", date)
        .put("state", state)
        .put("attempts", attempts)
        .put("claim_token", claimToken)
        .put("lease_until_millis", leaseUntilMillis)
        .put("image_key", imageKey)
        .put("last_error", lastError)
        .put("updated_at_millis", updatedAtMillis);
  }

  public String userId() {
    return userId;
  }

  /** {@code YYYY-MM-DD}. */
  public String date() {
    return date;
  }

  public String state() {
    return state;
  }

  /** How many times a run has claimed this row (the first claim counts 1). */
  public int attempts() {
    return attempts;
  }

  public String claimToken() {
    return claimToken;
  }

  public long leaseUntilMillis() {
    return leaseUntilMillis;
  }

  /** {@code generated/<name>} once generated, else null. */
  public String imageKey() {
    return imageKey;
  }

  public String lastError() {
    return lastError;
  }

  public long updatedAtMillis() {
    return updatedAtMillis;
  }

  public boolean isMailed() {
    return MAILED.equals(state);
  }

  public boolean heldBy(String token) {
    return token != null && token.equals(claimToken);
  }

  public boolean leaseExpired(long nowMillis) {
    return leaseUntilMillis < nowMillis;
  }

  @Override
  public String toString() {
    return "DailyDelivery" + toJson().encode();
  }
}
