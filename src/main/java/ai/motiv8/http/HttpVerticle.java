package ai.motiv8.http;

import ai.motiv8.account.AccountDeletion;
import ai.motiv8.account.AccountRoutes;
import ai.motiv8.auth.AppleRoutes;
import ai.motiv8.auth.AppleSignIn;
import ai.motiv8.auth.AuthRoutes;
import ai.motiv8.auth.AuthenticationHandler;
import ai.motiv8.auth.GoogleSignIn;
import ai.motiv8.auth.JwtTokens;
import ai.motiv8.cluster.WorkerRouter;
import ai.motiv8.common.ApiException;
import ai.motiv8.common.NodeServices;
import ai.motiv8.config.AppConfig;
import ai.motiv8.generation.GenerateRoutes;
import ai.motiv8.generation.GeneratedImageRoutes;
import ai.motiv8.faces.FaceService;
import ai.motiv8.faces.SelfieFaces;
import ai.motiv8.generation.GenerationService;
import ai.motiv8.mail.MailService;
import ai.motiv8.selfies.SelfieRoutes;
import ai.motiv8.selfies.UploadRoutes;
import ai.motiv8.storage.BlobStore;
import ai.motiv8.mail.UnsubscribeTokens;
import ai.motiv8.users.SendSchedule;
import ai.motiv8.users.UnsubscribeRoutes;
import ai.motiv8.users.UserRoutes;
import ai.motiv8.users.User;
import ai.motiv8.users.UserCache;
import ai.motiv8.users.UserStore;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.eventbus.MessageConsumer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.handler.BodyHandler;
import io.vertx.ext.web.handler.CorsHandler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

/**
 * The HTTP API (API.md): routes of every capability behind request logging and CORS, one failure
 * handler for every error. Each instance runs on its own event loop; deploy several to use more
 * cores. Face analysis and generation go through a {@link WorkerRouter} to whichever worker node is up. On stop
 * the server stops accepting and waits up to {@code shutdown.graceSeconds} for requests in flight.
 */
public final class HttpVerticle extends VerticleBase {

  private static final Logger log = LoggerFactory.getLogger(HttpVerticle.class);

  private final AppConfig config;
  private final BlobStore store;
  private HttpServer server;
  private WorkerRouter workers;
  private MessageConsumer<String> otherNodesChanges;

  private final Clock clock;

  /** @param clock "today" of each user (their local date) and their next sends */
  public HttpVerticle(AppConfig config, BlobStore store, Clock clock) {
    this.config = config;
    this.store = store;
    this.clock = clock;
  }

  @Override
  public Future<?> start() {
    Router router = Router.router(vertx);
    router.route().handler(new RequestLogHandler());
    router.route().handler(corsHandler());

    UserStore users = NodeServices.find(vertx, UserStore.class, () -> UserStore.createProxy(vertx));
    UserCache userCache = UserCache.of(vertx);
    otherNodesChanges = userCache.listen();
    Duration userMaxAge = Duration.ofSeconds(config.http().userCacheSeconds());
    Function<String, Future<User>> findUser = id -> userCache.find(id, userMaxAge, users::findById);
    JwtTokens tokens = new JwtTokens(vertx, config.auth());
    AuthenticationHandler authenticated = AuthenticationHandler.bearer(tokens, findUser);
    AuthenticationHandler authenticatedByQuery = AuthenticationHandler.bearerOrQuery(tokens, findUser);
    BodyHandler jsonBody = BodyHandler.create(false).setBodyLimit(config.http().bodyLimitBytes());

    workers = WorkerRouter.create(vertx);
    new ServiceRoutes(config).mount(router);
    new HealthRoutes(vertx, config, store, workers).mount(router);
    AccountDeletion deletion = AccountDeletion.create(vertx);
    new AuthRoutes(config, tokens, users, new GoogleSignIn(vertx, config.auth()), deletion)
        .mount(router, jsonBody, authenticated);
    new AppleRoutes(config, tokens, users, new AppleSignIn(vertx, config.auth().apple()), deletion)
        .mount(router, jsonBody);
    new AccountRoutes(deletion, users, store)
        .mount(router, AuthenticationHandler.bearerEvenWhileDeleting(tokens, findUser), authenticatedByQuery);
    SendSchedule schedule = SendSchedule.of(config.batch());
    new UserRoutes(users, schedule).mount(router, jsonBody, authenticated);
    new UnsubscribeRoutes(UnsubscribeTokens.of(config), users, schedule).mount(router, authenticated);
    new SelfieRoutes(config, users, store).mount(router, authenticated, authenticatedByQuery);
    new UploadRoutes(vertx, config, users, store,
        workers.proxy(FaceService.class, FaceService.ADDRESS, config.face().timeoutMs() + 5000))
        .mount(router, authenticated);
    new GeneratedImageRoutes(users, store, schedule, clock).mount(router, authenticated);
    new GenerateRoutes(config, users, workers.proxy(GenerationService.class, GenerationService.ADDRESS,
            config.generation().timeoutMs() + GenerationService.PROXY_TIMEOUT_MARGIN_MS),
        MailService.createProxy(vertx), SelfieFaces.overBus(vertx, config.face().timeoutMs()), store, schedule, clock)
        .mount(router, jsonBody, authenticated);

    router.route().last().handler(ctx -> ctx.fail(ApiException.notFound("Not Found")));
    router.route().failureHandler(new FailureHandler());

    return vertx.createHttpServer(new HttpServerOptions()
            .setHost(config.http().host())
            .setPort(config.http().port()))
        .requestHandler(router)
        .listen()
        .onSuccess(listening -> {
          server = listening;
          log.info("HTTP API listening on {}:{}", config.http().host(), listening.actualPort());
        });
  }

  @Override
  public Future<?> stop() {
    Future<Void> stopped = server == null ? Future.succeededFuture()
        : server.shutdown(config.shutdown().graceSeconds(), TimeUnit.SECONDS);
    return stopped.andThen(done -> {
      if (workers != null) {
        workers.close();
      }
      if (otherNodesChanges != null) {
        otherNodesChanges.unregister();
      }
    });
  }

  /** Development allows any origin; production only {@code FRONTEND_URL} and the configured list. */
  private CorsHandler corsHandler() {
    CorsHandler cors = CorsHandler.create()
        .allowedMethods(Set.of(HttpMethod.GET, HttpMethod.POST, HttpMethod.PUT, HttpMethod.DELETE, HttpMethod.OPTIONS))
        .allowedHeaders(Set.of("Authorization", "Content-Type", "X-Request-Id"))
        .exposedHeaders(Set.of("X-Request-Id"))
        .allowCredentials(true)
        .maxAgeSeconds(600);
    if (config.isProduction()) {
      cors.addOrigin(config.auth().frontendUrl());
      config.http().corsOrigins().forEach(cors::addOrigin);
    } else if (config.http().corsOrigins().isEmpty()) {
      cors.addOriginWithRegex(".*");
    } else {
      config.http().corsOrigins().forEach(cors::addOrigin);
    }
    return cors;
  }

  /** The port actually bound (useful with port 0 in tests). */
  public int actualPort() {
    return server == null ? -1 : server.actualPort();
  }
}
