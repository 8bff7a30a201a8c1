package ai.motiv8.users;

import ai.motiv8.config.AppConfig.DatabaseConfig;
import ai.motiv8.persistence.TestDatabases;

import java.util.Map;

/** Modes, gender and generate-without-embedding on PostgreSQL. */
class PostgresModesTest extends ModesContractTest {

  @Override
  Map<String, String> backend() {
    DatabaseConfig db = TestDatabases.postgres();
    return Map.of("DB_HOST", db.host(), "DB_PORT", Integer.toString(db.port()), "DB_NAME", db.name(),
        "DB_USERNAME", db.username(), "DB_PASSWORD", db.password());
  }
}
