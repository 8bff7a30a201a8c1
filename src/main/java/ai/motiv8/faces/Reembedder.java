package ai.motiv8.faces;

import ai.motiv8.config.AppConfig.FaceConfig;
import ai.motiv8.faces.buffalo.BuffaloPack;
import ai.motiv8.faces.pack.DefaultFacePack;
import ai.motiv8.users.User;
import ai.motiv8.users.UserStore;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Recomputes users' embeddings from their stored selfies after the face pack changed: embeddings
 * of different models cannot be compared, and the diffusion engine needs buffalo_l's. Also fills
 * rows of the original whose selfie has no embedding or no gender yet. Each user gets a new
 * {@code .npy} and gender ({@link SelfieFaces#embed}); the row is switched to it, then the old
 * file is deleted.
 */
public final class Reembedder {

  private static final Logger log = LoggerFactory.getLogger(Reembedder.class);

  /** What a run did. */
  public record Summary(int users, int reembedded, int skipped, int failed, long millis) {
  }

  private final UserStore users;
  private final SelfieFaces selfieFaces;
  private final String targetModel;

  public Reembedder(Vertx vertx, FaceConfig config) {
    this.users = UserStore.createProxy(vertx);
    this.selfieFaces = SelfieFaces.overBus(vertx, config.timeoutMs());
    this.targetModel = BuffaloPack.NAME.equals(config.pack()) ? BuffaloPack.EMBEDDING_MODEL : DefaultFacePack.EMBEDDING_MODEL;
  }

  /**
   * @param onlyStale skip users whose embedding already comes from the configured pack (and whose
   *     gender is known)
   * @param concurrency users processed at once
   */
  public Future<Summary> run(boolean onlyStale, int concurrency, boolean dryRun) {
    long start = System.currentTimeMillis();
    return users.usersWithSelfie().compose(all -> {
      List<User> due = all.stream().filter(u -> !onlyStale || stale(u)).toList();
      log.info("{} users with a selfie, {} to re-embed with {}", all.size(), due.size(), targetModel);
      if (dryRun) {
        due.forEach(u -> log.info("Would re-embed user {} (now {})", u.id(), u.embeddingModel()));
        return Future.succeededFuture(new Summary(all.size(), 0, all.size(), 0, System.currentTimeMillis() - start));
      }
      AtomicInteger done = new AtomicInteger();
      AtomicInteger failed = new AtomicInteger();
      Deque<User> queue = new ArrayDeque<>(due);
      Promise<Void> finished = Promise.promise();
      AtomicInteger running = new AtomicInteger(Math.max(1, Math.min(concurrency, due.size())));
      if (due.isEmpty()) {
        finished.complete();
      }
      for (int i = 0; i < running.get(); i++) {
        next(queue, done, failed, running, finished);
      }
      return finished.future().map(v -> new Summary(all.size(), done.get(), all.size() - due.size(), failed.get(),
          System.currentTimeMillis() - start));
    });
  }

  private boolean stale(User user) {
    return user.selfieEmbeddingFilename() == null || user.gender() == null
        || !targetModel.equals(user.embeddingModel());
  }

  private void next(Deque<User> queue, AtomicInteger done, AtomicInteger failed, AtomicInteger running,
                    Promise<Void> finished) {
    User user;
    synchronized (queue) {
      user = queue.poll();
    }
    if (user == null) {
      if (running.decrementAndGet() == 0) {
        finished.tryComplete();
      }
      return;
    }
    reembed(user).onComplete(result -> {
      if (result.succeeded()) {
        done.incrementAndGet();
      } else {
        failed.incrementAndGet();
        log.warn("Re-embedding user {} failed: {}", user.id(), result.cause().getMessage());
      }
      next(queue, done, failed, running, finished);
    });
  }

  private Future<Void> reembed(User user) {
    return selfieFaces.embed(user).mapEmpty();
  }
}
