package ai.motiv8.persistence;

/**
 * Statements of the {@link DeliveryRepository}, portable as in {@link UserSql}: {@code #{name}}
 * parameters, dates as {@code LocalDate}, times as epoch milliseconds set by the caller (SQLite
 * and PostgreSQL agree on no date arithmetic). Every change after a claim is fenced by the claim
 * token and the expected state, so a run that lost its claim changes nothing.
 */
final class DeliverySql {

  private static final String DELIVERY_COLUMNS = """
      SELECT user_id, CAST(generation_date AS TEXT) AS generation_date, state, attempts, claim_token,
             lease_until_millis, image_key, last_error, updated_at_millis
      FROM daily_deliveries
      """;

  static final String FIND = DELIVERY_COLUMNS + " WHERE user_id = #{userId} AND generation_date = #{date}";
  static final String OF_DAY = DELIVERY_COLUMNS + " WHERE generation_date = #{date} ORDER BY user_id";

  /** The first claim of the day; does nothing when the row exists (another run's, or an earlier one's). */
  static final String CLAIM_NEW = """
      INSERT INTO daily_deliveries (user_id, generation_date, state, attempts, claim_token, lease_until_millis,
                                    created_at_millis, updated_at_millis)
      VALUES (#{userId}, #{date}, 'claimed', 1, #{token}, #{leaseUntil}, #{now}, #{now})
      ON CONFLICT DO NOTHING
      """;

  /**
   * Takes over a row whose run failed, or died (lease expired), while attempts are left; resumes at
   * the mail step when the image exists. A row in 'mailing' is never taken over: its mail may have
   * left.
   */
  static final String CLAIM_AGAIN = """
      UPDATE daily_deliveries
      SET claim_token = #{token}, lease_until_millis = #{leaseUntil}, attempts = attempts + 1,
          state = CASE WHEN image_key IS NULL THEN 'claimed' ELSE 'generated' END, updated_at_millis = #{now}
      WHERE user_id = #{userId} AND generation_date = #{date} AND attempts < #{maxAttempts}
        AND (state = 'failed' OR (state IN ('claimed', 'generated') AND lease_until_millis < #{now}))
      """;

  /**
   * {@code batch run --resend}: a mailed row starts again as a first claim of this run (attempt 1,
   * no image), counting the resend. Only a mailed row: one in progress or failed is claimed as usual.
   */
  static final String REOPEN_MAILED = """
      UPDATE daily_deliveries
      SET state = 'claimed', claim_token = #{token}, lease_until_millis = #{leaseUntil}, attempts = 1,
          image_key = NULL, last_error = NULL, resends = resends + 1, updated_at_millis = #{now}
      WHERE user_id = #{userId} AND generation_date = #{date} AND state = 'mailed'
      """;

  static final String MARK_GENERATED = """
      UPDATE daily_deliveries
      SET state = 'generated', image_key = #{imageKey}, lease_until_millis = #{leaseUntil}, last_error = NULL,
          updated_at_millis = #{now}
      WHERE user_id = #{userId} AND generation_date = #{date} AND claim_token = #{token} AND state = 'claimed'
      """;

  static final String USER_DELETION =
      "SELECT deletion_requested_at_millis, email_opt_out FROM users WHERE id = #{userId}";

  /** Never for a user being deleted: the row is then left as it is, and the deletion removes it. */
  static final String BEGIN_MAIL = """
      UPDATE daily_deliveries
      SET state = 'mailing', lease_until_millis = #{leaseUntil}, updated_at_millis = #{now}
      WHERE user_id = #{userId} AND generation_date = #{date} AND claim_token = #{token} AND state = 'generated'
        AND EXISTS (SELECT 1 FROM users
                    WHERE users.id = daily_deliveries.user_id AND users.deletion_requested_at_millis IS NULL)
      """;

  static final String MARK_MAILED = """
      UPDATE daily_deliveries
      SET state = 'mailed', last_error = NULL, updated_at_millis = #{now}
      WHERE user_id = #{userId} AND generation_date = #{date} AND claim_token = #{token} AND state = 'mailing'
      """;

  static final String MARK_FAILED = """
      UPDATE daily_deliveries
      SET state = 'failed', last_error = #{error}, updated_at_millis = #{now}
      WHERE user_id = #{userId} AND generation_date = #{date} AND claim_token = #{token}
        AND state IN ('claimed', 'generated', 'mailing')
      """;

  static final String MARK_MAIL_UNKNOWN = """
      UPDATE daily_deliveries
      SET last_error = #{error}, updated_at_millis = #{now}
      WHERE user_id = #{userId} AND generation_date = #{date} AND claim_token = #{token} AND state = 'mailing'
      """;

  private DeliverySql() {
  }
}
