package ai.motiv8.persistence;

import ai.motiv8.batch.DailyDelivery;
import ai.motiv8.batch.DeliveryStore;
import ai.motiv8.common.ApiException;
import ai.motiv8.generation.GenerationRequest;
import io.vertx.core.Future;
import io.vertx.serviceproxy.ServiceException;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.templates.SqlTemplate;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static ai.motiv8.persistence.SqlStore.day;
import static ai.motiv8.persistence.SqlStore.params;
import static ai.motiv8.persistence.SqlStore.update;

/**
 * {@link DeliveryStore} over SQL templates ({@link DeliverySql}), one implementation for SQLite and
 * PostgreSQL. A first claim is an {@code INSERT ... ON CONFLICT DO NOTHING}: the unique key
 * (user, day) settles concurrent runs without raising a duplicate-key error (PostgreSQL's 23505)
 * that would abort the transaction; a claim that inserts nothing reads "someone has it" and tries
 * the fenced take-over update instead.
 */
public final class DeliveryRepository extends SqlStore implements DeliveryStore {

  /** Errors are stored for operators to read, not whole stack traces. */
  private static final int MAX_ERROR_LENGTH = 500;

  /** @param writer SQLite's writer, whose turns the writes here take (null for PostgreSQL) */
  DeliveryRepository(Pool pool, SqliteWriter writer) {
    super(pool, pool, writer);
  }

  /**
   * Single statements, no transaction: each is atomic on its own, and SQLite's one write lock is
   * then held for a statement, not across the event-loop hops of a transaction (another process on
   * the same file waits for it meanwhile).
   */
  @Override
  public Future<DailyDelivery> claim(String userId, String date, String token, long nowMillis, long leaseUntilMillis,
                                     int maxAttempts) {
    return served(day(date).compose(day -> {
      Map<String, Object> params = params("userId", userId, "date", day, "token", token, "now", nowMillis,
          "leaseUntil", leaseUntilMillis, "maxAttempts", maxAttempts);
      return servable(userId)
          .compose(ok -> writing(client -> update(client, DeliverySql.CLAIM_NEW, params)
              .compose(inserted -> inserted > 0 ? Future.succeededFuture(inserted)
                  : update(client, DeliverySql.CLAIM_AGAIN, params))))
          .compose(claimed -> find(pool, userId, day));
    }));
  }

  @Override
  public Future<Boolean> markGenerated(String userId, String date, String token, String imageKey, String mode,
                                       Double identityScore, long nowMillis, long leaseUntilMillis) {
    if (imageKey == null) {
      return served(Future.failedFuture(ApiException.badRequest("Image key is required")));
    }
    // The user's row is held first: a deletion that starts meanwhile either lists this image or
    // makes this fail (404, and the batch deletes the image it made).
    return served(day(date).compose(day -> inTransaction(connection -> update(connection, UserSql.LOCK_USER,
            params("id", userId))
        .compose(locked -> locked > 0 ? Future.succeededFuture(locked) : Future.<Integer>failedFuture(userGone()))
        .compose(locked -> update(connection,
        DeliverySql.MARK_GENERATED, params("userId", userId, "date", day, "token", token, "imageKey", imageKey,
            "now", nowMillis, "leaseUntil", leaseUntilMillis))
        .compose(updated -> updated == 0 ? Future.succeededFuture(false)
            : update(connection, UserSql.INSERT_IMAGE, params("id", UUID.randomUUID().toString(), "userId", userId,
                "s3Key", imageKey, "generationDate", day, "generatedAtMillis", nowMillis,
                "mode", mode, "source", GenerationRequest.BATCH, "identityScore", identityScore)).map(true))))));
  }

  @Override
  public Future<Boolean> reopenMailed(String userId, String date, String token, long nowMillis,
                                      long leaseUntilMillis) {
    return fenced(DeliverySql.REOPEN_MAILED, date, params("userId", userId, "token", token, "now", nowMillis,
        "leaseUntil", leaseUntilMillis));
  }

