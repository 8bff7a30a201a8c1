package ai.motiv8.http;

import ai.motiv8.config.AppConfig.DatabaseConfig;
import ai.motiv8.persistence.TestDatabases;

import java.nio.file.Path;
import java.util.Map;

/** Apple sign-in on PostgreSQL. */
class PostgresAppleSignInTest extends AppleSignInContractTest {

  @Override
  Map<String, String> backend(Path dir) {
    DatabaseConfig db = TestDatabases.postgres();
    return Map.of("DB_HOST", db.host(), "DB_PORT", Integer.toString(db.port()), "DB_NAME", db.name(),
        "DB_USERNAME", db.username(), "DB_PASSWORD", db.password());
  }
}
