package ai.motiv8.config;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

import java.nio.file.Path;
import java.time.DateTimeException;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Turns the merged JSON into a validated {@link AppConfig}. Values may be JSON-typed (from files)
 * or strings (from the environment and the command line); every error names its key.
 */
final class ConfigParser {

  private static final Set<String> FACE_PACKS = Set.of("default", "buffalo_l");
  private static final Set<String> ENGINES = Set.of("poster", "diffusion");
  private static final Set<String> EXECUTION_PROVIDERS = Set.of("cpu", "cuda");
  private static final Set<String> DISCOVERY = Set.of("tcp-ip", "multicast", "kubernetes");

  private final JsonObject root;

  private ConfigParser(JsonObject root) {
    this.root = root;
  }

  static AppConfig parse(JsonObject merged) {
    return new ConfigParser(merged).build();
  }

  private AppConfig build() {
    AppConfig.Environment environment;
    String environmentName = requiredString("environment");
    try {
      environment = AppConfig.Environment.lookup(environmentName);
    } catch (IllegalArgumentException e) {
      throw ConfigException.invalid("environment", e.getMessage(), environmentName);
    }
    boolean production = environment == AppConfig.Environment.PRODUCTION;

    var http = new AppConfig.HttpConfig(
        requiredString("http.host"),
        intIn("http.port", 0, 65535),
        countOrCores("http.instances"),
        longIn("http.bodyLimitBytes", 1024, 64L << 20),
        longIn("http.uploadLimitBytes", 1024, 1L << 30),
        intIn("http.userCacheSeconds", 0, 3600),
        stringList("http.corsOrigins"),
        stripTrailingSlash(requiredUrl("http.publicBaseUrl")));

    var database = new AppConfig.DatabaseConfig(
        requiredString("database.sqlitePath"),
        optionalString("database.host"),
        intIn("database.port", 1, 65535),
        requiredString("database.name"),
        optionalString("database.username"),
        optionalString("database.password"),
        intIn("database.poolSize", 1, 256));

    String s3Endpoint = url("storage.s3Endpoint");
    var storage = new AppConfig.StorageConfig(
        Path.of(requiredString("storage.dataDir")),
        Path.of(requiredString("storage.tempDir")),
        optionalString("storage.s3Bucket"),
        requiredString("storage.s3Region"),
        s3Endpoint,
        S3Compatibility.pathStyle(optionalBool("storage.s3PathStyle"), s3Endpoint),
        S3Compatibility.checksumsWhenRequired(optionalBool("storage.s3ChecksumsWhenRequired"), s3Endpoint));

    var auth = new AppConfig.AuthConfig(
        jwtSecret(production),
        intIn("auth.tokenTtlDays", 1, 365),
        optionalString("auth.googleClientId"),
        optionalString("auth.googleClientSecret"),
        url("auth.googleRedirectUri"),
        url("auth.googleIssuer"),
        stripTrailingSlash(url("auth.frontendUrl")),
        new AppleSettings(this::optionalString, this::url).parse(production),
        unsubscribeSecret(production));

    var mail = new AppConfig.MailConfig(
        optionalString("mail.smtpHost"),
        intIn("mail.smtpPort", 1, 65535),
        optionalString("mail.smtpUser"),
        optionalString("mail.smtpPassword"),
        requiredString("mail.fromEmail"),
        bool("mail.startTls"),
        Path.of(requiredString("mail.outboxDir")),
        intIn("mail.maxAttempts", 1, 20),
        longIn("mail.retryBackoffMs", 0, 600_000));

    var face = new AppConfig.FaceConfig(
        oneOf("face.pack", FACE_PACKS),
        Path.of(requiredString("face.modelsDir")),
        intIn("face.ortThreads", 1, 64),
        intIn("face.maxConcurrency", 1, 256),
        intIn("face.maxQueued", 0, 100_000),
        longIn("face.timeoutMs", 100, 3_600_000),
        longIn("face.maxPixels", 1, 1L << 31));

    var generation = new AppConfig.GenerationConfig(
        oneOf("generation.engine", ENGINES),
        bool("generation.onDemand"),
        intIn("generation.maxConcurrency", 1, 256),
        longIn("generation.timeoutMs", 100, 24L * 3_600_000),
        new AppConfig.DiffusionConfig(
            Path.of(requiredString("generation.diffusion.packDir")),
            oneOf("generation.diffusion.executionProvider", EXECUTION_PROVIDERS),
            countOrCores("generation.diffusion.threads")));

    var batch = new AppConfig.BatchConfig(
        bool("batch.enabled"),
        timeOfDay("batch.schedule.time"),
        zone("batch.schedule.zone"),
        intIn("batch.concurrency", 1, 256),
        longIn("batch.leaseSeconds", 60, 86_400),
        intIn("batch.maxAttempts", 1, 20),
        longIn("batch.retryDelaySeconds", 10, 86_400),
        longIn("batch.catchUpMinutes", 1, 1_440),
        emails("batch.emailFilter"));

    var cluster = new AppConfig.ClusterConfig(
        bool("cluster.enabled"),
        requiredString("cluster.name"),
        oneOf("cluster.discovery", DISCOVERY),
        stringList("cluster.members"),
        optionalString("cluster.host"),
        optionalString("cluster.publicHost"),
        intIn("cluster.port", 1, 65535),
        intIn("cluster.eventBusPort", 0, 65535),
        intIn("cluster.joinWaitSeconds", 0, 300),
        intIn("cluster.memberTimeoutSeconds", 2, 600),
        optionalString("cluster.kubernetesService"),
        optionalPath("cluster.configFile"));

    return new AppConfig(environment, http, database, storage, auth, mail, face, generation, roles(), cluster,
        new AppConfig.ShutdownConfig(intIn("shutdown.graceSeconds", 0, 3600)),
        new AppConfig.MetricsConfig(bool("metrics.enabled")),
        batch,
        root.copy());
  }