  @Override
  public Future<Boolean> beginMail(String userId, String date, String token, long nowMillis, long leaseUntilMillis) {
    return fenced(DeliverySql.BEGIN_MAIL, date, params("userId", userId, "token", token, "now", nowMillis,
        "leaseUntil", leaseUntilMillis));
  }

  /** Fails with 404 when the user is gone or being deleted, {@link #OPTED_OUT} when unsubscribed: no image, no mail. */
  private Future<Void> servable(String userId) {
    return SqlTemplate.forQuery(pool, DeliverySql.USER_DELETION)
        .execute(params("userId", userId))
        .compose(rows -> {
          Iterator<Row> it = rows.iterator();
          Row row = it.hasNext() ? it.next() : null;
          if (row == null || row.getValue("deletion_requested_at_millis") != null) {
            return Future.<Void>failedFuture(userGone());
          }
          return UserRows.flag(row.getValue("email_opt_out"))
              ? Future.<Void>failedFuture(new ServiceException(OPTED_OUT, "User unsubscribed"))
              : Future.<Void>succeededFuture();
        });
  }

  private static ApiException userGone() {
    return ApiException.notFound("User not found");
  }

  @Override
  public Future<Boolean> markMailed(String userId, String date, String token, long nowMillis) {
    return fenced(DeliverySql.MARK_MAILED, date, params("userId", userId, "token", token, "now", nowMillis));
  }

  @Override
  public Future<Boolean> markFailed(String userId, String date, String token, String error, long nowMillis) {
    return fenced(DeliverySql.MARK_FAILED, date, params("userId", userId, "token", token, "now", nowMillis,
        "error", shorten(error)));
  }

  @Override
  public Future<Boolean> markMailUnknown(String userId, String date, String token, String error, long nowMillis) {
    return fenced(DeliverySql.MARK_MAIL_UNKNOWN, date, params("userId", userId, "token", token, "now", nowMillis,
        "error", shorten(error)));
  }

  @Override
  public Future<List<DailyDelivery>> deliveries(String date) {
    return served(day(date).compose(day -> SqlTemplate.forQuery(pool, DeliverySql.OF_DAY)
        .mapTo(DeliveryRepository::delivery)
        .execute(params("date", day))
        .map(rows -> {
          List<DailyDelivery> all = new ArrayList<>(rows.size());
          rows.forEach(all::add);
          return all;
        })));
  }

  private Future<Boolean> fenced(String sql, String date, Map<String, Object> params) {
    return served(day(date).compose(day -> {
      params.put("date", day);
      return writing(client -> update(client, sql, params)).map(n -> n > 0);
    }));
  }

  private static Future<DailyDelivery> find(SqlClient client, String userId, LocalDate day) {
    return SqlTemplate.forQuery(client, DeliverySql.FIND)
        .mapTo(DeliveryRepository::delivery)
        .execute(params("userId", userId, "date", day))
        .map(rows -> {
          Iterator<DailyDelivery> it = rows.iterator();
          return it.hasNext() ? it.next() : null;
        });
  }

  static DailyDelivery delivery(Row row) {
    return new DailyDelivery(
        row.getString("user_id"),
        row.getString("generation_date"),
        row.getString("state"),
        (int) longValue(row.getValue("attempts")),
        row.getString("claim_token"),
        longValue(row.getValue("lease_until_millis")),
        row.getString("image_key"),
        row.getString("last_error"),
        longValue(row.getValue("updated_at_millis")));
  }

  /** SQLite hands back small integers as Integer, large ones as Long; PostgreSQL as typed. */
  private static long longValue(Object value) {
    return value instanceof Number number ? number.longValue() : Long.parseLong(String.valueOf(value));
  }

  private static String shorten(String error) {
    return error == null || error.length() <= MAX_ERROR_LENGTH ? error : error.substring(0, MAX_ERROR_LENGTH);
  }
}
