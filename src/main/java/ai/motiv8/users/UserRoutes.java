package ai.motiv8.users;

import ai.motiv8.auth.AuthenticationHandler;
import ai.motiv8.common.ApiException;
import ai.motiv8.http.Responses;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;

/**
 * {@code PUT /api/workout-days}, {@code PUT /api/mode} and the legacy
 * {@code PUT /api/anti-motivation-mode}. The mode routes answer the updated user as
 * {@code GET /auth/me} shows it, plus the original's {@code message}.
 */
public final class UserRoutes {

  private final UserStore users;

  public UserRoutes(UserStore users) {
    this.users = users;
  }

  public void mount(Router router, BodyHandler jsonBody, AuthenticationHandler authenticated) {
    router.put("/api/workout-days").handler(jsonBody).handler(authenticated).handler(this::updateWorkoutDays);
    router.put("/api/mode").handler(jsonBody).handler(authenticated).handler(this::updateMode);
    router.put("/api/anti-motivation-mode").handler(jsonBody).handler(authenticated)
        .handler(this::updateAntiMotivationMode);
  }

  private void updateMode(RoutingContext ctx) {
    User user = AuthenticationHandler.currentUser(ctx);
    String mode = parseMode(jsonBody(ctx));
    users.updateMode(user.id(), mode)
        .onSuccess(updated -> Responses.ok(ctx, UserJson.me(updated).put("message", "Mode updated successfully")))
        .onFailure(ctx::fail);
  }

  private void updateAntiMotivationMode(RoutingContext ctx) {
    User user = AuthenticationHandler.currentUser(ctx);
    JsonObject body = jsonBody(ctx);
    Object value = body == null ? null : body.getValue("anti_motivation_mode");
    if (!(value instanceof Boolean on)) {
      throw ApiException.badRequest("anti_motivation_mode must be true or false");
    }
    users.updateAntiMotivationMode(user.id(), on)
        .onSuccess(updated -> Responses.ok(ctx, UserJson.me(updated)
            .put("message", "Anti-motivation mode updated successfully")))
        .onFailure(ctx::fail);
  }

  /** The mode's wire name; exactly one of the four, as a JSON string (the original's enum is case-sensitive). */
  static String parseMode(JsonObject body) {
    Object value = body == null ? null : body.getValue("mode");
    if (!(value instanceof String text) || Mode.lookup(text).filter(m -> m.wireName().equals(text)).isEmpty()) {
      throw ApiException.badRequest("mode must be one of shame, toned, ripped, furry");
    }
    return text;
  }

  private static JsonObject jsonBody(RoutingContext ctx) {
    if (ctx.body().isEmpty()) {
      return null;
    }
    try {
      return ctx.body().asJsonObject();
    } catch (RuntimeException notAnObject) {
      throw ApiException.badRequest("Request body must be a JSON object");
    }
  }

  private void updateWorkoutDays(RoutingContext ctx) {
    User user = AuthenticationHandler.currentUser(ctx);
    JsonObject days = parseWorkoutDays(ctx.body().asJsonObject());
    users.updateWorkoutDays(user.id(), days)
        .onSuccess(updated -> Responses.ok(ctx, new JsonObject()
            .put("message", "Workout days updated successfully")
            .put("workout_days", updated.workoutDays())))
        .onFailure(ctx::fail);
  }

  /** Exactly the seven day keys, each true or false. */
  static JsonObject parseWorkoutDays(JsonObject body) {
    Object value = body == null ? null : body.getValue("workout_days");
    if (!(value instanceof JsonObject days)) {
      throw ApiException.badRequest("workout_days must be an object with the seven days of the week");
    }
    for (String key : days.fieldNames()) {
      if (!User.DAYS.contains(key)) {
        throw ApiException.badRequest("Unknown day '" + key + "'; expected " + String.join(", ", User.DAYS));
      }
    }
    for (String day : User.DAYS) {
      if (!(days.getValue(day) instanceof Boolean)) {
        throw ApiException.badRequest("workout_days." + day + " must be true or false");
      }
    }
    return days;
  }
}
