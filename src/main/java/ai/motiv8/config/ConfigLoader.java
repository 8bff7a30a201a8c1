package ai.motiv8.config;

import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonObject;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Builds the configuration, later sources winning: {@code conf/config.json}, the environment's
 * overlay ({@code conf/production.json} in production), an optional overlay file
 * ({@code --conf} / {@code MOTIV8_CONF}), {@code .env} in the working directory, real environment
 * variables, then command-line settings. Files under {@code conf/} are read from the working
 * directory when present, else from the copies inside the jar.
 */
public final class ConfigLoader {

  private final Path confDir;
  private final Path dotEnvFile;
  private final Map<String, String> environment;

  public ConfigLoader(Path confDir, Path dotEnvFile, Map<String, String> environment) {
    this.confDir = confDir;
    this.dotEnvFile = dotEnvFile;
    this.environment = environment;
  }

  /** The loader of a real process: {@code ./conf}, {@code ./.env} and {@code System.getenv()}. */
  public static ConfigLoader forProcess() {
    return new ConfigLoader(Path.of("conf"), Path.of(".env"), System.getenv());
  }

  /**
   * @param overlayFile extra JSON file from {@code --conf} (null: {@code MOTIV8_CONF} or none)
   * @param cliSettings dotted keys set on the command line, e.g. {@code http.port=9000}
   */
  public AppConfig load(Path overlayFile, Map<String, String> cliSettings) {
    Map<String, String> dotEnv = DotEnv.read(dotEnvFile);
    Map<String, String> variables = new LinkedHashMap<>(dotEnv);
    variables.putAll(environment);

    JsonObject merged = readConf("config.json", true);
    JsonObject variableSettings = fromVariables(variables);
    JsonObject cli = fromDotted(cliSettings);

    String environmentName = firstNonNull(
        cli.getString("environment"), variableSettings.getString("environment"), merged.getString("environment"));
    if (environmentName != null && AppConfig.Environment.lookupOrNull(environmentName) == AppConfig.Environment.PRODUCTION) {
      merged.mergeIn(readConf("production.json", false), true);
    }
    Path overlay = overlayFile != null ? overlayFile
        : variables.containsKey("MOTIV8_CONF") ? Path.of(variables.get("MOTIV8_CONF")) : null;
    if (overlay != null) {
      merged.mergeIn(readOverlay(overlay), true);
    }
    merged.mergeIn(variableSettings, true);
    merged.mergeIn(cli, true);
    return ConfigParser.parse(merged);
  }

  private JsonObject readConf(String name, boolean required) {
    Path file = confDir.resolve(name);
    if (Files.isRegularFile(file)) {
      return readFile(file);
    }
    try (InputStream in = ConfigLoader.class.getResourceAsStream("/conf/" + name)) {
      if (in == null) {
        if (required) {
          throw new ConfigException("Configuration file conf/" + name + " not found");
        }
        return new JsonObject();
      }
      return parse(new String(in.readAllBytes(), StandardCharsets.UTF_8), "conf/" + name);
    } catch (IOException e) {
      throw new ConfigException("Cannot read conf/" + name + ": " + e.getMessage());
    }
  }

  /**
   * The {@code --conf} file; a deployment shape shipped in {@code conf/} (e.g. {@code conf/cluster-api.json})
   * is also found inside the jar when the working directory has no copy.
   */
  private JsonObject readOverlay(Path overlay) {
    if (Files.isRegularFile(overlay)) {
      return readFile(overlay);
    }
    boolean shipped = overlay.getNameCount() == 1
        || overlay.getNameCount() == 2 && overlay.getName(0).toString().equals("conf");
    if (shipped && ConfigLoader.class.getResource("/conf/" + overlay.getFileName()) != null) {
      return readConf(overlay.getFileName().toString(), true);
    }
    return readFile(overlay);
  }

  private static JsonObject readFile(Path file) {
    try {
      return parse(Files.readString(file), file.toString());
    } catch (IOException e) {
      throw new ConfigException("Cannot read configuration file " + file + ": " + e.getMessage());
    }
  }

  private static JsonObject parse(String text, String source) {
    try {
      return new JsonObject(text);
    } catch (DecodeException e) {
      throw new ConfigException("Configuration file " + source + " is not valid JSON: " + e.getMessage());
    }
  }

  private static JsonObject fromVariables(Map<String, String> variables) {
    Map<String, String> dotted = new LinkedHashMap<>();
    ConfigKeys.ENVIRONMENT_VARIABLES.forEach((variable, key) -> {
      String value = variables.get(variable);
      if (value != null && !value.isBlank()) {
        dotted.put(key, value.trim());
      }
    });
    return fromDotted(dotted);
  }

  /** {@code a.b=c} → {@code {"a":{"b":"c"}}}; values stay strings and are typed by the parser. */
  static JsonObject fromDotted(Map<String, String> settings) {
    JsonObject root = new JsonObject();
    settings.forEach((key, value) -> {
      String[] parts = key.split("\\.");
      JsonObject node = root;
      for (int i = 0; i < parts.length - 1; i++) {
        JsonObject child = node.getJsonObject(parts[i]);
        if (child == null) {
          child = new JsonObject();
          node.put(parts[i], child);
        }
        node = child;
      }
      node.put(parts[parts.length - 1], value);
    });
    return root;
  }

  @SafeVarargs
  private static <T> T firstNonNull(T... values) {
    for (T value : values) {
      if (value != null) {
        return value;
      }
    }
    return null;
  }
}
