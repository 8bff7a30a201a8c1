package ai.motiv8.http;

import java.nio.file.Path;
import java.util.Map;

/** Apple sign-in on SQLite and local storage. */
class SqliteAppleSignInTest extends AppleSignInContractTest {

  @Override
  Map<String, String> backend(Path dir) {
    return Map.of();
  }
}
