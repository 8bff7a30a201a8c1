package ai.motiv8.persistence;

import ai.motiv8.config.AppConfig.DatabaseConfig;
import org.junit.jupiter.api.DisplayName;

@DisplayName("The user store on PostgreSQL")
class PostgresUserStoreTest extends UserStoreContractTest {

  @Override
  protected DatabaseConfig newDatabase() {
    return TestDatabases.postgres();
  }
}
