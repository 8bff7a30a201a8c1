package ai.motiv8.auth;

import ai.motiv8.common.ApiException;
import ai.motiv8.users.User;
import ai.motiv8.users.UserStore;
import io.vertx.core.Handler;
import io.vertx.ext.web.RoutingContext;

/**
 * Requires a valid access token, from {@code Authorization: Bearer} or (for {@code <img src>})
 * the {@code token} query parameter, and puts the current {@link User} on the context. Missing,
 * invalid and expired tokens get 401 with {@code WWW-Authenticate: Bearer}; a valid token whose
 * user was deleted, or is being deleted, gets 401 {@code User not found} at once (tokens are
 * checked against the database on every request, so deleting an account ends its tokens).
 */
public final class AuthenticationHandler implements Handler<RoutingContext> {

  private static final String CURRENT_USER = "motiv8.user";

  private final JwtTokens tokens;
  private final UserStore users;
  private final boolean allowQueryToken;
  private final boolean allowBeingDeleted;

  private AuthenticationHandler(JwtTokens tokens, UserStore users, boolean allowQueryToken,
                                boolean allowBeingDeleted) {
    this.tokens = tokens;
    this.users = users;
    this.allowQueryToken = allowQueryToken;
    this.allowBeingDeleted = allowBeingDeleted;
  }

  /** Bearer header only. */
  public static AuthenticationHandler bearer(JwtTokens tokens, UserStore users) {
    return new AuthenticationHandler(tokens, users, false, false);
  }

  /** Bearer header or {@code ?token=}. */
  public static AuthenticationHandler bearerOrQuery(JwtTokens tokens, UserStore users) {
    return new AuthenticationHandler(tokens, users, true, false);
  }

  /**
   * Bearer header only, also for a user whose deletion did not finish: the one route that takes it
   * ({@code DELETE /api/account}) finishes the deletion.
   */
  public static AuthenticationHandler bearerEvenWhileDeleting(JwtTokens tokens, UserStore users) {
    return new AuthenticationHandler(tokens, users, false, true);
  }

  @Override
  public void handle(RoutingContext ctx) {
    String token = bearerToken(ctx);
    if (token == null && allowQueryToken) {
      token = ctx.request().getParam("token");
    }
    if (token == null || token.isBlank()) {
      ctx.fail(ApiException.unauthorized("Not authenticated"));
      return;
    }
    tokens.verify(token)
        .recover(error -> io.vertx.core.Future.failedFuture(ApiException.unauthorized("Could not validate credentials")))
        .compose(users::findById)
        .onSuccess(user -> {
          if (user == null || user.isBeingDeleted() && !allowBeingDeleted) {
            ctx.fail(ApiException.unauthorized("User not found"));
          } else {
            ctx.put(CURRENT_USER, user);
            ctx.next();
          }
        })
        .onFailure(ctx::fail);
  }

  public static User currentUser(RoutingContext ctx) {
    User user = ctx.get(CURRENT_USER);
    if (user == null) {
      throw new IllegalStateException("Route is not behind AuthenticationHandler");
    }
    return user;
  }

  private static String bearerToken(RoutingContext ctx) {
    String header = ctx.request().getHeader("Authorization");
    if (header == null) {
      return null;
    }
    String[] parts = header.trim().split("\\s+", 2);
    return parts.length == 2 && parts[0].equalsIgnoreCase("bearer") ? parts[1] : null;
  }
}
