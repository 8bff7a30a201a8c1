package ai.motiv8.config;

import ai.motiv8.auth.ApplePrivateKey;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * The {@code auth.apple.*} section. The private key is PEM text (literal {@code \n} escapes, as a
 * one-line environment variable has them, are turned into line breaks) or the path of a
 * {@code .p8} file, read here; either way it must be an EC private key, checked now so that a bad
 * key stops the start instead of the first sign-in. Half a configuration stops a production start
 * (a development start warns and leaves Apple sign-in off). Error messages never show the key.
 */
final class AppleSettings {

  private static final Logger log = LoggerFactory.getLogger(AppleSettings.class);
  private static final String PREFIX = "auth.apple.";

  private final Function<String, String> text;
  private final Function<String, String> url;

  AppleSettings(Function<String, String> text, Function<String, String> url) {
    this.text = text;
    this.url = url;
  }

  AppConfig.AppleConfig parse(boolean production) {
    String clientId = text.apply(PREFIX + "clientId");
    String teamId = text.apply(PREFIX + "teamId");
    String keyId = text.apply(PREFIX + "keyId");
    String keyValue = text.apply(PREFIX + "privateKey");
    String redirectUri = url.apply(PREFIX + "redirectUri");
    String issuer = url.apply(PREFIX + "issuer");
    if (redirectUri == null) {
      throw ConfigException.invalid(PREFIX + "redirectUri", "a URL is required", null);
    }
    if (issuer == null) {
      throw ConfigException.invalid(PREFIX + "issuer", "a URL is required", null);
    }
    List<String> missing = new ArrayList<>();
    addIfNull(missing, clientId, "APPLE_CLIENT_ID");
    addIfNull(missing, teamId, "APPLE_TEAM_ID");
    addIfNull(missing, keyId, "APPLE_KEY_ID");
    addIfNull(missing, keyValue, "APPLE_PRIVATE_KEY");
    if (!missing.isEmpty() && missing.size() < 4) {
      String message = "Apple sign-in is half configured: " + String.join(", ", missing) + " missing";
      if (production) {
        throw new ConfigException("Invalid configuration 'auth.apple': " + message
            + "; set all of APPLE_CLIENT_ID, APPLE_TEAM_ID, APPLE_KEY_ID and APPLE_PRIVATE_KEY, or none");
      }
      log.warn("{}; /auth/apple/login answers 503", message);
      return new AppConfig.AppleConfig(clientId, teamId, keyId, null, redirectUri, stripSlash(issuer));
    }
    String pem = keyValue == null ? null : readKey(keyValue);
    if (production && pem != null && !redirectUri.startsWith("https://")) {
      throw ConfigException.invalid(PREFIX + "redirectUri", "production needs an https URL (Apple requires one)",
          redirectUri);
    }
    return new AppConfig.AppleConfig(clientId, teamId, keyId, pem, redirectUri, stripSlash(issuer));
  }

  private static String readKey(String value) {
    String pem;
    if (value.contains("-----BEGIN")) {
      pem = value.replace("\\n", "\n");
    } else {
      try {
        pem = Files.readString(Path.of(value), StandardCharsets.US_ASCII);
      } catch (IOException | RuntimeException e) {
        throw new ConfigException("Invalid configuration 'auth.apple.privateKey': neither PEM text nor a readable"
            + " file (" + e.getClass().getSimpleName() + ")");
      }
    }
    try {
      ApplePrivateKey.parse(pem);
    } catch (IllegalArgumentException e) {
      throw new ConfigException("Invalid configuration 'auth.apple.privateKey': " + e.getMessage());
    }
    return pem;
  }

  private static void addIfNull(List<String> missing, String value, String name) {
    if (value == null) {
      missing.add(name);
    }
  }

  private static String stripSlash(String url) {
    return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
  }
}
