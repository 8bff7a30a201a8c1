package ai.motiv8.batch;

import ai.motiv8.persistence.TestDatabases;
import org.junit.jupiter.api.DisplayName;

import java.util.Map;

@DisplayName("The daily batch on PostgreSQL")
class PostgresDailyBatchTest extends DailyBatchContractTest {

  @Override
  protected Map<String, String> databaseEnvironment() {
    return BatchFixture.postgres(TestDatabases.postgres());
  }
}
