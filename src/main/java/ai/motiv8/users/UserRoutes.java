package ai.motiv8.users;

import ai.motiv8.auth.AuthenticationHandler;
import ai.motiv8.common.ApiException;
import ai.motiv8.http.Responses;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;

/** {@code PUT /api/workout-days}. */
public final class UserRoutes {

  private final UserStore users;

  public UserRoutes(UserStore users) {
    this.users = users;
  }

  public void mount(Router router, BodyHandler jsonBody, AuthenticationHandler authenticated) {
    router.put("/api/workout-days").handler(jsonBody).handler(authenticated).handler(this::updateWorkoutDays);
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
