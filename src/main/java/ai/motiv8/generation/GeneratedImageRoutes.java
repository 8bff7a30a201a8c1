package ai.motiv8.generation;

import ai.motiv8.auth.AuthenticationHandler;
import ai.motiv8.common.ApiException;
import ai.motiv8.http.BlobResponses;
import ai.motiv8.http.Responses;
import ai.motiv8.storage.BlobStore;
import ai.motiv8.storage.ImageVariant;
import ai.motiv8.storage.StorageKeys;
import ai.motiv8.users.SendSchedule;
import ai.motiv8.users.User;
import ai.motiv8.users.UserStore;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

import java.time.LocalDate;
import java.time.Clock;
import java.time.format.DateTimeParseException;
import java.util.List;

/** Serving generated images and finding the image of a day. */
public final class GeneratedImageRoutes {

  private final UserStore users;
  private final BlobStore store;

  private final SendSchedule schedule;
  private final Clock clock;

  /** @param schedule and {@code clock}: "today" is the user's own local date */
  public GeneratedImageRoutes(UserStore users, BlobStore store, SendSchedule schedule, Clock clock) {
    this.users = users;
    this.store = store;
    this.schedule = schedule;
    this.clock = clock;
  }

  public void mount(Router router, AuthenticationHandler authenticated) {
    router.get("/api/generated/:filename").handler(this::serveGenerated);
    router.get("/api/daily-motivation").handler(authenticated).handler(this::dailyMotivation);
  }

  /**
   * The unguessable name is the capability: no token needed, as in the original. {@code ?variant=}
   * picks the size ({@code 1x}, the default; {@code 2x}; {@code preview}), the client's
   * {@code Accept} the format (JPEG when it prefers JPEG to PNG; the preview is JPEG either way).
   * An image stored without that variant (another engine, or made before variants existed) is
   * served as its PNG.
   */
  private void serveGenerated(RoutingContext ctx) {
    String filename = ctx.pathParam("filename");
    if (!StorageKeys.isSafeName(filename) || ImageVariant.isSiblingName(filename)) {
      ctx.fail(ApiException.notFound("Image not found"));
      return;
    }
    List<String> asked = ctx.queryParam("variant");
    ImageVariant.Density density = asked.size() > 1 ? null : ImageVariant.Density.lookup(
        asked.isEmpty() ? null : asked.get(0));
    if (density == null) {
      ctx.fail(ApiException.badRequest("Invalid variant. Use 1x, 2x or preview"));
      return;
    }
    String key = StorageKeys.generated(filename);
    ImageVariant variant = ImageVariant.of(density, ImageFormats.prefersJpeg(ctx.request().getHeader("Accept")));
    ctx.response().putHeader("Vary", "Accept");
    if (variant == ImageVariant.PNG) {
      BlobResponses.send(ctx, store, key, variant.contentType(), "Image not found");
      return;
    }
    String variantKey = variant.keyOf(key);
    store.stat(variantKey)
        .onSuccess(info -> {
          if (info != null) {
            BlobResponses.send(ctx, store, variantKey, variant.contentType(), "Image not found");
          } else {
            BlobResponses.send(ctx, store, key, ImageVariant.PNG.contentType(), "Image not found");
          }
        })
        .onFailure(ctx::fail);
  }

  private void dailyMotivation(RoutingContext ctx) {
    User user = AuthenticationHandler.currentUser(ctx);
    String userId = user.id();
    LocalDate date = parseDate(ctx.request().getParam("date_str"), schedule.localDate(user, clock.instant()));
    users.latestGeneratedImage(userId, date.toString())
        .onSuccess(image -> {
          if (image == null) {
            ctx.fail(ApiException.notFound("No motivation image for " + date));
          } else {
            Responses.ok(ctx, new JsonObject()
                .put("filename", image.filename())
                .put("s3_key", image.s3Key())
                .put("generated_at_millis", image.generatedAtMillis()));
          }
        })
        .onFailure(ctx::fail);
  }

  /** {@code YYYY-MM-DD}; {@code today} (the user's local date) when absent. */
  static LocalDate parseDate(String text, LocalDate today) {
    if (text == null || text.isBlank()) {
      return today;
    }
    try {
      return LocalDate.parse(text.trim());
    } catch (DateTimeParseException e) {
      throw ApiException.badRequest("Invalid date format. Use YYYY-MM-DD");
    }
  }
}
