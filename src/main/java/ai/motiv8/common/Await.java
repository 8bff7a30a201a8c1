package ai.motiv8.common;

import io.vertx.core.Future;

import java.util.concurrent.ExecutionException;

/**
 * Waits for a Vert.x future on a command's own thread (picocli's main thread, never an event loop);
 * a failure is thrown as the future's own exception.
 */
public final class Await {

  private Await() {
  }

  public static <T> T result(Future<T> future) throws Exception {
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
