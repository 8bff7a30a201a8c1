package ai.motiv8.batch;

import org.junit.jupiter.api.DisplayName;

import java.util.Map;

@DisplayName("The daily batch on SQLite")
class SqliteDailyBatchTest extends DailyBatchContractTest {

  @Override
  protected Map<String, String> databaseEnvironment() {
    return Map.of();
  }
}
