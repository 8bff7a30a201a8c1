package ai.motiv8.config;

import io.vertx.core.json.JsonObject;

import java.nio.file.Path;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.List;

/**
 * The validated configuration of one process, built once at start-up by {@link ConfigLoader}.
 * Keys are documented in the README and named in {@link ConfigKeys}.
 */
public record AppConfig(
    Environment environment,
    HttpConfig http,
    DatabaseConfig database,
    StorageConfig storage,
    AuthConfig auth,
    MailConfig mail,
    FaceConfig face,
    GenerationConfig generation,
    BatchConfig batch,
    JsonObject raw) {

  public enum Environment {
    DEVELOPMENT, PRODUCTION;

    public static Environment lookup(String value) {
      return switch (value.trim().toLowerCase()) {
        case "development", "dev" -> DEVELOPMENT;
        case "production", "prod" -> PRODUCTION;
        default -> throw new IllegalArgumentException("must be 'development' or 'production'");
      };
    }

    /** The environment named {@code value}, or null when it names none. */
    public static Environment lookupOrNull(String value) {
      try {
        return lookup(value);
      } catch (IllegalArgumentException e) {
        return null;
      }
    }

    public String jsonName() {
      return name().toLowerCase();
    }
  }

  public boolean isProduction() {
    return environment == Environment.PRODUCTION;
  }

  /** HTTP listener, limits and CORS. */
  public record HttpConfig(String host, int port, int instances, long bodyLimitBytes,
                           long uploadLimitBytes, List<String> corsOrigins) {
  }

  /** PostgreSQL when host, username and password are all set; SQLite at {@code sqlitePath} otherwise. */
  public record DatabaseConfig(String sqlitePath, String host, int port, String name, String username,
                               String password, int poolSize) {

    public boolean isPostgres() {
      return host != null && username != null && password != null;
    }

    /** For logs: never contains the password. */
    public String describe() {
      return isPostgres()
          ? "postgresql://" + username + "@" + host + ":" + port + "/" + name
          : "sqlite:" + sqlitePath;
    }
  }

  /** S3 when {@code s3Bucket} is set; local folders under {@code dataDir} otherwise. */
  public record StorageConfig(Path dataDir, Path tempDir, String s3Bucket, String s3Region, String s3Endpoint,
                              boolean s3PathStyle, boolean s3ChecksumsWhenRequired) {

    public boolean isS3() {
      return s3Bucket != null;
    }
  }

  /** JWT signing and Google sign-in. Google is configured when client id and secret are set. */
  public record AuthConfig(String jwtSecret, int tokenTtlDays, String googleClientId, String googleClientSecret,
                           String googleRedirectUri, String googleIssuer, String frontendUrl) {

    public boolean googleConfigured() {
      return googleClientId != null && googleClientSecret != null;
    }
  }

  /** SMTP when {@code smtpHost} is set; {@code .eml} files in {@code outboxDir} otherwise. */
  public record MailConfig(String smtpHost, int smtpPort, String smtpUser, String smtpPassword, String fromEmail,
                           boolean startTls, Path outboxDir, int maxAttempts, long retryBackoffMs) {

    public boolean smtpConfigured() {
      return smtpHost != null;
    }
  }

  /** Face model pack and the inference worker's limits. */
  public record FaceConfig(String pack, Path modelsDir, int ortThreads, int maxConcurrency, long timeoutMs,
                           long maxPixels) {
  }

  /** Generation engine and the generation worker's limits. */
  public record GenerationConfig(String engine, boolean onDemand, int maxConcurrency, long timeoutMs) {
  }

  /**
   * The daily batch: the scheduler runs it at {@code time} in {@code zone} when {@code enabled};
   * {@code concurrency} users at once; a claim on a user's day lasts {@code leaseSeconds} before
   * another run may take it over; a user is tried at most {@code maxAttempts} times a day; a day
   * with retriable failures is run again after {@code retryDelaySeconds}.
   */
  public record BatchConfig(boolean enabled, LocalTime time, ZoneId zone, int concurrency, long leaseSeconds,
                            int maxAttempts, long retryDelaySeconds) {
  }
}
