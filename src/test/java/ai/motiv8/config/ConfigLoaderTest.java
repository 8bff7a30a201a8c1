package ai.motiv8.config;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ConfigLoaderTest {

  @TempDir
  Path dir;

  private AppConfig load(Map<String, String> env, Map<String, String> cli) {
    return new ConfigLoader(dir.resolve("conf"), dir.resolve(".env"), env).load(null, cli);
  }

  @Test
  @DisplayName("Without any settings the development defaults apply: SQLite, local files, port 8000")
  void developmentDefaults() {
    AppConfig config = load(Map.of(), Map.of());

    assertThat(config.isProduction()).isFalse();
    assertThat(config.http().port()).isEqualTo(8000);
    assertThat(config.database().isPostgres()).isFalse();
    assertThat(config.database().describe()).isEqualTo("sqlite:./motiv8.db");
    assertThat(config.storage().isS3()).isFalse();
    // No endpoint: AWS itself, with the SDK's defaults.
    assertThat(config.storage().s3PathStyle()).isFalse();
    assertThat(config.storage().s3ChecksumsWhenRequired()).isFalse();
    assertThat(config.mail().smtpConfigured()).isFalse();
    assertThat(config.face().pack()).isEqualTo("default");
    assertThat(config.generation().engine()).isEqualTo("poster");
    assertThat(config.auth().frontendUrl()).isEqualTo("http://localhost:5173");
  }

  @Test
  @DisplayName("Later sources win: conf file, then .env, then environment variables, then the command line")
  void precedence() throws IOException {
    Files.createDirectories(dir.resolve("conf"));
    Files.writeString(dir.resolve("conf/config.json"), defaultsWith("\"port\": 8100"));
    Files.writeString(dir.resolve(".env"), """
        # deployment values
        HTTP_PORT=8200
        SMTP_HOST="mail.example.org"
        export FROM_EMAIL=coach@example.org
        S3_BUCKET=from-dotenv
        """);

    AppConfig fileAndDotEnv = load(Map.of(), Map.of());
    assertThat(fileAndDotEnv.http().port()).isEqualTo(8200);
    assertThat(fileAndDotEnv.mail().smtpHost()).isEqualTo("mail.example.org");
    assertThat(fileAndDotEnv.mail().fromEmail()).isEqualTo("coach@example.org");

    AppConfig withEnv = load(Map.of("HTTP_PORT", "8300", "S3_BUCKET", "from-env"), Map.of());
    assertThat(withEnv.http().port()).isEqualTo(8300);
    assertThat(withEnv.storage().s3Bucket()).isEqualTo("from-env");

    AppConfig withCli = load(Map.of("HTTP_PORT", "8300"), Map.of("http.port", "8400"));
    assertThat(withCli.http().port()).isEqualTo(8400);
  }

  @Test
  @DisplayName("PostgreSQL is used only when DB_HOST, DB_USERNAME and DB_PASSWORD are all set, and logs mask the password")
  void postgresSwitch() {
    AppConfig partial = load(Map.of("DB_HOST", "db", "DB_USERNAME", "app"), Map.of());
    assertThat(partial.database().isPostgres()).isFalse();

    AppConfig full = load(Map.of("DB_HOST", "db", "DB_USERNAME", "app", "DB_PASSWORD", "s3cret", "DB_NAME", "prod"), Map.of());
    assertThat(full.database().isPostgres()).isTrue();
    assertThat(full.database().port()).isEqualTo(5432);
    assertThat(full.database().describe()).isEqualTo("postgresql://app@db:5432/prod").doesNotContain("s3cret");
  }

  @Test
  @DisplayName("A bad value stops start-up with a message that names the key")
  void badValuesNameTheirKey() {
    assertThatThrownBy(() -> load(Map.of("HTTP_PORT", "eighty"), Map.of()))
        .isInstanceOf(ConfigException.class).hasMessageContaining("http.port");
    assertThatThrownBy(() -> load(Map.of("DB_PORT", "70000"), Map.of()))
        .isInstanceOf(ConfigException.class).hasMessageContaining("database.port");
    assertThatThrownBy(() -> load(Map.of("ENVIRONMENT", "staging"), Map.of()))
        .isInstanceOf(ConfigException.class).hasMessageContaining("environment");
    assertThatThrownBy(() -> load(Map.of("FACE_PACK", "nope"), Map.of()))
        .isInstanceOf(ConfigException.class).hasMessageContaining("face.pack");
    assertThatThrownBy(() -> load(Map.of("FRONTEND_URL", "not a url"), Map.of()))
        .isInstanceOf(ConfigException.class).hasMessageContaining("auth.frontendUrl");
  }

  @Test
  @DisplayName("Production refuses to start without its own JWT secret")
  void productionNeedsASecret() {
    assertThatThrownBy(() -> load(Map.of("ENVIRONMENT", "production"), Map.of()))
        .isInstanceOf(ConfigException.class).hasMessageContaining("auth.jwtSecret");
    assertThatThrownBy(() -> load(Map.of("ENVIRONMENT", "production", "JWT_SECRET_KEY", ConfigKeys.DEVELOPMENT_JWT_SECRET), Map.of()))
        .isInstanceOf(ConfigException.class).hasMessageContaining("auth.jwtSecret");
    assertThatThrownBy(() -> load(Map.of("ENVIRONMENT", "production", "JWT_SECRET_KEY", "short"), Map.of()))
        .isInstanceOf(ConfigException.class).hasMessageContaining("auth.jwtSecret");

    AppConfig production = load(Map.of("ENVIRONMENT", "production",
        "JWT_SECRET_KEY", "a-real-production-secret-of-enough-length"), Map.of());
    assertThat(production.isProduction()).isTrue();
  }

  @Test
  @DisplayName("An overlay file given with --conf lays over the defaults, and the environment still wins")
  void overlayFile() throws IOException {
    Path overlay = dir.resolve("single-node.json");
    Files.writeString(overlay, "{\"http\": {\"port\": 9100, \"instances\": 2}, \"face\": {\"ortThreads\": 2}}");

    AppConfig config = new ConfigLoader(dir.resolve("conf"), dir.resolve(".env"), Map.of("HTTP_PORT", "9200"))
        .load(overlay, Map.of());

    assertThat(config.http().instances()).isEqualTo(2);
    assertThat(config.face().ortThreads()).isEqualTo(2);
    assertThat(config.http().port()).isEqualTo(9200);
  }

  @Test
  @DisplayName("Scale-out settings default to one process with every role: no cluster, 30 s grace, metrics on, an HTTP verticle per core")
  void scaleDefaults() {
    AppConfig config = load(Map.of(), Map.of());

    assertThat(config.roles()).isEqualTo(AppConfig.Role.ALL);
    assertThat(config.cluster().enabled()).isFalse();
    assertThat(config.cluster().discovery()).isEqualTo("tcp-ip");
    assertThat(config.cluster().port()).isEqualTo(5701);
    assertThat(config.shutdown().graceSeconds()).isEqualTo(30);
    assertThat(config.metrics().enabled()).isTrue();
    assertThat(config.http().instances()).isEqualTo(Runtime.getRuntime().availableProcessors());
  }

  @Test
  @DisplayName("MOTIV8_ROLE and the CLUSTER_* variables choose the role and the cluster; a bad role stops start-up naming the key")
  void rolesAndClusterFromEnvironment() {
    AppConfig worker = load(Map.of("MOTIV8_ROLE", "worker", "CLUSTER_ENABLED", "true",
        "CLUSTER_MEMBERS", "10.0.0.5:5701, 10.0.0.6", "CLUSTER_HOST", "10.0.0.4", "SHUTDOWN_GRACE_SECONDS", "90",
        "HTTP_INSTANCES", "3"), Map.of());
    assertThat(worker.roles()).containsExactly(AppConfig.Role.WORKER);
    assertThat(worker.runs(AppConfig.Role.API)).isFalse();
    assertThat(worker.cluster().enabled()).isTrue();
    assertThat(worker.cluster().members()).containsExactly("10.0.0.5:5701", "10.0.0.6");
    assertThat(worker.cluster().host()).isEqualTo("10.0.0.4");
    assertThat(worker.shutdown().graceSeconds()).isEqualTo(90);
    assertThat(worker.http().instances()).isEqualTo(3);

    AppConfig api = load(Map.of("MOTIV8_ROLE", "worker"), Map.of("roles", "api", "cluster.enabled", "true"));
    assertThat(api.roles()).containsExactly(AppConfig.Role.API);
    assertThat(api.cluster().enabled()).isTrue();

    assertThatThrownBy(() -> load(Map.of("MOTIV8_ROLE", "scheduler"), Map.of()))
        .isInstanceOf(ConfigException.class).hasMessageContaining("roles").hasMessageContaining("scheduler");
    assertThatThrownBy(() -> load(Map.of("CLUSTER_DISCOVERY", "gossip"), Map.of()))
        .isInstanceOf(ConfigException.class).hasMessageContaining("cluster.discovery");
  }

  @Test
  @DisplayName("The deployment shapes shipped in conf/ are found by name (inside the jar too), and the environment still wins")
  void shippedDeploymentShapes() {
    ConfigLoader loader = new ConfigLoader(dir.resolve("conf"), dir.resolve(".env"), Map.of("HTTP_PORT", "9300"));

    AppConfig api = loader.load(Path.of("conf/cluster-api.json"), Map.of());
    assertThat(api.roles()).containsExactly(AppConfig.Role.API);
    assertThat(api.cluster().enabled()).isTrue();
    assertThat(api.cluster().members()).containsExactly("127.0.0.1");
    assertThat(api.http().port()).isEqualTo(9300);

    AppConfig worker = loader.load(Path.of("cluster-worker.json"), Map.of());
    assertThat(worker.roles()).containsExactly(AppConfig.Role.WORKER);
    assertThat(worker.storage().tempDir()).isNotEqualTo(api.storage().tempDir());

    AppConfig single = loader.load(Path.of("single-node.json"), Map.of());
    assertThat(single.roles()).isEqualTo(AppConfig.Role.ALL);
    assertThat(single.cluster().enabled()).isFalse();
  }

  private static String defaultsWith(String httpPort) throws IOException {
    try (var in = ConfigLoaderTest.class.getResourceAsStream("/conf/config.json")) {
      return new String(in.readAllBytes()).replace("\"port\": 8000", httpPort);
    }
  }

  @Test
  @DisplayName("The daily batch is off in development and on in production, at 07:00 UTC; its variables set it and"
      + " a bad time or zone names its key")
  void batchSchedule() {
    AppConfig development = load(Map.of(), Map.of());
    assertThat(development.batch().enabled()).isFalse();
    assertThat(development.batch().time()).isEqualTo(java.time.LocalTime.of(7, 0));
    assertThat(development.batch().zone()).isEqualTo(java.time.ZoneId.of("UTC"));
    assertThat(development.batch().maxAttempts()).isEqualTo(3);

    AppConfig production = load(Map.of("ENVIRONMENT", "production",
        "JWT_SECRET_KEY", "a-real-production-secret-of-enough-length"), Map.of());
    assertThat(production.batch().enabled()).isTrue();

    AppConfig set = load(Map.of("BATCH_ENABLED", "true", "BATCH_TIME", "05:30", "BATCH_ZONE", "Europe/Paris",
        "BATCH_CONCURRENCY", "4", "BATCH_LEASE_SECONDS", "600", "BATCH_MAX_ATTEMPTS", "5"), Map.of());
    assertThat(set.batch()).isEqualTo(new AppConfig.BatchConfig(true, java.time.LocalTime.of(5, 30),
        java.time.ZoneId.of("Europe/Paris"), 4, 600, 5, 900));

    assertThatThrownBy(() -> load(Map.of("BATCH_TIME", "7am"), Map.of()))
        .isInstanceOf(ConfigException.class).hasMessageContaining("batch.schedule.time");
    assertThatThrownBy(() -> load(Map.of("BATCH_ZONE", "Mars/Olympus"), Map.of()))
        .isInstanceOf(ConfigException.class).hasMessageContaining("batch.schedule.zone");
    assertThatThrownBy(() -> load(Map.of("BATCH_LEASE_SECONDS", "5"), Map.of()))
        .isInstanceOf(ConfigException.class).hasMessageContaining("batch.leaseSeconds");
  }

  @Test
  @DisplayName("The diffusion engine's pack folder, execution provider and threads have defaults, variables and"
      + " checked values")
  void diffusionSettings() {
    AppConfig.DiffusionConfig defaults = load(Map.of(), Map.of()).generation().diffusion();
    assertThat(defaults.packDir()).isEqualTo(Path.of("./models/diffusion/realistic-vision-v4-faceid-plus"));
    assertThat(defaults.executionProvider()).isEqualTo("cpu");
    assertThat(defaults.threads()).isEqualTo(Runtime.getRuntime().availableProcessors());

    AppConfig set = load(Map.of("GENERATION_ENGINE", "diffusion", "DIFFUSION_PACK_DIR", "/srv/packs/rv4",
        "DIFFUSION_EXECUTION_PROVIDER", "cuda", "DIFFUSION_THREADS", "6"), Map.of());
    assertThat(set.generation().engine()).isEqualTo("diffusion");
    assertThat(set.generation().diffusion()).isEqualTo(new AppConfig.DiffusionConfig(Path.of("/srv/packs/rv4"),
        "cuda", 6));

    assertThatThrownBy(() -> load(Map.of("DIFFUSION_EXECUTION_PROVIDER", "tpu"), Map.of()))
        .isInstanceOf(ConfigException.class).hasMessageContaining("generation.diffusion.executionProvider");
    assertThatThrownBy(() -> load(Map.of("DIFFUSION_THREADS", "-2"), Map.of()))
        .isInstanceOf(ConfigException.class).hasMessageContaining("generation.diffusion.threads");
    assertThatThrownBy(() -> load(Map.of("GENERATION_ENGINE", "dall-e"), Map.of()))
        .isInstanceOf(ConfigException.class).hasMessageContaining("generation.engine");
  }
}
