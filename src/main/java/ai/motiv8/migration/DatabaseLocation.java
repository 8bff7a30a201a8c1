package ai.motiv8.migration;

import ai.motiv8.config.AppConfig.DatabaseConfig;
import ai.motiv8.config.ConfigLoader;

import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Map;
import java.util.Properties;

/**
 * A database named on the command line: an SQLite file path ({@code ./motiv8.db} or
 * {@code sqlite:./motiv8.db}), a JDBC URL ({@code jdbc:postgresql://host:5432/motiv8?user=u&password=p},
 * {@code jdbc:sqlite:...}), a PostgreSQL URI ({@code postgresql://user:password@host:5432/motiv8}),
 * or {@code env}: the database the service itself would use, from {@code conf/}, {@code .env} and
 * the {@code DB_*} / {@code SQLITE_PATH} variables.
 *
 * @param jdbcUrl     the URL to connect to (may carry the password)
 * @param user        the user, or null when the URL carries it or none is needed
 * @param password    the password, or null
 * @param dialect     SQLite or PostgreSQL
 * @param description for logs: never contains the password
 * @param sqliteFile  the SQLite file, or null for PostgreSQL
 */
record DatabaseLocation(String jdbcUrl, String user, String password, Dialect dialect, String description,
                        Path sqliteFile) {

  /** The service's parameters: WAL so that a running service can keep reading, foreign keys checked. */
  static final String SQLITE_PARAMETERS = "journal_mode=WAL&busy_timeout=5000&foreign_keys=true";

  static DatabaseLocation parse(String text, Map<String, String> environment, Path confFile) {
    if (text == null || text.isBlank()) {
      throw new IllegalArgumentException("A database is required: an SQLite file, a JDBC URL or 'env'");
    }
    String value = text.trim();
    if (value.equals("env")) {
      DatabaseConfig config = new ConfigLoader(Path.of("conf"), Path.of(".env"), environment)
          .load(confFile, Map.of()).database();
      return of(config);
    }
    if (value.startsWith("jdbc:sqlite:")) {
      String path = value.substring("jdbc:sqlite:".length()).split("\\?")[0];
      return new DatabaseLocation(value, null, null, Dialect.SQLITE, "sqlite:" + path, Path.of(path));
    }
    if (value.startsWith("jdbc:")) {
      Dialect dialect = Dialect.of(value);
      Map<String, String> query = query(value);
      return new DatabaseLocation(value, query.get("user"), query.get("password"), dialect, mask(value), null);
    }
    if (value.startsWith("postgresql://") || value.startsWith("postgres://")) {
      return fromUri(URI.create(value));
    }
    return sqlite(Path.of(value.startsWith("sqlite:") ? value.substring("sqlite:".length()) : value));
  }

  /**
   * What {@code --to} means when it is left out: the service's configured database, when that is
   * PostgreSQL (the deployed stack sets exactly {@code DB_HOST}, {@code DB_USERNAME},
   * {@code DB_PASSWORD}...). Copying into the default SQLite file is never what someone means.
   *
   * @throws IllegalArgumentException when no PostgreSQL is configured
   */
  static DatabaseLocation configuredTarget(Map<String, String> environment, Path confFile) {
    DatabaseConfig config = new ConfigLoader(Path.of("conf"), Path.of(".env"), environment)
        .load(confFile, Map.of()).database();
    if (!config.isPostgres()) {
      throw new IllegalArgumentException("--to is required: no PostgreSQL database is configured "
          + "(set DB_HOST, DB_USERNAME and DB_PASSWORD, as the service reads them, or name the target with --to)");
    }
    return of(config);
  }

  static DatabaseLocation of(DatabaseConfig config) {
    if (config.isPostgres()) {
      return postgres(config.host(), config.port(), config.name(), config.username(), config.password());
    }
    return sqlite(Path.of(config.sqlitePath()));
  }

  static DatabaseLocation sqlite(Path file) {
    return new DatabaseLocation("jdbc:sqlite:" + file + "?" + SQLITE_PARAMETERS, null, null, Dialect.SQLITE,
        "sqlite:" + file, file);
  }

  static DatabaseLocation postgres(String host, int port, String database, String user, String password) {
    return new DatabaseLocation("jdbc:postgresql://" + host + ":" + port + "/" + database, user, password,
        Dialect.POSTGRESQL, "postgresql://" + (user == null ? "" : user + "@") + host + ":" + port + "/" + database, null);
  }

  private static DatabaseLocation fromUri(URI uri) {
    String user = null;
    String password = null;
    if (uri.getRawUserInfo() != null) {
      String[] parts = uri.getRawUserInfo().split(":", 2);
      user = decode(parts[0]);
      password = parts.length > 1 ? decode(parts[1]) : null;
    }
    String database = uri.getPath() == null || uri.getPath().length() <= 1 ? "motiv8" : uri.getPath().substring(1);
    return postgres(uri.getHost(), uri.getPort() < 0 ? 5432 : uri.getPort(), database, user, password);
  }

  /** Fails unless the SQLite file exists: connecting would create an empty one. */
  DatabaseLocation requireExisting() {
    if (sqliteFile != null && !Files.isRegularFile(sqliteFile)) {
      throw new IllegalArgumentException("SQLite database " + sqliteFile + " does not exist");
    }
    return this;
  }

  Connection connect() throws SQLException {
    Properties properties = new Properties();
    if (user != null) {
      properties.setProperty("user", user);
    }
    if (password != null) {
      properties.setProperty("password", password);
    }
    return DriverManager.getConnection(jdbcUrl, properties);
  }

  /** True when both name the same SQLite file or the same PostgreSQL URL. */
  boolean sameDatabaseAs(DatabaseLocation other) {
    if (sqliteFile != null && other.sqliteFile != null) {
      return sqliteFile.toAbsolutePath().normalize().equals(other.sqliteFile.toAbsolutePath().normalize());
    }
    return jdbcUrl.split("\\?")[0].equals(other.jdbcUrl.split("\\?")[0]);
  }

  @Override
  public String toString() {
    return description;
  }

  private static Map<String, String> query(String url) {
    int mark = url.indexOf('?');
    Map<String, String> values = new java.util.HashMap<>();
    if (mark < 0) {
      return values;
    }
    for (String pair : url.substring(mark + 1).split("&")) {
      int eq = pair.indexOf('=');
      if (eq > 0) {
        values.put(pair.substring(0, eq), decode(pair.substring(eq + 1)));
      }
    }
    return values;
  }

  private static String mask(String url) {
    return url.replaceAll("(?i)(password=)[^&;]*", "$1***");
  }

  private static String decode(String text) {
    return URLDecoder.decode(text, StandardCharsets.UTF_8);
  }
}
