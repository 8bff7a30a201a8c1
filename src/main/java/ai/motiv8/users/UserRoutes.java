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
 * {@code PUT /api/anti-motivation-mode}; {@code PUT /api/preferences}: the person's time zone (IANA
 * id) and send time ({@code HH:mm}), either optional. The mode and preference routes answer the
 * updated user as {@code GET /auth/me} shows it (the mode routes plus the original's {@code message}).
 */
public final class UserRoutes {

  private final UserStore users;
  private final SendSchedule schedule;

  /** @param schedule the batch's defaults, shown for what the person did not choose */
  public UserRoutes(UserStore users, SendSchedule schedule) {
    this.users = users;
    this.schedule = schedule;
  }

  public void mount(Router router, BodyHandler jsonBody, AuthenticationHandler authenticated) {
    router.put("/api/workout-days").handler(jsonBody).handler(authenticated).handler(this::updateWorkoutDays);
    router.put("/api/mode").handler(jsonBody).handler(authenticated).handler(this::updateMode);
    router.put("/api/anti-motivation-mode").handler(jsonBody).handler(authenticated)
        .handler(this::updateAntiMotivationMode);
    router.put("/api/preferences").handler(jsonBody).handler(authenticated).handler(this::updatePreferences);
  }

  private void updatePreferences(RoutingContext ctx) {
    User user = AuthenticationHandler.currentUser(ctx);
    JsonObject body = jsonBody(ctx);
    if (body == null) {
      throw ApiException.badRequest("Request body must be a JSON object");
    }
    for (String key : body.fieldNames()) {
      if (!key.equals("time_zone") && !key.equals("send_time")) {
        throw ApiException.badRequest("Unknown field '" + key + "'; expected time_zone and/or send_time");
      }
    }
    String zone = text(body, "time_zone");
    String time = text(body, "send_time");
    if (zone == null && time == null) {
      throw ApiException.badRequest("Give time_zone (e.g. Europe/Paris) and/or send_time (HH:mm)");
    }
    if (zone != null && SendSchedule.parseZone(zone).isEmpty()) {
      throw ApiException.badRequest("time_zone must be an IANA time zone such as Europe/Paris: " + zone);
    }
    if (time != null && SendSchedule.parseTime(time).isEmpty()) {
      throw ApiException.badRequest("send_time must be HH:mm, 00:00 to 23:59: " + time);
    }
    String canonicalZone = zone == null ? null : SendSchedule.parseZone(zone).get().getId();
    users.updatePreferences(user.id(), canonicalZone, time)
        .onSuccess(updated -> Responses.ok(ctx, UserJson.me(updated, schedule)))
        .onFailure(ctx::fail);
  }

  private static String text(JsonObject body, String key) {
    Object value = body.getValue(key);
    if (value == null) {
      return null;
    }
    if (!(value instanceof String string)) {
      throw ApiException.badRequest(key + " must be a string");
    }
    return string.trim();
  }

  private void updateMode(RoutingContext ctx) {
    User user = AuthenticationHandler.currentUser(ctx);
    String mode = parseMode(jsonBody(ctx));
    users.updateMode(user.id(), mode)
        .onSuccess(updated -> Responses.ok(ctx, UserJson.me(updated, schedule)
            .put("message", "Mode updated successfully")))
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
        .onSuccess(updated -> Responses.ok(ctx, UserJson.me(updated, schedule)
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
