package ai.motiv8.account;

import ai.motiv8.auth.AuthenticationHandler;
import ai.motiv8.http.Responses;
import ai.motiv8.storage.BlobStore;
import ai.motiv8.users.UserStore;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

/**
 * {@code DELETE /api/account} (Bearer; also for an account whose deletion did not finish, which it
 * then finishes) and {@code GET /api/account/export} (Bearer or {@code ?token=}, so that a plain
 * link can download it).
 */
public final class AccountRoutes {

  private final AccountDeletion deletion;
  private final AccountExport export;

  public AccountRoutes(AccountDeletion deletion, UserStore users, BlobStore store) {
    this.deletion = deletion;
    this.export = new AccountExport(users, store);
  }

  public void mount(Router router, AuthenticationHandler evenWhileDeleting, AuthenticationHandler authenticatedByQuery) {
    router.delete("/api/account").handler(evenWhileDeleting).handler(this::deleteAccount);
    router.get("/api/account/export").handler(authenticatedByQuery).handler(this::exportAccount);
  }

  private void deleteAccount(RoutingContext ctx) {
    deletion.delete(AuthenticationHandler.currentUser(ctx).id())
        .onSuccess(v -> Responses.ok(ctx, new JsonObject().put("message", "Account deleted successfully")))
        .onFailure(ctx::fail);
  }

  private void exportAccount(RoutingContext ctx) {
    export.send(ctx, AuthenticationHandler.currentUser(ctx));
  }
}
