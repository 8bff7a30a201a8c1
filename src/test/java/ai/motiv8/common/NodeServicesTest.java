package ai.motiv8.common;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.ReplyException;
import io.vertx.core.eventbus.ReplyFailure;
import io.vertx.junit5.VertxExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** A contract served on this node: called directly while registered, answering as its proxy would. */
@ExtendWith(VertxExtension.class)
class NodeServicesTest {

  interface Greeter {
    Future<String> greet(String name);

    Future<String> neverAnswers();

    Future<String> throwsAtOnce();
  }

  private static final class LocalGreeter implements Greeter {
    @Override
    public Future<String> greet(String name) {
      return Future.succeededFuture("hello " + name);
    }

    @Override
    public Future<String> neverAnswers() {
      return Promise.<String>promise().future();
    }

    @Override
    public Future<String> throwsAtOnce() {
      throw ApiException.badRequest("no");
    }
  }

  private static final Greeter OVER_THE_BUS = new Greeter() {
    @Override
    public Future<String> greet(String name) {
      return Future.succeededFuture("proxied " + name);
    }

    @Override
    public Future<String> neverAnswers() {
      return Future.failedFuture("proxied");
    }

    @Override
    public Future<String> throwsAtOnce() {
      return Future.failedFuture("proxied");
    }
  };

  @Test
  void callsTheRegisteredImplementationUntilItIsRemoved(Vertx vertx) throws Exception {
    assertThat(greet(NodeServices.find(vertx, Greeter.class, () -> OVER_THE_BUS))).isEqualTo("proxied ann");

    LocalGreeter local = new LocalGreeter();
    NodeServices.register(vertx, Greeter.class, local);
    assertThat(greet(NodeServices.find(vertx, Greeter.class, () -> OVER_THE_BUS))).isEqualTo("hello ann");

    NodeServices.remove(vertx, Greeter.class, new LocalGreeter());
    assertThat(greet(NodeServices.find(vertx, Greeter.class, () -> OVER_THE_BUS)))
        .as("another deployment's removal leaves this one").isEqualTo("hello ann");

    NodeServices.remove(vertx, Greeter.class, local);
    assertThat(greet(NodeServices.find(vertx, Greeter.class, () -> OVER_THE_BUS))).isEqualTo("proxied ann");
  }

  @Test
  void anUnansweredCallTimesOutAsAProxyCallDoes() throws Exception {
    Greeter greeter = NodeServices.timed(Greeter.class, new LocalGreeter(), 100);

    Throwable failure = failureOf(greeter.neverAnswers());

    assertThat(failure).isInstanceOf(ReplyException.class);
    assertThat(((ReplyException) failure).failureType()).isEqualTo(ReplyFailure.TIMEOUT);
    assertThat(failure).hasMessageContaining("Greeter.neverAnswers");
  }

  @Test
  void anExceptionThrownAtOnceBecomesAFailedFuture() throws Exception {
    Greeter greeter = NodeServices.timed(Greeter.class, new LocalGreeter(), 1_000);

    assertThat(failureOf(greeter.throwsAtOnce())).isInstanceOf(ApiException.class).hasMessage("no");
    assertThat(greeter.toString()).startsWith(LocalGreeter.class.getName());
  }

  private static String greet(Greeter greeter) throws Exception {
    return greeter.greet("ann").toCompletionStage().toCompletableFuture().get(5, TimeUnit.SECONDS);
  }

  private static Throwable failureOf(Future<?> call) throws Exception {
    return call.transform(done -> Future.succeededFuture(done.cause()))
        .toCompletionStage().toCompletableFuture().get(5, TimeUnit.SECONDS);
  }
}
