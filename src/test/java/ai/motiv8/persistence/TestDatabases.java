package ai.motiv8.persistence;

import ai.motiv8.config.AppConfig.DatabaseConfig;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Fresh databases for tests: an SQLite file under {@code target/}, or a new database in the one
 * embedded PostgreSQL of this test JVM (started on first use, stopped by zonky's shutdown hook).
 */
public final class TestDatabases {

  private static final Path SQLITE_DIR = Path.of("target", "persistence-tests");
  private static final AtomicInteger PG_DATABASES = new AtomicInteger();

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

  /** A new, empty database; blocking, so call it from the test thread, not an event loop. */
  public static DatabaseConfig postgres() {
    String name = "motiv8_test_" + PG_DATABASES.incrementAndGet();
    EmbeddedPostgres postgres = Postgres.INSTANCE;
    try (Connection connection = postgres.getPostgresDatabase().getConnection();
         Statement statement = connection.createStatement()) {
      statement.execute("CREATE DATABASE " + name);
    } catch (SQLException e) {
      throw new IllegalStateException("Cannot create test database " + name, e);
    }
    // Trust authentication: any password is accepted, but the config needs one to mean PostgreSQL.
    return new DatabaseConfig(null, "localhost", postgres.getPort(), name, "postgres", "unused", 4);
  }

  /** Holder idiom: PostgreSQL starts once, when the first test asks for it. */
  private static final class Postgres {
    static final EmbeddedPostgres INSTANCE = start();

    private static EmbeddedPostgres start() {
      try {
        return EmbeddedPostgres.builder().setRegisterShutdownHook(true).start();
      } catch (IOException e) {
        throw new UncheckedIOException("Cannot start embedded PostgreSQL", e);
      }
    }
  }
}