  private Set<AppConfig.Role> roles() {
    String text = requiredString("roles");
    try {
      return AppConfig.Role.lookup(text);
    } catch (IllegalArgumentException e) {
      throw ConfigException.invalid("roles", e.getMessage(), text);
    }
  }

  /** A count of instances or threads: a number, or {@code 0} / {@code auto} for one per core. */
  private int countOrCores(String key) {
    String text = requiredString(key);
    if (text.equalsIgnoreCase("auto") || text.equals("0")) {
      return Runtime.getRuntime().availableProcessors();
    }
    return intIn(key, 1, 256);
  }

  private Path optionalPath(String key) {
    String value = optionalString(key);
    return value == null ? null : Path.of(value);
  }

  private String jwtSecret(boolean production) {
    String secret = optionalString("auth.jwtSecret");
    if (production && (secret == null || secret.equals(ConfigKeys.DEVELOPMENT_JWT_SECRET)
        || secret.equals("your-secret-key-change-in-production"))) {
      throw new ConfigException("Invalid configuration 'auth.jwtSecret': production needs its own secret;"
          + " set JWT_SECRET_KEY (e.g. `openssl rand -hex 32`)");
    }
    if (secret == null) {
      throw ConfigException.invalid("auth.jwtSecret", "a secret is required", null);
    }
    if (production && secret.length() < 32) {
      throw ConfigException.invalid("auth.jwtSecret", "production secrets need at least 32 characters",
          secret.length() + " characters");
    }
    return secret;
  }

  /**
   * The key of the unsubscribe links: a dedicated secret (links never expire, so it must not be
   * rotated with the JWT secret, nor share its fate if that leaks).
   */
  private String unsubscribeSecret(boolean production) {
    String secret = optionalString("auth.unsubscribeSecret");
    if (production && (secret == null || secret.equals(ConfigKeys.DEVELOPMENT_UNSUBSCRIBE_SECRET))) {
      throw new ConfigException("Invalid configuration 'auth.unsubscribeSecret': production needs its own secret;"
          + " set UNSUBSCRIBE_SECRET_KEY (e.g. `openssl rand -hex 32`)");
    }
    if (secret == null) {
      throw ConfigException.invalid("auth.unsubscribeSecret", "a secret is required", null);
    }
    if (production && secret.length() < 32) {
      throw ConfigException.invalid("auth.unsubscribeSecret", "production secrets need at least 32 characters",
          secret.length() + " characters");
    }
    if (production && secret.equals(optionalString("auth.jwtSecret"))) {
      throw ConfigException.invalid("auth.unsubscribeSecret", "must differ from auth.jwtSecret", "the JWT secret");
    }
    return secret;
  }

