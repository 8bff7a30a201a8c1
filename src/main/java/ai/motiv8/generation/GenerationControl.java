package ai.motiv8.generation;

import java.time.Clock;
import java.time.Instant;
import java.util.Objects;
import java.util.function.BooleanSupplier;

/**
 * How a caller follows and stops a long generation. Engines that work in steps (diffusion)
 * call {@link #progress} after each step and check {@link #cancelled()} between steps, so a job
 * past its timeout stops within one step; quick engines ({@code poster}) may ignore both.
 * Implementations must be thread-safe: the engine calls them on its worker thread.
 */
public interface GenerationControl {

  /** Neither cancellation nor progress. */
  GenerationControl NONE = new GenerationControl() {
  };

  /** Whether the caller no longer wants the image; checked between steps. */
  default boolean cancelled() {
    return false;
  }

  /**
   * Step {@code step} of {@code steps} is done (1-based). Called on the engine's thread: keep it
   * quick, never block.
   */
  default void progress(int step, int steps) {
  }

  /** A control that cancels when {@code cancelled} says so and reports to {@code listener}. */
  static GenerationControl of(BooleanSupplier cancelled, ProgressListener listener) {
    Objects.requireNonNull(cancelled, "cancelled");
    Objects.requireNonNull(listener, "listener");
    return new GenerationControl() {
      @Override
      public boolean cancelled() {
        return cancelled.getAsBoolean();
      }

      @Override
      public void progress(int step, int steps) {
        listener.progress(step, steps);
      }
    };
  }

  /** A control that cancels once {@code deadline} has passed. */
  static GenerationControl deadline(Instant deadline) {
    return deadline(deadline, Clock.systemUTC());
  }

  /** A control that cancels once {@code clock} is past {@code deadline}. */
  static GenerationControl deadline(Instant deadline, Clock clock) {
    Objects.requireNonNull(deadline, "deadline");
    return of(() -> clock.instant().isAfter(deadline), (step, steps) -> { });
  }

  /** Receives per-step progress. */
  @FunctionalInterface
  interface ProgressListener {
    void progress(int step, int steps);
  }
}
