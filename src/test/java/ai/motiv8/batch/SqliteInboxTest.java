package ai.motiv8.batch;

import io.vertx.junit5.Timeout;
import org.junit.jupiter.api.DisplayName;

import java.util.Map;
import java.util.concurrent.TimeUnit;

@Timeout(value = 600, timeUnit = TimeUnit.SECONDS)
@DisplayName("Unsubscribe, preferences and the per-user scheduler on SQLite")
class SqliteInboxTest extends InboxContractTest {

  @Override
  protected Map<String, String> databaseEnvironment() {
    return Map.of();
  }
}
