package ai.motiv8.faces;

import ai.motiv8.selfies.StoredNames;
import ai.motiv8.storage.StorageKeys;
import ai.motiv8.storage.StorageService;
import ai.motiv8.users.User;
import ai.motiv8.users.UserStore;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;

/**
 * Finds the face in a user's stored selfie and records it: embedding ({@code .npy} under
 * {@code embeddings/}), its model and the pack's gender guess. For rows of the original (a selfie
 * whose face was never found, or no gender), for the batch, {@code POST /api/generate} and
 * {@code models reembed}. A selfie replaced meanwhile wins: the new embedding is dropped. The old
 * embedding file is deleted once the row points at the new one.
 */
public final class SelfieFaces {

  private static final Logger LOG = LoggerFactory.getLogger(SelfieFaces.class);

  private final UserStore users;
  private final FaceService faces;
  private final StorageService storage;
  private final StoredNames names = new StoredNames(Clock.systemUTC());

  public SelfieFaces(UserStore users, FaceService faces, StorageService storage) {
    this.users = users;
    this.faces = faces;
    this.storage = storage;
  }

  /** Over the event bus; {@code faceTimeoutMs} is the worker's {@code face.timeoutMs}. */
  public static SelfieFaces overBus(Vertx vertx, long faceTimeoutMs) {
    return new SelfieFaces(UserStore.createProxy(vertx), FaceService.createProxy(vertx, faceTimeoutMs + 5000),
        StorageService.createProxy(vertx));
  }

  /** A selfie without an embedding: the face has to be found before anything is generated. */
  public static boolean needsEmbedding(User user) {
    return user.selfieFilename() != null && user.selfieEmbeddingFilename() == null;
  }

  /**
   * The user ready to generate: unchanged when embedding and gender are known; else the face is
   * found first. Without an embedding a failure fails the future ({@link FaceService#NO_FACE} when
   * the selfie shows no face); with one, a failure to guess the gender is only logged.
   */
  public Future<User> ensureFace(User user) {
    if (needsEmbedding(user)) {
      LOG.info("User {} has a selfie but no embedding: finding the face first", user.id());
      return embed(user);
    }
    if (user.selfieFilename() != null && user.gender() == null) {
      return guessGender(user).recover(error -> {
        LOG.warn("Gender of user {} not found ({}); going on without", user.id(), error.getMessage());
        return Future.succeededFuture(user);
      });
    }
    return Future.succeededFuture(user);
  }

  /**
   * Embeds the user's current selfie into a new file and points the row at it (with the gender);
   * deletes the old embedding. Fails, leaving nothing behind, when there is no face or the selfie
   * changed meanwhile.
   *
   * @return the user afterwards
   */
  public Future<User> embed(User user) {
    String embeddingName = names.next() + ".npy";
    String embeddingKey = StorageKeys.embedding(embeddingName);
    return faces.analyze(StorageKeys.upload(user.selfieFilename()), embeddingKey)
        .compose(analysis -> users.storeFace(user.id(), user.selfieFilename(), embeddingName,
                analysis.embeddingModel(), analysis.gender())
            .compose(before -> deleteOld(user, before, embeddingName)
                .compose(v -> users.findById(user.id()))))
        .recover(error -> storage.delete(embeddingKey).otherwiseEmpty().compose(v -> Future.failedFuture(error)));
  }

  /** Stores the gender of the face in the selfie, keeping the embedding. */
  private Future<User> guessGender(User user) {
    return faces.detect(StorageKeys.upload(user.selfieFilename())).compose(analysis -> {
      if (analysis.gender() == null) {
        return Future.succeededFuture(user);
      }
      return users.storeFace(user.id(), user.selfieFilename(), user.selfieEmbeddingFilename(), user.embeddingModel(),
          analysis.gender()).compose(before -> users.findById(user.id()));
    });
  }

  private Future<Void> deleteOld(User user, User before, String embeddingName) {
    String old = before.selfieEmbeddingFilename();
    if (old == null || old.equals(embeddingName)) {
      return Future.succeededFuture();
    }
    return storage.delete(StorageKeys.embedding(old)).recover(error -> {
      LOG.warn("Old embedding of user {} not deleted: {}", user.id(), error.getMessage());
      return Future.succeededFuture();
    });
  }
}
