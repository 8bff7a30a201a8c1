package ai.motiv8.config;

/** A configuration value is missing or wrong; the message names the key. Start-up stops. */
public final class ConfigException extends RuntimeException {

  public ConfigException(String message) {
    super(message);
  }

  public static ConfigException invalid(String key, String expectation, Object got) {
    return new ConfigException("Invalid configuration '" + key + "': " + expectation + " (got '" + got + "')");
  }
}
