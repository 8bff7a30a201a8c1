package ai.motiv8.config;

import io.vertx.core.json.JsonObject;

import java.nio.file.Path;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.Collections;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

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
    Set<Role> roles,
    ClusterConfig cluster,
    ShutdownConfig shutdown,
    MetricsConfig metrics,
    BatchConfig batch,
    JsonObject raw) {

  /**
   * What a process runs: {@code api} (HTTP, persistence, storage, mail) and/or {@code worker}
   * (inference, generation and, when {@code batch.enabled}, the daily batch scheduler with the
   * persistence and mail it needs).
   */
  public enum Role {
    API, WORKER;

    /** Every role: one JVM runs the whole service. */
    public static final Set<Role> ALL = Collections.unmodifiableSet(EnumSet.allOf(Role.class));

    /** {@code all}, {@code api}, {@code worker}, or a comma list of them. */
    public static Set<Role> lookup(String value) {
      EnumSet<Role> roles = EnumSet.noneOf(Role.class);
      for (String part : value.split(",")) {
        switch (part.trim().toLowerCase()) {
          case "all" -> roles.addAll(ALL);
          case "api" -> roles.add(API);
          case "worker" -> roles.add(WORKER);
          default -> throw new IllegalArgumentException("must be 'all', 'api', 'worker' or a comma list of them");
        }
      }
      return Collections.unmodifiableSet(roles);
    }

    /** {@code all}, {@code api} or {@code worker}, for logs. */
    public static String describe(Set<Role> roles) {
      return roles.containsAll(ALL) ? "all" : roles.iterator().next().name().toLowerCase();
    }
  }

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

  public boolean runs(Role role) {
    return roles.contains(role);
  }

  /** The daily batch scheduler runs on worker nodes, when the batch is enabled. */
  public boolean runsBatchScheduler() {
    return batch.enabled() && runs(Role.WORKER);
  }

  /** The database and mail serve the API and the batch scheduler. */
  public boolean needsDatabaseAndMail() {
    return runs(Role.API) || runsBatchScheduler();
  }

  /**
   * HTTP listener, limits and CORS; {@code publicBaseUrl} is where people reach this API (no
   * trailing slash), for links in mails; {@code userCacheSeconds} how long a node may serve a user
   * from its cache (0: look the user up on every request).
   */
  public record HttpConfig(String host, int port, int instances, long bodyLimitBytes,
                           long uploadLimitBytes, int userCacheSeconds, List<String> corsOrigins,
                           String publicBaseUrl) {
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

  /**
   * JWT signing, the unsubscribe links' signing secret, Google and Apple sign-in. Google is
   * configured when client id and secret are set.
   */
  public record AuthConfig(String jwtSecret, int tokenTtlDays, String googleClientId, String googleClientSecret,
                           String googleRedirectUri, String googleIssuer, String frontendUrl, AppleConfig apple,
                           String unsubscribeSecret) {

    public boolean googleConfigured() {
      return googleClientId != null && googleClientSecret != null;
    }
  }

  /**
   * Sign in with Apple: the Services ID ({@code clientId}), the team and key ids and the team's
   * private key (PKCS#8 PEM text, already read when it was given as a path) that signs the ES256
   * client secret. Configured when all four are set; {@code issuer} is Apple's (discovery).
   */
  public record AppleConfig(String clientId, String teamId, String keyId, String privateKeyPem, String redirectUri,
                            String issuer) {

    public boolean configured() {
      return clientId != null && teamId != null && keyId != null && privateKeyPem != null;
    }

    /** Never the key itself. */
    @Override
    public String toString() {
      return "AppleConfig[clientId=" + clientId + ", teamId=" + teamId + ", keyId=" + keyId + ", redirectUri="
          + redirectUri + ", issuer=" + issuer + ", privateKey=" + (privateKeyPem == null ? "unset" : "set") + "]";
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
  public record FaceConfig(String pack, Path modelsDir, int ortThreads, int maxConcurrency, int maxQueued,
                           long timeoutMs, long maxPixels) {
  }

  /** Generation engine, the generation worker's limits, and the diffusion engine's settings. */
  public record GenerationConfig(String engine, boolean onDemand, int maxConcurrency, long timeoutMs,
                                 DiffusionConfig diffusion) {
  }

  /**
   * Where the diffusion engine finds its pack and how it runs it: {@code executionProvider} is
   * {@code cpu} or {@code cuda}; {@code threads} is ONNX Runtime's intra-op threads per session.
   */
  public record DiffusionConfig(Path packDir, String executionProvider, int threads) {
  }

  /**
   * The clustered event bus (Hazelcast). {@code discovery} is {@code tcp-ip} (the {@code members}
   * list), {@code multicast} or {@code kubernetes}; {@code configFile}, when set, is a complete
   * Hazelcast XML/YAML configuration used instead (AWS, GCP, Azure, ...), keeping only the name.
   */
  public record ClusterConfig(boolean enabled, String name, String discovery, List<String> members, String host,
                              String publicHost, int port, int eventBusPort, int joinWaitSeconds,
                              int memberTimeoutSeconds, String kubernetesService, Path configFile) {
  }

  /** How long a stopping process waits for in-flight requests and jobs. */
  public record ShutdownConfig(int graceSeconds) {
  }

  /** Micrometer metrics, scraped by Prometheus at {@code /metrics}. */
  public record MetricsConfig(boolean enabled) {
  }

  /**
   * The daily batch: when {@code enabled}, the scheduler sends each user's image at their own send
   * time; {@code concurrency} users at once; a claim on a user's day lasts {@code leaseSeconds} before
   * another run may take it over; a user is tried at most {@code maxAttempts} times a day; a day
   * with retriable failures is run again after {@code retryDelaySeconds}. {@code emailFilter}
   * (lower-case e-mails, empty for none): when set, a run handles only those users, whatever their
   * workout days (the original's {@code BATCH_EMAIL_FILTER}, for testers). {@code time} and
   * {@code zone} are the defaults of a user who chose no send time or time zone;
   * {@code catchUpMinutes} is how late the scheduler still sends a user's image (after downtime),
   * later ones are skipped to the user's next workout day.
   */
  public record BatchConfig(boolean enabled, LocalTime time, ZoneId zone, int concurrency, long leaseSeconds,
                            int maxAttempts, long retryDelaySeconds, long catchUpMinutes,
                            List<String> emailFilter) {

    public BatchConfig {
      emailFilter = emailFilter == null ? List.of() : List.copyOf(emailFilter);
    }

    /** Without an e-mail filter. */
    public BatchConfig(boolean enabled, LocalTime time, ZoneId zone, int concurrency, long leaseSeconds,
                       int maxAttempts, long retryDelaySeconds, long catchUpMinutes) {
      this(enabled, time, zone, concurrency, leaseSeconds, maxAttempts, retryDelaySeconds, catchUpMinutes, List.of());
    }

    /** Whether {@code batch.emailFilter} limits the run to some users. */
    public boolean filtered() {
      return !emailFilter.isEmpty();
    }
  }
}
