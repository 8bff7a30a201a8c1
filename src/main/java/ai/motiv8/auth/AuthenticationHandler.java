package ai.motiv8.auth;

import ai.motiv8.common.ApiException;
import ai.motiv8.users.User;
import ai.motiv8.users.UserCache;
import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.ext.web.RoutingContext;

import java.util.function.Function;

/**
 * Requires a valid access token, from {@code Authorization: Bearer} or (for {@code <img src>})
 * the {@code token} query parameter, and puts the current {@link User} on the context. Missing,
 * invalid and expired tokens get 401 with {@code WWW-Authenticate: Bearer}; a valid token whose
 * user was deleted, or is being deleted, gets 401 {@code User not found} at once: the user is
 * looked up on every request, through the node's {@link UserCache}, which every change of the
 * user clears before it is answered, so deleting an account ends its tokens.
 */
public final class AuthenticationHandler implements Handler<RoutingContext> {

  private static final String CURRENT_USER = "motiv8.user";

  private final JwtTokens tokens;
  /** The user by id, or null: the store through the node's {@link UserCache}. */
  private final Function<String, Future<User>> findUser;
  private final boolean allowQueryToken;
  private final boolean allowBeingDeleted;

  private AuthenticationHandler(JwtTokens tokens, Function<String, Future<User>> findUser, boolean allowQueryToken,
                                boolean allowBeingDeleted) {
    this.tokens = tokens;
    this.findUser = findUser;
    this.allowQueryToken = allowQueryToken;
    this.allowBeingDeleted = allowBeingDeleted;
  }

  /** Bearer header only. */
  public static AuthenticationHandler bearer(JwtTokens tokens, Function<String, Future<User>> findUser) {
    return new AuthenticationHandler(tokens, findUser, false, false);
  }

  /** Bearer header or {@code ?token=}. */
  public static AuthenticationHandler bearerOrQuery(JwtTokens tokens, Function<String, Future<User>> findUser) {
    return new AuthenticationHandler(tokens, findUser, true, false);
  }

  /**
   * Bearer header only, also for a user whose deletion did not finish: the one route that takes it
   * ({@code DELETE /api/account}) finishes the deletion.
   */
  public static AuthenticationHandler bearerEvenWhileDeleting(JwtTokens tokens, Function<String, Future<User>> findUser) {
    return new AuthenticationHandler(tokens, findUser, false, true);
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
        .recover(error -> Future.failedFuture(ApiException.unauthorized("Could not validate credentials")))
        .compose(findUser)
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
    String value = header.strip();
    int space = 0;
    while (space < value.length() && !Character.isWhitespace(value.charAt(space))) {
      space++;
    }
    if (space != "bearer".length() || !value.regionMatches(true, 0, "bearer", 0, space)) {
      return null;
    }
    String token = value.substring(space).strip();
    return token.isEmpty() ? null : token;
  }
}
