package ai.motiv8;

import ai.motiv8.config.AppConfig;
import ai.motiv8.config.ConfigLoader;
import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/** The configuration options every command shares: an overlay file and single settings. */
final class ConfigOptions {

  @Option(names = "--conf", paramLabel = "FILE", description = "Extra configuration file laid over conf/ (env MOTIV8_CONF).")
  Path confFile;

  @Option(names = {"-s", "--set"}, paramLabel = "KEY=VALUE", description = "Set any configuration key, e.g. -s face.ortThreads=2.")
  Map<String, String> settings = new LinkedHashMap<>();

  /** Loads the configuration; {@code overrides} (dotted keys) win over everything else. */
  AppConfig load(Map<String, String> overrides) {
    Map<String, String> all = new LinkedHashMap<>(settings);
    all.putAll(overrides);
    return ConfigLoader.forProcess().load(confFile, all);
  }
}
