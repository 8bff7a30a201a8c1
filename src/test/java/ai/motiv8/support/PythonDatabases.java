package ai.motiv8.support;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * SQLite databases as the Python service (SQLAlchemy) left them, written with plain sqlite-jdbc:
 * naive UTC timestamps with microseconds, JSON text with spaces, no Flyway history. Three users
 * ({@link #ADA} with a selfie and workout days, {@link #BOB} with nothing, {@link #CAROL}) and,
 * from {@link Version#IMAGES_WITHOUT_MODE} on, three generated images of Ada.
 */
public final class PythonDatabases {

  public static final String ADA = "0b0c4a52-5c1e-4d3e-9a55-0f5b3c1d2e01";
  public static final String BOB = "0b0c4a52-5c1e-4d3e-9a55-0f5b3c1d2e02";
  public static final String CAROL = "0b0c4a52-5c1e-4d3e-9a55-0f5b3c1d2e03";

  public static final String ADA_SELFIE = "20251221_202208_ab12cd34.jpg";
  public static final String ADA_EMBEDDING = "20251221_202208_ab12cd34.npy";

  /** How far the Python service had got when it wrote the database. */
  public enum Version { USERS_ONLY, IMAGES_WITHOUT_MODE, IMAGES_WITH_MODE }

  private PythonDatabases() {
  }

  /** Writes the database to {@code file}, which must not exist yet. */
  public static Path create(Path file, Version version) throws SQLException {
    try (Connection connection = DriverManager.getConnection("jdbc:sqlite:" + file);
         Statement sql = connection.createStatement()) {
      sql.execute("""
          CREATE TABLE users (id VARCHAR PRIMARY KEY, email VARCHAR UNIQUE NOT NULL, google_id VARCHAR UNIQUE,
              selfie_filename VARCHAR, selfie_embedding_filename VARCHAR, workout_days JSON,
              created_at DATETIME, updated_at DATETIME)""");
      sql.execute("INSERT INTO users VALUES ('" + ADA + "', 'ada@example.com', 'google-ada',"
          + " '" + ADA_SELFIE + "', '" + ADA_EMBEDDING + "',"
          + " '{\"monday\": true, \"tuesday\": false, \"wednesday\": true, \"thursday\": false,"
          + " \"friday\": false, \"saturday\": false, \"sunday\": false}',"
          + " '2025-12-21 20:22:08.123456', '2025-12-22 07:00:00.000001')");
      sql.execute("INSERT INTO users VALUES ('" + BOB + "', 'bob@example.com', NULL, NULL, NULL, NULL,"
          + " '2025-12-20 09:15:00', NULL)");
      sql.execute("INSERT INTO users VALUES ('" + CAROL + "', 'carol@example.com', NULL, NULL, NULL,"
          + " '{\"friday\": true}', '2025-11-01 00:00:00.500000', NULL)");
      if (version != Version.USERS_ONLY) {
        boolean withMode = version == Version.IMAGES_WITH_MODE;
        sql.execute("CREATE TABLE generated_images (id VARCHAR NOT NULL, user_id VARCHAR NOT NULL,"
            + " s3_key VARCHAR NOT NULL, generation_date DATE NOT NULL, generated_at_millis BIGINT NOT NULL,"
            + (withMode ? " mode VARCHAR," : "") + " PRIMARY KEY (id), FOREIGN KEY(user_id) REFERENCES users (id))");
        sql.execute("CREATE INDEX ix_generated_images_user_id ON generated_images (user_id)");
        sql.execute("CREATE INDEX ix_generated_images_generation_date ON generated_images (generation_date)");
        String mode = withMode ? ", 'ripped'" : "";
        sql.execute("INSERT INTO generated_images VALUES ('img-1', '" + ADA + "', 'generated_images/ada-1.png',"
            + " '2025-12-21', 1766300000000" + mode + ")");
        sql.execute("INSERT INTO generated_images VALUES ('img-2', '" + ADA + "', 'generated_images/ada-2.png',"
            + " '2025-12-21', 1766349000000" + mode + ")");
        sql.execute("INSERT INTO generated_images VALUES ('img-3', '" + ADA + "', 'generated_images/ada-3.png',"
            + " '2025-12-20', 1766399000000" + mode + ")");
      }
    }
    return file;
  }
}
