package ai.motiv8.batch;

import ai.motiv8.config.AppConfig.DatabaseConfig;
import ai.motiv8.persistence.TestDatabases;
import ai.motiv8.support.TestPostgres;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Map;

/** The current original's PostgreSQL database, as {@code create_all} makes it. */
class PostgresCurrentOriginalDatabaseTest extends CurrentOriginalDatabaseContractTest {

  @Override
  Map<String, String> createOriginalDatabase(Path dir) throws SQLException {
    DatabaseConfig db = TestDatabases.postgres();
    try (Connection connection = DriverManager.getConnection(TestPostgres.jdbcUrl(db));
         Statement sql = connection.createStatement()) {
      sql.execute("""
          CREATE TABLE users (
              id VARCHAR NOT NULL, email VARCHAR NOT NULL, name VARCHAR, google_id VARCHAR, apple_id VARCHAR,
              selfie_filename VARCHAR, selfie_embedding_filename VARCHAR, gender VARCHAR, workout_days JSON,
              anti_motivation_mode BOOLEAN NOT NULL, mode VARCHAR NOT NULL,
              created_at TIMESTAMP WITH TIME ZONE DEFAULT now(), updated_at TIMESTAMP WITH TIME ZONE,
              PRIMARY KEY (id))""");
      sql.execute("CREATE UNIQUE INDEX ix_users_email ON users (email)");
      sql.execute("CREATE UNIQUE INDEX ix_users_google_id ON users (google_id)");
      sql.execute("CREATE UNIQUE INDEX ix_users_apple_id ON users (apple_id)");
      sql.execute("CREATE INDEX ix_users_id ON users (id)");
      sql.execute("""
          CREATE TABLE generated_images (
              id VARCHAR NOT NULL, user_id VARCHAR NOT NULL, s3_key VARCHAR NOT NULL, generation_date DATE NOT NULL,
              generated_at_millis BIGINT NOT NULL, mode VARCHAR,
              PRIMARY KEY (id), FOREIGN KEY(user_id) REFERENCES users (id))""");
      sql.execute("CREATE INDEX ix_generated_images_id ON generated_images (id)");
      sql.execute("CREATE INDEX ix_generated_images_user_id ON generated_images (user_id)");
      sql.execute("CREATE INDEX ix_generated_images_generation_date ON generated_images (generation_date)");
      insertOriginalRows(sql, "true", "false");
    }
    return BatchFixture.postgres(db);
  }
}
