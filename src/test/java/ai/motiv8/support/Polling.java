package ai.motiv8.support;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.BooleanSupplier;
import java.util.stream.Stream;

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

  /** The regular files directly in {@code dir} (none when it does not exist). */
  public static long filesIn(Path dir) {
    if (!Files.isDirectory(dir)) {
      return 0;
    }
    try (Stream<Path> files = Files.list(dir)) {
      return files.filter(Files::isRegularFile).count();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