  private Object value(String key) {
    Object node = root;
    for (String part : key.split("\\.")) {
      if (!(node instanceof JsonObject object)) {
        return null;
      }
      node = object.getValue(part);
    }
    return node;
  }

  /** A comma-separated list (or JSON array) of e-mail addresses, lower-cased; empty when unset. */
  private List<String> emails(String key) {
    Object value = value(key);
    List<String> parts = new ArrayList<>();
    if (value instanceof JsonArray array) {
      array.forEach(item -> parts.add(String.valueOf(item)));
    } else if (value != null) {
      String text = optionalString(key);
      if (text != null) {
        parts.addAll(Arrays.asList(text.split(",")));
      }
    }
    List<String> emails = new ArrayList<>();
    for (String part : parts) {
      String email = part.trim().toLowerCase(Locale.ROOT);
      if (email.isEmpty()) {
        continue;
      }
      if (!email.matches("[^@\\s]+@[^@\\s]+")) {
        throw ConfigException.invalid(key, "a comma-separated list of e-mail addresses is expected", value);
      }
      emails.add(email);
    }
    return emails;
  }

  private String optionalString(String key) {
    Object value = value(key);
    if (value == null) {
      return null;
    }
    if (value instanceof JsonObject || value instanceof JsonArray) {
      throw ConfigException.invalid(key, "a text value is expected", value);
    }
    String text = value.toString().trim();
    return text.isEmpty() ? null : text;
  }

  private String requiredString(String key) {
    String value = optionalString(key);
    if (value == null) {
      throw ConfigException.invalid(key, "a value is required", null);
    }
    return value;
  }

  private long longIn(String key, long min, long max) {
    String text = requiredString(key);
    long value;
    try {
      value = Long.parseLong(text);
    } catch (NumberFormatException e) {
      throw ConfigException.invalid(key, "an integer is expected", text);
    }
    if (value < min || value > max) {
      throw ConfigException.invalid(key, "must be between " + min + " and " + max, text);
    }
    return value;
  }

  private int intIn(String key, int min, int max) {
    return (int) longIn(key, min, max);
  }

  private boolean bool(String key) {
    Boolean value = optionalBool(key);
    if (value == null) {
      throw ConfigException.invalid(key, "a value is required", null);
    }
    return value;
  }

  /** Null when unset (or {@code auto}): the caller decides. */
  private Boolean optionalBool(String key) {
    String text = optionalString(key);
    if (text == null) {
      return null;
    }
    return switch (text.toLowerCase()) {
      case "true", "1", "yes", "on" -> true;
      case "false", "0", "no", "off" -> false;
      case "auto" -> null;
      default -> throw ConfigException.invalid(key, "true, false or auto is expected", text);
    };
  }

  private String oneOf(String key, Set<String> allowed) {
    String value = requiredString(key);
    if (!allowed.contains(value)) {
      throw ConfigException.invalid(key, "must be one of " + allowed.stream().sorted().toList(), value);
    }
    return value;
  }

  private LocalTime timeOfDay(String key) {
    String value = requiredString(key);
    try {
      return LocalTime.parse(value);
    } catch (DateTimeParseException e) {
      throw ConfigException.invalid(key, "a time of day HH:mm is expected", value);
    }
  }

  private ZoneId zone(String key) {
    String value = requiredString(key);
    try {
      return ZoneId.of(value);
    } catch (DateTimeException e) {
      throw ConfigException.invalid(key, "a time zone such as UTC or Europe/Paris is expected", value);
    }
  }

  private String requiredUrl(String key) {
    requiredString(key);
    return url(key);
  }

  private String url(String key) {
    String value = optionalString(key);
    if (value != null && !value.matches("https?://[^\\s]+")) {
      throw ConfigException.invalid(key, "an http(s) URL is expected", value);
    }
    return value;
  }

  private List<String> stringList(String key) {
    Object value = value(key);
    if (value == null) {
      return List.of();
    }
    List<String> items = new ArrayList<>();
    if (value instanceof JsonArray array) {
      array.forEach(item -> items.add(String.valueOf(item).trim()));
    } else {
      items.addAll(Arrays.asList(value.toString().split(",")));
    }
    return items.stream().map(String::trim).filter(s -> !s.isEmpty()).toList();
  }

  private static String stripTrailingSlash(String url) {
    return url != null && url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
  }
}
