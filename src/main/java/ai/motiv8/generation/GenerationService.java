package ai.motiv8.generation;

import ai.motiv8.common.Addresses;
import ai.motiv8.config.AppConfig.GenerationConfig;
import ai.motiv8.faces.FaceService;
import io.vertx.codegen.annotations.GenIgnore;
import io.vertx.codegen.annotations.ProxyGen;
import io.vertx.codegen.annotations.VertxGen;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.DeliveryOptions;
import io.vertx.serviceproxy.ServiceProxyBuilder;

/**
 * Image generation, served by the {@link GenerationVerticle} on whichever worker node is up. The
 * request names the selfie and embedding by storage key; the worker reads them from storage, finds
 * the face through {@link FaceService}, runs the configured engine and stores the PNG at
 * {@code generated/<unguessable name>}. Recording the image and mailing it are the caller's part.
 *
 * <p>Failures are {@link io.vertx.serviceproxy.ServiceException}s whose codes follow
 * {@link ai.motiv8.common.ServiceErrors} (4040 → HTTP 404 and so on).
 */
@ProxyGen
@VertxGen
public interface GenerationService {

  String ADDRESS = Addresses.GENERATION;

  /** A key, date, mode or parameter of the request is not valid. HTTP 400. */
  int INVALID_REQUEST = 400;

  /** The selfie holds no face. HTTP 400, with {@link FaceService#NO_FACE_MESSAGE}. */
  int NO_FACE = 4001;

  /** The stored selfie is not a readable image (or has more pixels than allowed). HTTP 400. */
  int SELFIE_UNREADABLE = 4002;

  /** No object at the selfie key. HTTP 404. */
  int SELFIE_NOT_FOUND = 4040;

  /** No object at the embedding key. HTTP 404. */
  int EMBEDDING_NOT_FOUND = 4041;

  /** The engine failed, or its output could not be stored. HTTP 500. */
  int ENGINE_FAILED = 500;

  /** The worker is at its concurrency limit and its queue is full, or it is stopping. HTTP 503. */
  int BUSY = 503;

  /** The job took longer than {@code generation.timeoutMs}, queue time included. HTTP 504. */
  int TIMEOUT = 504;

  /** What the event bus adds to the job timeout before a proxy gives up waiting. */
  long PROXY_TIMEOUT_MARGIN_MS = 10_000;

  /** A proxy sized for the default {@code generation.timeoutMs} (120 s). */
  static GenerationService createProxy(Vertx vertx) {
    return createProxy(vertx, 120_000L);
  }

  /** A proxy that waits for jobs of {@code config.timeoutMs()} (plus the bus margin). */
  @GenIgnore
  static GenerationService createProxy(Vertx vertx, GenerationConfig config) {
    return createProxy(vertx, config.timeoutMs());
  }

  /** A proxy that waits {@code jobTimeoutMs} plus {@link #PROXY_TIMEOUT_MARGIN_MS}. */
  @GenIgnore
  static GenerationService createProxy(Vertx vertx, long jobTimeoutMs) {
    return new ServiceProxyBuilder(vertx).setAddress(ADDRESS)
        .setOptions(new DeliveryOptions().setSendTimeout(jobTimeoutMs + PROXY_TIMEOUT_MARGIN_MS))
        .build(GenerationService.class);
  }

  /**
   * Generates one image for the request and stores it; see the class comment. Nothing is stored
   * when the job fails or times out.
   */
  Future<GenerationResult> generate(GenerationRequest request);
}
