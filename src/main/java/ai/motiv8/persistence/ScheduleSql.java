package ai.motiv8.persistence;

/**
 * Statements of the scheduler's column pair {@code users.next_send_at_millis} /
 * {@code next_send_date} (V11), portable as in {@link UserSql}.
 */
final class ScheduleSql {

  private static final String USER_COLUMNS = UserSql.USER_COLUMNS;

  /**
   * The one query of a scheduler tick: users due in the window, by the index on
   * {@code next_send_at_millis}, earliest first.
   */
  static final String DUE = USER_COLUMNS + """
       WHERE next_send_at_millis >= #{from} AND next_send_at_millis <= #{to}
        AND deletion_requested_at_millis IS NULL
      ORDER BY next_send_at_millis, id
      LIMIT #{limit}
      """;

  static final String SET_NEXT = """
      UPDATE users SET next_send_at_millis = #{at}, next_send_date = #{date} WHERE id = #{id}
      """;

  /** Moves on only from the day just served: a change of preferences meanwhile has set its own. */
  static final String SET_NEXT_IF_DATE = """
      UPDATE users SET next_send_at_millis = #{at}, next_send_date = #{date}
      WHERE id = #{id} AND next_send_date = #{servedDate}
      """;

  static final String POSTPONE = """
      UPDATE users SET next_send_at_millis = #{at} WHERE id = #{id} AND next_send_date = #{date}
      """;

  /**
   * Who the start-up sweep looks at: users who could be due but have no next send (rows from
   * before V11), next sends older than the catch-up window (the service was down), and future
   * sends of users on the batch's defaults (the defaults may have changed).
   */
  static final String TO_RESCHEDULE = USER_COLUMNS + """
       WHERE deletion_requested_at_millis IS NULL
        AND ((next_send_at_millis IS NULL AND selfie_filename IS NOT NULL)
          OR next_send_at_millis < #{staleBefore}
          OR (next_send_at_millis > #{now} AND (time_zone IS NULL OR send_time IS NULL)))
      ORDER BY id
      """;

  static final String SET_OPT_OUT = """
      UPDATE users SET email_opt_out = #{optOut}, updated_at = CURRENT_TIMESTAMP WHERE id = #{id}
      """ + UserSql.RETURNING_USER;

  /** A preference left out (null) keeps its value. */
  static final String SET_PREFERENCES = """
      UPDATE users SET time_zone = COALESCE(#{timeZone}, time_zone), send_time = COALESCE(#{sendTime}, send_time),
          updated_at = CURRENT_TIMESTAMP
      WHERE id = #{id}
      """ + UserSql.RETURNING_USER;

  private ScheduleSql() {
  }
}
