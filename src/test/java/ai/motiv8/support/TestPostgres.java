package ai.motiv8.support;

import ai.motiv8.config.AppConfig.DatabaseConfig;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The one embedded PostgreSQL of this test JVM (started on first use, stopped by zonky's shutdown
 * hook), and new empty databases in it. Trust authentication: any password is accepted, but a
 * configuration needs one to mean PostgreSQL.
 */
public final class TestPostgres {

  public static final String USER = "postgres";
  public static final String PASSWORD = "unused";

  private static final AtomicInteger DATABASES = new AtomicInteger();

  private TestPostgres() {
  }

  public static EmbeddedPostgres instance() {
    return Holder.INSTANCE;
  }

  public static int port() {
    return instance().getPort();
  }

  /** A new, empty database named {@code <prefix>_<n>}; blocking, so call it from the test thread. */
  public static DatabaseConfig newDatabase(String prefix) {
    String name = prefix + "_" + DATABASES.incrementAndGet();
    try (Connection connection = instance().getPostgresDatabase().getConnection();
         Statement statement = connection.createStatement()) {
      statement.execute("CREATE DATABASE " + name);
    } catch (SQLException e) {
      throw new IllegalStateException("Cannot create test database " + name, e);
    }
    return new DatabaseConfig(null, "localhost", port(), name, USER, PASSWORD, 4);
  }

  /** {@code jdbc:postgresql://localhost:<port>/<name>?user=postgres&password=unused}. */
  public static String jdbcUrl(DatabaseConfig database) {
    return "jdbc:postgresql://localhost:" + database.port() + "/" + database.name() + "?user=" + USER + "&password=" + PASSWORD;
  }

  /** Holder idiom: PostgreSQL starts once, when the first test asks for it. */
  private static final class Holder {
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
