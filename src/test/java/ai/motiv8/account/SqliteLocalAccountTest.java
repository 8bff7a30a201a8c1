package ai.motiv8.account;

import java.nio.file.Path;
import java.util.Map;

/** Account deletion and export on SQLite and local files. */
class SqliteLocalAccountTest extends AccountContractTest {

  @Override
  Map<String, String> backend(Path dir) {
    return Map.of();
  }
}
