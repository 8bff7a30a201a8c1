package ai.motiv8.persistence;

import ai.motiv8.config.AppConfig.DatabaseConfig;
import ai.motiv8.support.TestPostgres;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.UUID;

/**
 * Fresh databases for tests: an SQLite file under {@code target/}, or a new database in the one
 * embedded PostgreSQL of this test JVM ({@link TestPostgres}).
 */
public final class TestDatabases {

  private static final Path SQLITE_DIR = Path.of("target", "persistence-tests");

  private TestDatabases() {
  }

  static DatabaseConfig sqlite() {
    return sqliteAt(SQLITE_DIR.resolve("motiv8-" + UUID.randomUUID() + ".db"));
  }

  static DatabaseConfig sqliteAt(Path file) {
    return new DatabaseConfig(file.toString(), null, 5432, null, null, null, 4);
  }

  static Path newSqliteFile() {
    try {
      Files.createDirectories(SQLITE_DIR);
      return SQLITE_DIR.resolve("python-" + UUID.randomUUID() + ".db");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** A new, empty database in the JVM's one PostgreSQL; blocking, so call it from the test thread. */
  public static DatabaseConfig postgres() {
    return TestPostgres.newDatabase("motiv8_test");
  }
}
