package ai.motiv8.persistence;

import ai.motiv8.config.AppConfig.DatabaseConfig;
import ai.motiv8.users.UserStore;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.ReplyException;
import io.vertx.core.eventbus.ReplyFailure;
import io.vertx.junit5.Timeout;
import io.vertx.junit5.VertxExtension;
import io.vertx.junit5.VertxTestContext;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.io.IOException;
import java.net.ServerSocket;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

@ExtendWith(VertxExtension.class)
@Timeout(value = 60, timeUnit = TimeUnit.SECONDS)
@DisplayName("The persistence verticle")
class PersistenceVerticleTest {

  @Test
  @DisplayName("fails to deploy when the database cannot be reached, naming it without the password")
  void unreachableDatabase(Vertx vertx, VertxTestContext testContext) throws IOException {
    int closedPort;
    try (ServerSocket socket = new ServerSocket(0)) {
      closedPort = socket.getLocalPort();
    }
    DatabaseConfig config = new DatabaseConfig(null, "127.0.0.1", closedPort, "motiv8", "app", "s3cret-password", 2);
    vertx.deployVerticle(new PersistenceVerticle(config)).onComplete(testContext.failing(error -> testContext.verify(() -> {
      assertThat(error.getMessage())
          .contains("postgresql://app@127.0.0.1:" + closedPort + "/motiv8")
          .doesNotContain("s3cret-password");
      testContext.completeNow();
    })));
  }

  @Test
  @DisplayName("stops serving the user store when undeployed")
  void undeployUnbinds(Vertx vertx, VertxTestContext testContext) {
    UserStore store = UserStore.createProxy(vertx);
    vertx.deployVerticle(new PersistenceVerticle(TestDatabases.sqlite()))
        .compose(id -> store.ping().compose(pong -> vertx.undeploy(id)))
        .compose(undeployed -> store.ping())
        .onComplete(testContext.failing(error -> testContext.verify(() -> {
          assertThat(error).isInstanceOf(ReplyException.class);
          assertThat(((ReplyException) error).failureType()).isEqualTo(ReplyFailure.NO_HANDLERS);
          testContext.completeNow();
        })));
  }
}
