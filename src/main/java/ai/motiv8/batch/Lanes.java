package ai.motiv8.batch;

import io.vertx.core.Future;

import java.util.Deque;
import java.util.function.Function;

/**
 * Up to {@code concurrency} lanes take items off a queue until it is empty, each one item at a
 * time; then {@code whenEmpty} runs once. Callbacks rather than a chain of Futures, so that a long
 * queue builds no long chain. Confined to the caller's context.
 */
final class Lanes {

  private Lanes() {
  }

  static <T> void run(Deque<T> queue, int concurrency, Function<T, Future<?>> work, Runnable whenEmpty) {
    int count = Math.min(concurrency, queue.size());
    if (count == 0) {
      whenEmpty.run();
      return;
    }
    int[] running = {count};
    Runnable laneEnded = () -> {
      if (--running[0] == 0) {
        whenEmpty.run();
      }
    };
    for (int i = 0; i < count; i++) {
      next(queue, work, laneEnded);
    }
  }

  private static <T> void next(Deque<T> queue, Function<T, Future<?>> work, Runnable laneEnded) {
    T item = queue.poll();
    if (item == null) {
      laneEnded.run();
      return;
    }
    work.apply(item).onComplete(done -> next(queue, work, laneEnded));
  }
}
