package ai.motiv8.migration;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.BooleanSupplier;

/**
 * Ctrl-C (or a {@code kill}) during a command: the shutdown hook asks the work to stop, then holds
 * the JVM until the work has finished what it was doing (a batch committed, the objects in flight
 * written), for at most {@link #GRACE_SECONDS}. Everything done so far is kept, and running the
 * same command again continues from there.
 */
final class Interruption implements BooleanSupplier, AutoCloseable {

  static final long GRACE_SECONDS = 120;

  private static final Logger log = LoggerFactory.getLogger(Interruption.class);

  private final AtomicBoolean requested = new AtomicBoolean();
  private final CountDownLatch finished = new CountDownLatch(1);
  private final BooleanSupplier alsoStopWhen;
  private final Thread hook;

  private Interruption(String work, BooleanSupplier alsoStopWhen, boolean onSignal) {
    this.alsoStopWhen = alsoStopWhen;
    this.hook = onSignal ? new Thread(() -> stopAndWait(work), "motiv8-interrupt") : null;
    if (hook != null) {
      Runtime.getRuntime().addShutdownHook(hook);
    }
  }

  /** Listens for Ctrl-C until closed. */
  static Interruption onSignal(String work) {
    return new Interruption(work, () -> false, true);
  }

  /** No signal handling: stops when {@code condition} says so (tests, embedding). */
  static Interruption when(BooleanSupplier condition) {
    return new Interruption(null, condition, false);
  }

  /** True once the work should stop. */
  @Override
  public boolean getAsBoolean() {
    return requested.get() || alsoStopWhen.getAsBoolean();
  }

  void request() {
    requested.set(true);
  }

  private void stopAndWait(String work) {
    requested.set(true);
    log.warn("Interrupted: finishing the {} in progress, then stopping. Run the same command again to continue.", work);
    try {
      if (!finished.await(GRACE_SECONDS, TimeUnit.SECONDS)) {
        log.warn("Stopped without waiting any longer; what was committed is kept");
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** The work is over: lets a waiting shutdown go on, and stops listening. */
  @Override
  public void close() {
    finished.countDown();
    if (hook != null) {
      try {
        Runtime.getRuntime().removeShutdownHook(hook);
      } catch (IllegalStateException shuttingDown) {
        // The hook is running or has run: it is waiting for the countDown above.
      }
    }
  }
}
