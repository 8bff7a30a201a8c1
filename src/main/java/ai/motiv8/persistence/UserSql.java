package ai.motiv8.persistence;

/**
 * Every statement of the user store, as {@code SqlTemplate} text that runs unchanged on SQLite and
 * PostgreSQL. Portability rules: {@code #{name}} parameters; JSON passed as a {@code JsonObject}
 * and dates as {@code LocalDate} (pg-client types them, SQLite stores their text); timestamps set
 * by the database with {@code CURRENT_TIMESTAMP} and read back with {@code CAST(... AS TEXT)}:
 * sqlite-jdbc decodes a DATETIME column itself and reads the Python service's
 * {@code 20:22:08.123456} as 123456 milliseconds, two minutes late.
 */
final class UserSql {

  /** A user's columns as {@code UserRows.user} reads them, selected or returned by a change. */
  private static final String USER_FIELDS = """
      id, email, name, google_id, apple_id, selfie_filename, selfie_embedding_filename, embedding_model,
             gender, anti_motivation_mode, mode, email_opt_out, time_zone, send_time, deletion_requested_at_millis,
             next_send_at_millis, next_send_date, workout_days, CAST(created_at AS TEXT) AS created_at, CAST(updated_at AS TEXT) AS updated_at
      """;

  static final String USER_COLUMNS = "SELECT " + USER_FIELDS + "FROM users\n";

  /** Ends an UPDATE of one user: the row as it is after it (SQLite 3.35+ and PostgreSQL). */
  static final String RETURNING_USER = " RETURNING " + USER_FIELDS;

  static final String FIND_BY_ID = USER_COLUMNS + " WHERE id = #{id}";
  static final String FIND_BY_EMAIL = USER_COLUMNS + " WHERE email = #{email}";
  static final String FIND_BY_GOOGLE_ID = USER_COLUMNS + " WHERE google_id = #{googleId}";
  static final String FIND_BY_APPLE_ID = USER_COLUMNS + " WHERE apple_id = #{appleId}";
  /**
   * Users being deleted are left out: they get no more images or mails. The embedding is not
   * required: rows of the original may have a selfie whose face was never found.
   */
  static final String USERS_WITH_SELFIE = USER_COLUMNS
      + " WHERE selfie_filename IS NOT NULL AND deletion_requested_at_millis IS NULL ORDER BY created_at, id";

  /**
   * Does nothing when the e-mail or Google id is taken: that is how concurrent first logins converge.
   * Mode and the flags are always written: a database made by the original's {@code create_all} has
   * them NOT NULL without a default.
   */
  static final String INSERT_USER_IF_ABSENT = """
      INSERT INTO users (id, email, google_id, apple_id, name, workout_days, anti_motivation_mode, mode,
                         email_opt_out, created_at, updated_at)
      VALUES (#{id}, #{email}, #{googleId}, #{appleId}, #{name}, #{workoutDays}, #{antiMotivationMode}, #{mode},
              #{emailOptOut}, CURRENT_TIMESTAMP, CURRENT_TIMESTAMP)
      ON CONFLICT DO NOTHING
      """;

  static final String LINK_GOOGLE_ID = """
      UPDATE users SET google_id = #{googleId}, updated_at = CURRENT_TIMESTAMP
      WHERE email = #{email} AND google_id IS NULL
      """;

  static final String LINK_APPLE_ID = """
      UPDATE users SET apple_id = #{appleId}, updated_at = CURRENT_TIMESTAMP
      WHERE email = #{email} AND apple_id IS NULL
      """;

  /** Apple sends the name once, on the first sign-in: it fills a missing name, never replaces one. */
  static final String SET_NAME_IF_NONE = """
      UPDATE users SET name = #{name}, updated_at = CURRENT_TIMESTAMP
      WHERE id = #{id} AND (name IS NULL OR name = '')
      """;

  static final String CLEAR_APPLE_ID =
      "UPDATE users SET apple_id = NULL, updated_at = CURRENT_TIMESTAMP WHERE apple_id = #{appleId}";

  static final String DELETE_EXPIRED_SIGN_IN_STATES = "DELETE FROM sign_in_states WHERE expires_at_millis < #{now}";
  /** Inserts nothing when the state was used before: that is how a replayed sign-in is told apart. */
  static final String INSERT_SIGN_IN_STATE = """
      INSERT INTO sign_in_states (id, expires_at_millis) VALUES (#{id}, #{expiresAt})
      ON CONFLICT DO NOTHING
      """;

