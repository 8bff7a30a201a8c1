package ai.motiv8.users;

import java.util.Map;

/** Modes, gender and generate-without-embedding on SQLite and local storage. */
class SqliteModesTest extends ModesContractTest {

  @Override
  Map<String, String> backend() {
    return Map.of();
  }
}
