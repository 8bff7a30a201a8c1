package ai.motiv8.generation;

import ai.motiv8.auth.AuthenticationHandler;
import ai.motiv8.common.ApiException;
import ai.motiv8.config.AppConfig;
import ai.motiv8.faces.SelfieFaces;
import ai.motiv8.generation.content.DailyContent;
import ai.motiv8.http.Responses;
import ai.motiv8.http.ServiceRoutes;
import ai.motiv8.mail.MailResult;
import ai.motiv8.mail.MailService;
import ai.motiv8.mail.MotivationMail;
import ai.motiv8.storage.BlobStore;
import ai.motiv8.storage.ImageVariant;
import ai.motiv8.storage.StorageKeys;
import ai.motiv8.users.GeneratedImage;
import ai.motiv8.users.SendSchedule;
import ai.motiv8.users.User;
import ai.motiv8.users.UserStore;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.LocalDate;

/**
 * {@code POST /api/generate} (API.md): on-demand generation for the caller, from the caller's own
 * selfie and embedding. A selfie whose face was never found (a row of the original) gets its
 * embedding and gender first, as the original's current release does. Generates with the day's
 * content for the caller's mode through {@link GenerationService}, records the image for the
 * caller's logical day (today in their own time zone) as {@code on_demand}, then mails it (not to
 * someone who unsubscribed); a mail problem never
 * fails the request, it only makes {@code email_sent} false.
 */
public final class GenerateRoutes {

  private static final Logger LOG = LoggerFactory.getLogger(GenerateRoutes.class);

  static final String DISABLED = "On-demand generation is disabled in production";
  static final String SUCCESS = "Image generated successfully";
  static final String NO_SELFIE = "No selfie uploaded yet: upload a selfie first";

  private final AppConfig config;
  private final UserStore users;
  private final GenerationService generation;
  private final MailService mail;
  private final SelfieFaces selfieFaces;
  private final BlobStore store;
  private final SendSchedule schedule;
  private final Clock clock;

  /**
   * @param store where a generated image is deleted again when it cannot be recorded
   * @param schedule and {@code clock}: the image is for the caller's own local date
   */
  public GenerateRoutes(AppConfig config, UserStore users, GenerationService generation, MailService mail,
                        SelfieFaces selfieFaces, BlobStore store, SendSchedule schedule, Clock clock) {
    this.config = config;
    this.users = users;
    this.generation = generation;
    this.mail = mail;
    this.selfieFaces = selfieFaces;
    this.store = store;
    this.schedule = schedule;
    this.clock = clock;
  }

  public void mount(Router router, BodyHandler jsonBody, AuthenticationHandler authenticated) {
    router.post("/api/generate").handler(jsonBody).handler(authenticated).handler(this::generate);
  }

  private void generate(RoutingContext ctx) {
    if (!ServiceRoutes.onDemandGeneration(config)) {
      ctx.fail(ApiException.forbidden(DISABLED));
      return;
    }
    User caller = AuthenticationHandler.currentUser(ctx);
    GenerateBody body = GenerateBody.parse(jsonObject(ctx));
    if (body.embeddingFilename() == null && caller.selfieFilename() == null) {
      ctx.fail(ApiException.badRequest(NO_SELFIE));
      return;
    }
    Future<User> ready = body.embeddingFilename() == null ? selfieFaces.ensureFace(caller)
        : Future.succeededFuture(caller);
    ready.compose(user -> {
      String embedding = body.embeddingFilename() != null ? body.embeddingFilename() : user.selfieEmbeddingFilename();
      LocalDate day = schedule.localDate(user, clock.instant());
      GenerationRequest request = body.applyTo(ownRequest(user, embedding, body.imageFilename(), day))
          .setUserMode(user.mode().wireName()).setGender(user.gender());
      DailyContent content = request.content(day);
      return generation.generate(request)
          .compose(result -> record(user, request, result).map(result))
          .compose(result -> mailTo(user, request, result).map(sent -> new JsonObject()
              .put("message", SUCCESS)
              .put("generated_filename", result.filename())
              .put("embedding_filename", embedding)
              .put("prompt", request.prompt())
              .put("person_prompt", content.personPrompt())
              .put("background_prompt", content.backgroundPrompt())
              .put("mode", content.mode().wireName())
              .put("email_sent", sent)));
    })
        .onSuccess(answer -> Responses.ok(ctx, answer))
        .onFailure(ctx::fail);
  }

  /**
   * The job for the caller's own files. A name that is not the caller's current one is "not
   * found" whether or not another user has such a file: nothing about other users is looked up.
   */
  private static GenerationRequest ownRequest(User user, String embedding, String imageFilename, LocalDate day) {
    if (embedding == null || !embedding.equals(user.selfieEmbeddingFilename())) {
      throw ApiException.notFound("Embedding file not found: " + embedding);
    }
    String image = imageFilename != null ? imageFilename : user.selfieFilename();
    if (image == null || !image.equals(user.selfieFilename())) {
      throw ApiException.notFound("Image file not found: " + image);
    }
    return GenerationRequest.of(user.id(), StorageKeys.upload(image), StorageKeys.embedding(embedding),
        day, GenerationRequest.ON_DEMAND).setEmbeddingModel(user.embeddingModel());
  }

  private Future<GeneratedImage> record(User user, GenerationRequest request, GenerationResult result) {
    return users.recordGeneratedImage(new GeneratedImage(null, user.id(), result.key(), request.date(),
            clock.millis(), user.mode().wireName(), request.mode(), result.identitySimilarity()))
        .recover(error -> {
          LOG.error("Generated {} for user {} but could not record it; deleting it", result.key(), user.id(), error);
          return ImageVariant.deleteAll(result.key(), store::delete)
              .onFailure(e -> LOG.warn("Could not delete the unrecorded {}: {}", result.key(), e.getMessage()))
              .transform(deleted -> Future.failedFuture(error));
        });
  }

  /** True only when an SMTP server accepted the message; an outbox file or any failure is false. */
  private Future<Boolean> mailTo(User user, GenerationRequest request, GenerationResult result) {
    if (user.emailOptOut()) {
      return Future.succeededFuture(false);
    }
    return mail.sendMotivation(new MotivationMail(user.email(), request.date(), result.key(), user.id()))
        .map(MailResult::delivered)
        .otherwise(error -> {
          LOG.warn("Motivation mail for user {} ({}) failed: {}", user.id(), result.key(), error.getMessage());
          return false;
        });
  }

  private static JsonObject jsonObject(RoutingContext ctx) {
    if (ctx.body().isEmpty()) {
      return null;
    }
    try {
      return ctx.body().asJsonObject();
    } catch (ClassCastException | IllegalStateException e) {
      throw ApiException.badRequest(GenerateBody.NOT_AN_OBJECT);
    }
  }
}