  /** The first mark wins: a retried deletion keeps the time it was first asked for. */
  static final String MARK_DELETING = """
      UPDATE users SET deletion_requested_at_millis = #{now}, updated_at = CURRENT_TIMESTAMP
      WHERE id = #{id} AND deletion_requested_at_millis IS NULL
      """;

  static final String USERS_BEING_DELETED =
      "SELECT id FROM users WHERE deletion_requested_at_millis IS NOT NULL ORDER BY deletion_requested_at_millis, id";

  /** Storage keys of a user's generated images: recorded ones and those a batch run stored for a day. */
  static final String IMAGE_KEYS_OF_USER = """
      SELECT s3_key AS object_key FROM generated_images WHERE user_id = #{id}
      UNION
      SELECT image_key AS object_key FROM daily_deliveries WHERE user_id = #{id} AND image_key IS NOT NULL
      """;

  static final String DELETE_DELIVERIES_OF_USER = "DELETE FROM daily_deliveries WHERE user_id = #{id}";
  /** Only a user marked for deletion is purged. */
  static final String DELETE_USER_BEING_DELETED =
      "DELETE FROM users WHERE id = #{id} AND deletion_requested_at_millis IS NOT NULL";

  static final String IMAGES_OF_USER = """
      SELECT id, user_id, s3_key, CAST(generation_date AS TEXT) AS generation_date, generated_at_millis, mode,
             source, identity_score
      FROM generated_images
      WHERE user_id = #{id}
      ORDER BY generated_at_millis, id
      """;

  static final String UPDATE_MODE =
      "UPDATE users SET mode = #{mode}, updated_at = CURRENT_TIMESTAMP WHERE id = #{id}" + RETURNING_USER;

  static final String UPDATE_ANTI_MOTIVATION_MODE = """
      UPDATE users SET anti_motivation_mode = #{antiMotivationMode}, updated_at = CURRENT_TIMESTAMP WHERE id = #{id}
      """ + RETURNING_USER;

  /** The face found in the current selfie; changes nothing when the selfie was replaced meanwhile. */
  static final String SET_FACE = """
      UPDATE users
      SET selfie_embedding_filename = #{embeddingFilename}, embedding_model = #{embeddingModel}, gender = #{gender},
          updated_at = CURRENT_TIMESTAMP
      WHERE id = #{id} AND selfie_filename = #{selfieFilename}
      """;

  static final String UPDATE_WORKOUT_DAYS =
      "UPDATE users SET workout_days = #{workoutDays}, updated_at = CURRENT_TIMESTAMP WHERE id = #{id}" + RETURNING_USER;

  /**
   * A portable {@code SELECT ... FOR UPDATE} (SQLite has none): the first write of a transaction
   * holds the row (PostgreSQL) or the database (SQLite) until commit, and later reads in it see the
   * latest committed row. A user being deleted is not held: what the caller meant to add would
   * outlive the deletion.
   */
  static final String LOCK_USER =
      "UPDATE users SET updated_at = CURRENT_TIMESTAMP WHERE id = #{id} AND deletion_requested_at_millis IS NULL";

  static final String SET_SELFIE = """
      UPDATE users
      SET selfie_filename = #{selfieFilename}, selfie_embedding_filename = #{embeddingFilename},
          embedding_model = #{embeddingModel}, gender = NULL, updated_at = CURRENT_TIMESTAMP
      WHERE id = #{id}
      """;

  static final String DELETE_IMAGES_OF_USER = "DELETE FROM generated_images WHERE user_id = #{id}";
  static final String DELETE_USER = "DELETE FROM users WHERE id = #{id}";

  static final String INSERT_IMAGE = """
      INSERT INTO generated_images (id, user_id, s3_key, generation_date, generated_at_millis, mode, source,
                                    identity_score)
      VALUES (#{id}, #{userId}, #{s3Key}, #{generationDate}, #{generatedAtMillis}, #{mode}, #{source},
              #{identityScore})
      """;

  static final String LATEST_IMAGE = """
      SELECT id, user_id, s3_key, CAST(generation_date AS TEXT) AS generation_date, generated_at_millis, mode,
             source, identity_score
      FROM generated_images
      WHERE user_id = #{userId} AND generation_date = #{generationDate}
      ORDER BY generated_at_millis DESC, id DESC
      LIMIT 1
      """;

  static final String PING = "SELECT 1";

  private UserSql() {
  }
}
