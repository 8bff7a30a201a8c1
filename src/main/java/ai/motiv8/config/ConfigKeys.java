package ai.motiv8.config;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Names of configuration keys and the environment variables that set them. The variable names
 * are those of the deployed stack (see API.md) and must not change.
 */
public final class ConfigKeys {

  /** Environment variable (or {@code .env} key) → dotted configuration key. */
  public static final Map<String, String> ENVIRONMENT_VARIABLES = environmentVariables();

  /** The JWT secret that development uses; production refuses to start with it. */
  public static final String DEVELOPMENT_JWT_SECRET = "development-secret-change-me";

  /** The unsubscribe-link secret that development uses; production refuses to start with it. */
  public static final String DEVELOPMENT_UNSUBSCRIBE_SECRET = "development-unsubscribe-secret-change-me";

  private ConfigKeys() {
  }

  private static Map<String, String> environmentVariables() {
    Map<String, String> vars = new LinkedHashMap<>();
    vars.put("ENVIRONMENT", "environment");
    vars.put("HTTP_HOST", "http.host");
    vars.put("HTTP_PORT", "http.port");
    vars.put("HTTP_INSTANCES", "http.instances");
    vars.put("UPLOAD_LIMIT_BYTES", "http.uploadLimitBytes");
    vars.put("USER_CACHE_SECONDS", "http.userCacheSeconds");
    vars.put("CORS_ORIGINS", "http.corsOrigins");
    vars.put("PUBLIC_BASE_URL", "http.publicBaseUrl");
    vars.put("SQLITE_PATH", "database.sqlitePath");
    vars.put("DB_HOST", "database.host");
    vars.put("DB_PORT", "database.port");
    vars.put("DB_NAME", "database.name");
    vars.put("DB_USERNAME", "database.username");
    vars.put("DB_PASSWORD", "database.password");
    vars.put("DB_POOL_SIZE", "database.poolSize");
    vars.put("DATA_DIR", "storage.dataDir");
    vars.put("TEMP_DIR", "storage.tempDir");
    vars.put("S3_BUCKET", "storage.s3Bucket");
    vars.put("AWS_REGION", "storage.s3Region");
    vars.put("S3_ENDPOINT", "storage.s3Endpoint");
    vars.put("S3_PATH_STYLE", "storage.s3PathStyle");
    vars.put("S3_CHECKSUMS_WHEN_REQUIRED", "storage.s3ChecksumsWhenRequired");
    vars.put("JWT_SECRET_KEY", "auth.jwtSecret");
    vars.put("UNSUBSCRIBE_SECRET_KEY", "auth.unsubscribeSecret");
    vars.put("GOOGLE_CLIENT_ID", "auth.googleClientId");
    vars.put("GOOGLE_CLIENT_SECRET", "auth.googleClientSecret");
    vars.put("GOOGLE_REDIRECT_URI", "auth.googleRedirectUri");
    vars.put("GOOGLE_ISSUER", "auth.googleIssuer");
    vars.put("FRONTEND_URL", "auth.frontendUrl");
    vars.put("APPLE_CLIENT_ID", "auth.apple.clientId");
    vars.put("APPLE_TEAM_ID", "auth.apple.teamId");
    vars.put("APPLE_KEY_ID", "auth.apple.keyId");
    vars.put("APPLE_PRIVATE_KEY", "auth.apple.privateKey");
    vars.put("APPLE_REDIRECT_URI", "auth.apple.redirectUri");
    vars.put("APPLE_ISSUER", "auth.apple.issuer");
    vars.put("SMTP_HOST", "mail.smtpHost");
    vars.put("SMTP_PORT", "mail.smtpPort");
    vars.put("SMTP_USER", "mail.smtpUser");
    vars.put("SMTP_PASSWORD", "mail.smtpPassword");
    vars.put("FROM_EMAIL", "mail.fromEmail");
    vars.put("SMTP_STARTTLS", "mail.startTls");
    vars.put("OUTBOX_DIR", "mail.outboxDir");
    vars.put("FACE_PACK", "face.pack");
    vars.put("MODELS_DIR", "face.modelsDir");
    vars.put("ORT_THREADS", "face.ortThreads");
    vars.put("FACE_MAX_QUEUED", "face.maxQueued");
    vars.put("GENERATION_ENGINE", "generation.engine");
    vars.put("GENERATION_ON_DEMAND", "generation.onDemand");
    vars.put("DIFFUSION_PACK_DIR", "generation.diffusion.packDir");
    vars.put("DIFFUSION_EXECUTION_PROVIDER", "generation.diffusion.executionProvider");
    vars.put("DIFFUSION_THREADS", "generation.diffusion.threads");
    vars.put("MOTIV8_ROLE", "roles");
    vars.put("CLUSTER_ENABLED", "cluster.enabled");
    vars.put("CLUSTER_NAME", "cluster.name");
    vars.put("CLUSTER_DISCOVERY", "cluster.discovery");
    vars.put("CLUSTER_MEMBERS", "cluster.members");
    vars.put("CLUSTER_HOST", "cluster.host");
    vars.put("CLUSTER_PUBLIC_HOST", "cluster.publicHost");
    vars.put("CLUSTER_PORT", "cluster.port");
    vars.put("CLUSTER_EVENT_BUS_PORT", "cluster.eventBusPort");
    vars.put("CLUSTER_JOIN_WAIT_SECONDS", "cluster.joinWaitSeconds");
    vars.put("CLUSTER_MEMBER_TIMEOUT_SECONDS", "cluster.memberTimeoutSeconds");
    vars.put("CLUSTER_KUBERNETES_SERVICE", "cluster.kubernetesService");
    vars.put("CLUSTER_CONFIG_FILE", "cluster.configFile");
    vars.put("SHUTDOWN_GRACE_SECONDS", "shutdown.graceSeconds");
    vars.put("METRICS_ENABLED", "metrics.enabled");
    vars.put("BATCH_ENABLED", "batch.enabled");
    vars.put("BATCH_TIME", "batch.schedule.time");
    vars.put("BATCH_ZONE", "batch.schedule.zone");
    vars.put("BATCH_CONCURRENCY", "batch.concurrency");
    vars.put("BATCH_LEASE_SECONDS", "batch.leaseSeconds");
    vars.put("BATCH_MAX_ATTEMPTS", "batch.maxAttempts");
    vars.put("BATCH_CATCH_UP_MINUTES", "batch.catchUpMinutes");
    vars.put("BATCH_EMAIL_FILTER", "batch.emailFilter");
    return Map.copyOf(vars);
  }
}
