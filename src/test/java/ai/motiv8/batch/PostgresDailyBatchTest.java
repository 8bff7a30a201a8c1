package ai.motiv8.batch;

import ai.motiv8.persistence.TestDatabases;
import io.vertx.junit5.Timeout;
import org.junit.jupiter.api.DisplayName;

import java.util.Map;
import java.util.concurrent.TimeUnit;

@Timeout(value = 300, timeUnit = TimeUnit.SECONDS)
@DisplayName("The daily batch on PostgreSQL")
class PostgresDailyBatchTest extends DailyBatchContractTest {

  @Override
  protected Map<String, String> databaseEnvironment() {
    return BatchFixture.postgres(TestDatabases.postgres());
  }
}
