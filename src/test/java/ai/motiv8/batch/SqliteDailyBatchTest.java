package ai.motiv8.batch;

import io.vertx.junit5.Timeout;
import org.junit.jupiter.api.DisplayName;

import java.util.Map;
import java.util.concurrent.TimeUnit;

@Timeout(value = 300, timeUnit = TimeUnit.SECONDS)
@DisplayName("The daily batch on SQLite")
class SqliteDailyBatchTest extends DailyBatchContractTest {

  @Override
  protected Map<String, String> databaseEnvironment() {
    return Map.of();
  }
}
