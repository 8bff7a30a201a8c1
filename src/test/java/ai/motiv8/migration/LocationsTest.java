package ai.motiv8.migration;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.nio.file.Path;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

@Timeout(10)
@DisplayName("Databases and storages named on the command line")
class LocationsTest {

  @Test
  @DisplayName("a file path or sqlite: path is an SQLite database opened as the service opens it")
  void sqlitePaths() {
    DatabaseLocation plain = DatabaseLocation.parse("./motiv8.db", Map.of(), null);
    assertThat(plain.dialect()).isEqualTo(Dialect.SQLITE);
    assertThat(plain.jdbcUrl()).isEqualTo("jdbc:sqlite:./motiv8.db?" + DatabaseLocation.SQLITE_PARAMETERS);
    assertThat(plain.sqliteFile()).isEqualTo(Path.of("./motiv8.db"));
    assertThat(DatabaseLocation.parse("sqlite:/srv/motiv8.db", Map.of(), null).sqliteFile()).isEqualTo(Path.of("/srv/motiv8.db"));
  }

  @Test
  @DisplayName("a JDBC URL or postgresql:// URI is PostgreSQL, and the password never shows in descriptions")
  void postgresUrls() {
    DatabaseLocation jdbc = DatabaseLocation.parse("jdbc:postgresql://db:5432/motiv8?user=app&password=s3cret", Map.of(), null);
    assertThat(jdbc.dialect()).isEqualTo(Dialect.POSTGRESQL);
    assertThat(jdbc.user()).isEqualTo("app");
    assertThat(jdbc.password()).isEqualTo("s3cret");
    assertThat(jdbc.toString()).doesNotContain("s3cret").contains("password=***");

    DatabaseLocation uri = DatabaseLocation.parse("postgresql://app:p%40ss@db.internal:6543/prod", Map.of(), null);
    assertThat(uri.jdbcUrl()).isEqualTo("jdbc:postgresql://db.internal:6543/prod");
    assertThat(uri.user()).isEqualTo("app");
    assertThat(uri.password()).isEqualTo("p@ss");
    assertThat(uri.toString()).isEqualTo("postgresql://app@db.internal:6543/prod");
  }

  @Test
  @DisplayName("env is the database the service would use: PostgreSQL from DB_*, else SQLITE_PATH")
  void environment() {
    DatabaseLocation postgres = DatabaseLocation.parse("env", Map.of("DB_HOST", "rds.example", "DB_USERNAME", "app",
        "DB_PASSWORD", "pw", "DB_NAME", "motiv8"), null);
    assertThat(postgres.jdbcUrl()).isEqualTo("jdbc:postgresql://rds.example:5432/motiv8");
    assertThat(postgres.password()).isEqualTo("pw");
    assertThat(DatabaseLocation.parse("env", Map.of("SQLITE_PATH", "/data/motiv8.db"), null).sqliteFile())
        .isEqualTo(Path.of("/data/motiv8.db"));

    StorageLocation s3 = StorageLocation.parse("env", Map.of("S3_BUCKET", "prod", "S3_ENDPOINT", "http://minio:9000"), null);
    assertThat(s3.bucket()).isEqualTo("prod");
    assertThat(s3.fallback().s3Endpoint()).isEqualTo("http://minio:9000");
    assertThat(StorageLocation.parse("env", Map.of("DATA_DIR", "/srv/data"), null).dataDir()).isEqualTo(Path.of("/srv/data"));
  }

  @Test
  @DisplayName("storages are local:<dir> or s3://bucket with an optional prefix")
  void storages() {
    assertThat(StorageLocation.parse("local:/srv/motiv8", Map.of(), null).dataDir()).isEqualTo(Path.of("/srv/motiv8"));
    StorageLocation prefixed = StorageLocation.parse("s3://backups/motiv8/2025-12-22/", Map.of(), null);
    assertThat(prefixed.bucket()).isEqualTo("backups");
    assertThat(prefixed.keyPrefix()).isEqualTo("motiv8/2025-12-22");
    assertThat(prefixed.toString()).isEqualTo("s3://backups/motiv8/2025-12-22");
    assertThat(StorageLocation.parse("s3://prod", Map.of(), null).keyPrefix()).isEmpty();
  }

  @Test
  @DisplayName("anything else is refused with a message that says what is accepted")
  void refused() {
    assertThatThrownBy(() -> StorageLocation.parse("/srv/motiv8", Map.of(), null))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("local:<dir>");
    assertThatThrownBy(() -> StorageLocation.parse("s3://", Map.of(), null)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> DatabaseLocation.parse("jdbc:mysql://db/motiv8", Map.of(), null))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("SQLite and PostgreSQL");
    assertThatThrownBy(() -> DatabaseLocation.parse(" ", Map.of(), null)).isInstanceOf(IllegalArgumentException.class);
  }
}
