package ai.motiv8.support;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;

import java.util.function.BooleanSupplier;

/** Waits for a condition by checking it on a timer, never by sleeping. */
public final class Polling {

  private Polling() {
  }

  public static Future<Void> until(Vertx vertx, BooleanSupplier condition, long timeoutMs) {
    long deadline = System.currentTimeMillis() + timeoutMs;
    Promise<Void> promise = Promise.promise();
    vertx.setPeriodic(0, 20, id -> {
      if (condition.getAsBoolean()) {
        vertx.cancelTimer(id);
        promise.tryComplete();
      } else if (System.currentTimeMillis() > deadline) {
        vertx.cancelTimer(id);
        promise.tryFail(new AssertionError("condition not met within " + timeoutMs + " ms"));
      }
    });
    return promise.future();
  }
}
