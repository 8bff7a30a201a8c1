package ai.motiv8;

import ai.motiv8.cluster.HazelcastSetup;
import ai.motiv8.cluster.WorkerRouter;
import ai.motiv8.config.AppConfig;
import ai.motiv8.metrics.AppMetrics;
import com.hazelcast.cluster.MembershipEvent;
import com.hazelcast.cluster.MembershipListener;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.VertxBuilder;
import io.vertx.core.VertxOptions;
import io.vertx.core.eventbus.DeliveryOptions;
import io.vertx.micrometer.MicrometerMetricsFactory;
import io.vertx.spi.cluster.hazelcast.HazelcastClusterManager;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Creates the Vert.x instance a configuration asks for: with Micrometer metrics (Prometheus) when
 * {@code metrics.enabled}, and clustered with Hazelcast when {@code cluster.enabled}.
 */
public final class VertxFactory {

  private static final Logger log = LoggerFactory.getLogger(VertxFactory.class);
  private static final String NODE_ID_ATTRIBUTE = "__vertx.nodeId";

  private VertxFactory() {
  }

  public static Future<Vertx> create(AppConfig config) {
    VertxOptions options = new VertxOptions();
    if (config.metrics().enabled()) {
      options.setMetricsOptions(AppMetrics.vertxOptions());
    }
    if (!config.cluster().enabled()) {
      return Future.succeededFuture(builder(config, options).build());
    }
    AppConfig.ClusterConfig cluster = config.cluster();
    options.setEventBusOptions(HazelcastSetup.eventBusOptions(cluster));
    HazelcastClusterManager manager = HazelcastSetup.clusterManager(cluster);
    log.info("Joining cluster '{}' ({} discovery{})", cluster.name(),
        cluster.configFile() != null ? "file " + cluster.configFile() : cluster.discovery(),
        "tcp-ip".equals(cluster.discovery()) && cluster.configFile() == null ? ", members " + cluster.members() : "");
    return builder(config, options)
        .withClusterManager(manager)
        .buildClustered()
        .onSuccess(vertx -> {
          watchDepartures(vertx, manager);
          log.info("Joined cluster '{}' as node {}: {} member(s)", cluster.name(), manager.getNodeId(),
              manager.getNodes().size());
        });
  }

  private static VertxBuilder builder(AppConfig config, VertxOptions options) {
    VertxBuilder builder = Vertx.builder().with(options);
    return config.metrics().enabled() ? builder.withMetrics(new MicrometerMetricsFactory(AppMetrics.registry()))
        : builder;
  }

  /**
   * Tells this node's {@link WorkerRouter}s at once when a member leaves, so that requests held by
   * that member fail fast. A listener of its own: the cluster manager's single node listener
   * belongs to Vert.x. The Vert.x node id is the member attribute {@value #NODE_ID_ATTRIBUTE}
   * that vertx-hazelcast sets.
   */
  private static void watchDepartures(Vertx vertx, HazelcastClusterManager manager) {
    DeliveryOptions localOnly = new DeliveryOptions().setLocalOnly(true);
    manager.getHazelcastInstance().getCluster().addMembershipListener(new MembershipListener() {
      @Override
      public void memberAdded(MembershipEvent event) {
        log.info("Cluster member joined: {}", event.getMember().getAddress());
      }

      @Override
      public void memberRemoved(MembershipEvent event) {
        String attribute = event.getMember().getAttribute(NODE_ID_ATTRIBUTE);
        String nodeId = attribute != null ? attribute : event.getMember().getUuid().toString();
        log.info("Cluster member left: {} (node {})", event.getMember().getAddress(), nodeId);
        vertx.eventBus().publish(WorkerRouter.NODE_LEFT, nodeId, localOnly);
      }
    });
  }
}
