package ai.motiv8.faces;

import io.vertx.core.Future;
import io.vertx.core.Promise;

import java.util.ArrayDeque;
import java.util.Queue;
import java.util.function.Supplier;

/**
 * Runs at most {@code maxRunning} asynchronous jobs at once and queues at most {@code maxQueued}
 * more; beyond that a job is refused at once with {@link BusyException} (the caller answers 503),
 * so that a burst cannot pile up work that would outlive every request's timeout. A slot is freed
 * when the job really ends, not when its caller gave up waiting, so a stuck model cannot cause
 * unbounded load.
 *
 * <p>Confined to one Vert.x context: every method and every job completion must run on it. Public
 * so that the generation worker bounds its jobs the same way; the refusal messages speak of face
 * analysis, so other callers map {@link BusyException} to their own text.
 */
public final class ConcurrencyLimiter {

  private final int maxRunning;
  private final int maxQueued;
  private final Queue<Runnable> queue = new ArrayDeque<>();
  private int running;
  private boolean closed;
  private Promise<Void> drained;

  public ConcurrencyLimiter(int maxRunning, int maxQueued) {
    if (maxRunning < 1 || maxQueued < 0) {
      throw new IllegalArgumentException("maxRunning must be at least 1 and maxQueued at least 0");
    }
    this.maxRunning = maxRunning;
    this.maxQueued = maxQueued;
  }

  public <T> Future<T> submit(Supplier<Future<T>> job) {
    if (closed) {
      return Future.failedFuture(new BusyException("Face analysis is stopping, try again shortly"));
    }
    Promise<T> promise = Promise.promise();
    Runnable start = () -> {
      running++;
      Future<T> future;
      try {
        future = job.get();
      } catch (RuntimeException e) {
        future = Future.failedFuture(e);
      }
      future.onComplete(result -> {
        running--;
        promise.handle(result);
        startNext();
      });
    };
    if (running < maxRunning) {
      start.run();
    } else if (queue.size() < maxQueued) {
      queue.add(start);
    } else {
      return Future.failedFuture(new BusyException("Face analysis is busy, try again shortly"));
    }
    return promise.future();
  }

  public int running() {
    return running;
  }

  public int queued() {
    return queue.size();
  }

  /** Refuses new jobs; completes once the queued and running ones have ended. */
  public Future<Void> close() {
    closed = true;
    if (drained == null) {
      drained = Promise.promise();
    }
    completeDrainIfIdle();
    return drained.future();
  }

  private void startNext() {
    if (!queue.isEmpty() && running < maxRunning) {
      queue.poll().run();
    }
    completeDrainIfIdle();
  }

  private void completeDrainIfIdle() {
    if (drained != null && running == 0 && queue.isEmpty()) {
      drained.tryComplete();
    }
  }

  /** The limiter refused a job: too many requests at once, or stopping. */
  public static final class BusyException extends RuntimeException {
    BusyException(String message) {
      super(message, null, false, false);
    }
  }
}
