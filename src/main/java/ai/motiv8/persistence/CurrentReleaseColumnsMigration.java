package ai.motiv8.persistence;

import java.sql.SQLException;
import java.sql.Statement;

/**
 * SQLite version 5: the columns of the original's current release ({@code users.name},
 * {@code apple_id}, {@code gender}, {@code anti_motivation_mode}, {@code mode}) where the database
 * lacks them, and {@code generated_images.source} / {@code identity_score}. A database made by the
 * current original already has the first five (NOT NULL without defaults: our inserts always write
 * them). PostgreSQL's version 5 is plain SQL and does the same.
 *
 * <p>{@code generated_images.mode} held {@code batch}/{@code on_demand} in our earlier versions; it
 * now holds the user's mode, as the original's does, and how the image was made moves to
 * {@code source}.
 */
final class CurrentReleaseColumnsMigration extends SqliteJavaMigration {

  /** The original's rule for a user without a mode, in SQL. */
  private static final String MODE_BY_RULE = "CASE WHEN anti_motivation_mode THEN 'shame'"
      + " WHEN gender IN ('female', 'F') THEN 'toned' ELSE 'ripped' END";

  private static final String MOVE_SOURCE =
      "UPDATE generated_images SET source = mode WHERE mode IN ('batch', 'on_demand') AND source IS NULL";

  private static final String MODE_OF_USER = "UPDATE generated_images"
      + " SET mode = (SELECT users.mode FROM users WHERE users.id = generated_images.user_id)"
      + " WHERE mode IN ('batch', 'on_demand')";

  CurrentReleaseColumnsMigration() {
    super(5, "current release columns");
  }

  @Override
  void migrate(Statement statement) throws SQLException {
    SqliteColumns.addIfAbsent(statement, "users", "name", "VARCHAR");
    SqliteColumns.addIfAbsent(statement, "users", "apple_id", "VARCHAR");
    statement.execute("CREATE UNIQUE INDEX IF NOT EXISTS ix_users_apple_id ON users (apple_id)");
    SqliteColumns.addIfAbsent(statement, "users", "gender", "VARCHAR");
    SqliteColumns.addIfAbsent(statement, "users", "anti_motivation_mode", "BOOLEAN NOT NULL DEFAULT 0");
    boolean modeAdded = SqliteColumns.addIfAbsent(statement, "users", "mode", "VARCHAR NOT NULL DEFAULT 'ripped'");
    statement.execute("UPDATE users SET mode = " + MODE_BY_RULE
        + (modeAdded ? "" : " WHERE mode IS NULL OR mode = ''"));

    SqliteColumns.addIfAbsent(statement, "generated_images", "source", "VARCHAR");
    SqliteColumns.addIfAbsent(statement, "generated_images", "identity_score", "REAL");
    statement.execute(MOVE_SOURCE);
    statement.execute(MODE_OF_USER);
  }
}
