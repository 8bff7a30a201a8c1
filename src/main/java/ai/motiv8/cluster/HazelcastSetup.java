package ai.motiv8.cluster;

import ai.motiv8.config.AppConfig.ClusterConfig;
import ai.motiv8.config.ConfigException;
import com.hazelcast.config.Config;
import com.hazelcast.config.FileSystemXmlConfig;
import com.hazelcast.config.FileSystemYamlConfig;
import com.hazelcast.config.JoinConfig;
import com.hazelcast.config.NetworkConfig;
import io.vertx.core.eventbus.EventBusOptions;
import io.vertx.spi.cluster.hazelcast.ConfigUtil;
import io.vertx.spi.cluster.hazelcast.HazelcastClusterManager;

import java.io.IOException;
import java.nio.file.Files;

/**
 * Builds the Hazelcast cluster manager and the event-bus options from {@link ClusterConfig}.
 * Discovery is a TCP-IP member list by default (multicast off, auto-detection off), or Kubernetes
 * (the pods behind a headless service), or a complete Hazelcast XML/YAML file for anything else.
 * Hazelcast's own JVM shutdown hook is turned off: motiv8's graceful shutdown leaves the cluster
 * itself, after in-flight requests have been answered.
 */
public final class HazelcastSetup {

  private HazelcastSetup() {
  }

  public static HazelcastClusterManager clusterManager(ClusterConfig cluster) {
    return new HazelcastClusterManager(hazelcastConfig(cluster));
  }

  /** The event bus listens on {@code cluster.host} (when set) and {@code cluster.eventBusPort}. */
  public static EventBusOptions eventBusOptions(ClusterConfig cluster) {
    EventBusOptions options = new EventBusOptions().setPort(cluster.eventBusPort());
    if (cluster.host() != null) {
      options.setHost(cluster.host());
    }
    if (cluster.publicHost() != null) {
      options.setClusterPublicHost(cluster.publicHost());
    }
    return options;
  }

  static Config hazelcastConfig(ClusterConfig cluster) {
    Config config = cluster.configFile() != null ? fromFile(cluster) : programmatic(cluster);
    config.setClusterName(cluster.name());
    config.setProperty("hazelcast.logging.type", "slf4j");
    config.setProperty("hazelcast.phone.home.enabled", "false");
    config.setProperty("hazelcast.shutdownhook.enabled", "false");
    return config;
  }

  private static Config programmatic(ClusterConfig cluster) {
    // Vert.x's own maps, multimaps and locks (subscriptions, HA info) are configured by this default.
    Config config = ConfigUtil.loadConfig();
    config.setProperty("hazelcast.wait.seconds.before.join", String.valueOf(cluster.joinWaitSeconds()));
    config.setProperty("hazelcast.max.wait.seconds.before.join", String.valueOf(cluster.joinWaitSeconds()));
    config.setProperty("hazelcast.heartbeat.interval.seconds", "1");
    config.setProperty("hazelcast.max.no.heartbeat.seconds", String.valueOf(cluster.memberTimeoutSeconds()));

    NetworkConfig network = config.getNetworkConfig();
    network.setPort(cluster.port()).setPortAutoIncrement(true);
    if (cluster.host() != null) {
      config.setProperty("hazelcast.socket.bind.any", "false");
      network.getInterfaces().setEnabled(true).clear().addInterface(cluster.host());
    }
    if (cluster.publicHost() != null) {
      network.setPublicAddress(cluster.publicHost());
    }
    JoinConfig join = network.getJoin();
    join.getAutoDetectionConfig().setEnabled(false);
    join.getMulticastConfig().setEnabled(false);
    join.getTcpIpConfig().setEnabled(false);
    join.getKubernetesConfig().setEnabled(false);
    switch (cluster.discovery()) {
      case "multicast" -> join.getMulticastConfig().setEnabled(true);
      case "kubernetes" -> {
        join.getKubernetesConfig().setEnabled(true);
        if (cluster.kubernetesService() != null) {
          join.getKubernetesConfig().setProperty("service-name", cluster.kubernetesService());
        }
      }
      default -> {
        join.getTcpIpConfig().setEnabled(true);
        if (cluster.members().isEmpty()) {
          join.getTcpIpConfig().addMember(cluster.host() != null ? cluster.host() : "127.0.0.1");
        } else {
          cluster.members().forEach(join.getTcpIpConfig()::addMember);
        }
      }
    }
    return config;
  }

  private static Config fromFile(ClusterConfig cluster) {
    String name = cluster.configFile().getFileName().toString().toLowerCase();
    if (!Files.isRegularFile(cluster.configFile())) {
      throw ConfigException.invalid("cluster.configFile", "no such file", cluster.configFile());
    }
    try {
      return name.endsWith(".yaml") || name.endsWith(".yml")
          ? new FileSystemYamlConfig(cluster.configFile().toFile())
          : new FileSystemXmlConfig(cluster.configFile().toFile());
    } catch (IOException | RuntimeException e) {
      throw ConfigException.invalid("cluster.configFile", "not a Hazelcast configuration: " + e.getMessage(),
          cluster.configFile());
    }
  }
}
