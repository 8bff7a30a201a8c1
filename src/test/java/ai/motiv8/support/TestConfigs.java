package ai.motiv8.support;

import ai.motiv8.config.AppConfig;
import ai.motiv8.config.ConfigLoader;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/** Configurations for tests: everything under one temp folder, HTTP on a free port. */
public final class TestConfigs {

  private TestConfigs() {
  }

  /** Development defaults with SQLite and local files under {@code dir}, plus {@code environment} variables. */
  public static AppConfig local(Path dir, Map<String, String> environment) {
    Map<String, String> env = new HashMap<>();
    env.put("HTTP_PORT", "0");
    env.put("HTTP_HOST", "127.0.0.1");
    env.put("SQLITE_PATH", dir.resolve("motiv8.db").toString());
    env.put("DATA_DIR", dir.resolve("data").toString());
    env.put("TEMP_DIR", dir.resolve("tmp").toString());
    env.put("OUTBOX_DIR", dir.resolve("outbox").toString());
    env.put("MODELS_DIR", Path.of("models").toAbsolutePath().toString());
    // The daily batch scheduler would fire in production-mode tests after 07:00 UTC: tests opt in.
    env.put("BATCH_ENABLED", "false");
    env.putAll(environment);
    return new ConfigLoader(dir.resolve("no-conf"), dir.resolve("no.env"), env).load(null, Map.of());
  }

  public static AppConfig local(Path dir) {
    return local(dir, Map.of());
  }
}
