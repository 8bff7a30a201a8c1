package ai.motiv8.cluster;

import ai.motiv8.config.AppConfig.ClusterConfig;
import ai.motiv8.config.ConfigException;
import com.hazelcast.config.Config;
import com.hazelcast.config.JoinConfig;
import io.vertx.junit5.Timeout;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The Hazelcast configuration built from {@code cluster.*} (nothing is started). */
@Timeout(value = 10, timeUnit = TimeUnit.SECONDS)
class HazelcastSetupTest {

  @TempDir
  Path dir;

  private static ClusterConfig cluster(String discovery, List<String> members, String host, Path file) {
    return new ClusterConfig(true, "motiv8-prod", discovery, members, host, null, 5701, 0, 3, 10, "motiv8-workers",
        file);
  }

  @Test
  @DisplayName("TCP-IP discovery joins the listed members only: multicast and auto-detection off, bound to the host")
  void tcpIpMembers() {
    Config config = HazelcastSetup.hazelcastConfig(cluster("tcp-ip", List.of("10.0.0.5", "10.0.0.6:5702"), "10.0.0.4",
        null));
    JoinConfig join = config.getNetworkConfig().getJoin();

    assertThat(config.getClusterName()).isEqualTo("motiv8-prod");
    assertThat(join.getTcpIpConfig().isEnabled()).isTrue();
    assertThat(join.getTcpIpConfig().getMembers()).containsExactly("10.0.0.5", "10.0.0.6:5702");
    assertThat(join.getMulticastConfig().isEnabled()).isFalse();
    assertThat(join.getAutoDetectionConfig().isEnabled()).isFalse();
    assertThat(config.getNetworkConfig().getInterfaces().getInterfaces()).containsExactly("10.0.0.4");
    assertThat(config.getProperty("hazelcast.shutdownhook.enabled")).isEqualTo("false");
    assertThat(config.getProperty("hazelcast.max.no.heartbeat.seconds")).isEqualTo("10");
    // Vert.x's own structures keep their configuration.
    assertThat(config.getMultiMapConfigs()).containsKey("__vertx.subs");
  }

  @Test
  @DisplayName("Kubernetes discovery finds the pods of the configured service")
  void kubernetes() {
    JoinConfig join = HazelcastSetup.hazelcastConfig(cluster("kubernetes", List.of(), null, null))
        .getNetworkConfig().getJoin();

    assertThat(join.getKubernetesConfig().isEnabled()).isTrue();
    assertThat(join.getKubernetesConfig().getProperty("service-name")).isEqualTo("motiv8-workers");
    assertThat(join.getTcpIpConfig().isEnabled()).isFalse();
  }

  @Test
  @DisplayName("A Hazelcast file replaces the built configuration but keeps the cluster name; a missing file names the key")
  void configFile() throws IOException {
    Path file = dir.resolve("hazelcast.yaml");
    Files.writeString(file, """
        hazelcast:
          network:
            join:
              multicast:
                enabled: false
              aws:
                enabled: true
                tag-key: motiv8
        """);
    Config config = HazelcastSetup.hazelcastConfig(cluster("tcp-ip", List.of(), null, file));
    assertThat(config.getClusterName()).isEqualTo("motiv8-prod");
    assertThat(config.getNetworkConfig().getJoin().getAwsConfig().isEnabled()).isTrue();

    assertThatThrownBy(() -> HazelcastSetup.hazelcastConfig(cluster("tcp-ip", List.of(), null, dir.resolve("none.xml"))))
        .isInstanceOf(ConfigException.class).hasMessageContaining("cluster.configFile");
  }
}
