package ai.motiv8.faces;

import ai.motiv8.common.Addresses;
import io.vertx.codegen.annotations.GenIgnore;
import io.vertx.codegen.annotations.ProxyGen;
import io.vertx.codegen.annotations.VertxGen;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.DeliveryOptions;
import io.vertx.serviceproxy.ServiceProxyBuilder;

/**
 * Face analysis, served by the {@link InferenceVerticle} on whichever worker node is up. Inputs and
 * outputs are storage keys, never local paths. Failures are {@link io.vertx.serviceproxy.ServiceException}s
 * whose codes follow {@link ai.motiv8.common.ServiceErrors} (4000 → HTTP 400 and so on); the
 * messages of {@link #NOT_AN_IMAGE} and {@link #NO_FACE} are the API's exact texts.
 *
 * <p>When an image holds several faces the largest is chosen.
 */
@ProxyGen
@VertxGen
public interface FaceService {

  String ADDRESS = Addresses.FACES;

  /** Unknown type, undecodable, truncated or empty file. HTTP 400. */
  int NOT_AN_IMAGE = 4000;
  String NOT_AN_IMAGE_MESSAGE = "File must be an image";

  /** The image decoded but holds no face. HTTP 400. */
  int NO_FACE = 4001;
  String NO_FACE_MESSAGE = "Face extraction failed: No face detected in image";

  /**
   * The largest face is narrower than {@link SelfieAdvice#MIN_FACE_PX}: the recogniser cannot use
   * it. HTTP 400; the message says the width and what to do ({@link SelfieAdvice#tooSmallMessage}).
   */
  int FACE_TOO_SMALL = 4003;

  /** A key that is not {@code <prefix>/<safe name>}. HTTP 400. */
  int INVALID_KEY = 4002;

  /** No object at the image key. HTTP 404. */
  int IMAGE_NOT_FOUND = 404;

  /** More pixels than {@code face.maxPixels} (checked from the header, before decoding). HTTP 413. */
  int TOO_LARGE = 413;

  /** The worker is at its concurrency limit, or stopping. HTTP 503: try again shortly. */
  int UNAVAILABLE = 503;

  /** The request took longer than {@code face.timeoutMs}. HTTP 504. */
  int TIMEOUT = 504;

  static FaceService createProxy(Vertx vertx) {
    return new ServiceProxyBuilder(vertx).setAddress(ADDRESS).build(FaceService.class);
  }

  /** A proxy whose event-bus timeout is {@code timeoutMs} (set it above the worker's own timeout). */
  @GenIgnore
  static FaceService createProxy(Vertx vertx, long timeoutMs) {
    return new ServiceProxyBuilder(vertx).setAddress(ADDRESS)
        .setOptions(new DeliveryOptions().setSendTimeout(timeoutMs)).build(FaceService.class);
  }

  /**
   * Reads the image at {@code imageKey}, finds every face, embeds the largest and stores its
   * L2-normalised float32 embedding as a NumPy {@code .npy} (shape {@code (512,)}) at
   * {@code embeddingKey}. Fails with {@link #NO_FACE} when there is no face and with
   * {@link #FACE_TOO_SMALL} when it is too small (nothing is stored). The result carries the
   * face's {@link FaceQuality} and advice ({@link FaceAnalysis#warnings()}).
   */
  Future<FaceAnalysis> analyze(String imageKey, String embeddingKey);

  /** Finds the faces in the image at {@code imageKey}; stores nothing. No face is not a failure. */
  Future<FaceAnalysis> detect(String imageKey);
}
