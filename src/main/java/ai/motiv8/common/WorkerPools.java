package ai.motiv8.common;

import io.vertx.core.DeploymentOptions;
import io.vertx.core.ThreadingModel;

import java.util.concurrent.TimeUnit;

/** Deployment of the verticles that run models (face inference, generation) on worker pools of their own. */
public final class WorkerPools {

  private WorkerPools() {
  }

  /**
   * Worker threading model on the pool {@code name}: one thread for the verticle's own messages
   * and one per job that may run at once; a thread is reported as blocked only past twice the
   * job timeout (at least a minute), since model loading and inference legitimately take long.
   */
  public static DeploymentOptions options(String name, int maxConcurrency, long timeoutMs) {
    return new DeploymentOptions()
        .setThreadingModel(ThreadingModel.WORKER)
        .setWorkerPoolName(name)
        .setWorkerPoolSize(maxConcurrency + 1)
        .setMaxWorkerExecuteTime(Math.max(TimeUnit.SECONDS.toMillis(60), 2 * timeoutMs))
        .setMaxWorkerExecuteTimeUnit(TimeUnit.MILLISECONDS);
  }
}
