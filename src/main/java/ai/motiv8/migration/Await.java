package ai.motiv8.migration;

import io.vertx.core.Future;

import java.util.concurrent.ExecutionException;

/** Waits for a Vert.x future on a command's own thread (never an event loop). */
final class Await {

  private Await() {
  }

  static <T> T result(Future<T> future) throws Exception {
    try {
      return future.toCompletionStage().toCompletableFuture().get();
    } catch (ExecutionException e) {
      Throwable cause = e.getCause() != null ? e.getCause() : e;
      if (cause instanceof Exception exception) {
        throw exception;
      }
      throw e;
    }
  }
}
