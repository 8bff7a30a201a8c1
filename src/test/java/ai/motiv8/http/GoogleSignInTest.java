package ai.motiv8.http;

import ai.motiv8.Application;
import ai.motiv8.support.ApiClient;
import ai.motiv8.support.TestConfigs;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.junit5.Timeout;
import io.vertx.junit5.VertxExtension;
import io.vertx.junit5.VertxTestContext;
import no.nav.security.mock.oauth2.MockOAuth2Server;
import no.nav.security.mock.oauth2.token.DefaultOAuth2TokenCallback;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import java.net.InetAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** Google sign-in (OpenID Connect, authorization code + PKCE) against a real local OIDC server. */
@ExtendWith(VertxExtension.class)
@Timeout(value = 60, timeUnit = TimeUnit.SECONDS)
class GoogleSignInTest {

  private static final String CLIENT_ID = "motiv8-test-client";
  private static final String FRONTEND = "http://localhost:5173";

  @TempDir
  static Path dir;

  static MockOAuth2Server oidc;
  static ApiClient api;

  @BeforeAll
  static void start(Vertx vertx, VertxTestContext ctx) throws Exception {
    oidc = new MockOAuth2Server();
    oidc.start(InetAddress.getByName("127.0.0.1"), 0);
    String issuer = oidc.issuerUrl("google").toString();
    Map<String, String> env = Map.of(
        "GOOGLE_CLIENT_ID", CLIENT_ID,
        "GOOGLE_CLIENT_SECRET", "test-secret",
        "GOOGLE_ISSUER", issuer.endsWith("/") ? issuer.substring(0, issuer.length() - 1) : issuer,
        "GOOGLE_REDIRECT_URI", "http://localhost:8000/auth/callback",
        "FRONTEND_URL", FRONTEND);
    Application.deploy(vertx, TestConfigs.local(dir, env)).onComplete(ctx.succeeding(app -> {
      api = new ApiClient(vertx, app.httpPort());
      ctx.completeNow();
    }));
  }

  @AfterAll
  static void stop() {
    if (oidc != null) {
      oidc.shutdown();
    }
  }

  /** Runs the browser's part: /auth/login, the OIDC server's redirect, then our callback. */
  private Future<HttpResponse<Buffer>> signIn(String subject, String email) {
    Map<String, Object> claims = new HashMap<>();
    claims.put("email", email);
    claims.put("email_verified", true);
    oidc.enqueueCallback(new DefaultOAuth2TokenCallback("google", subject, "JWT", List.of(CLIENT_ID), claims, 3600));
    return api.get("/auth/login", null).compose(login -> {
      assertThat(login.statusCode()).as(login.bodyAsString()).isEqualTo(302);
      String cookie = login.cookies().get(0).split(";", 2)[0];
      String authorizeUrl = login.getHeader("Location");
      assertThat(authorizeUrl).contains("code_challenge=").contains("code_challenge_method=S256");
      return api.raw().getAbs(authorizeUrl).send().compose(authorized -> {
        assertThat(authorized.statusCode()).isEqualTo(302);
        Map<String, String> query = query(URI.create(authorized.getHeader("Location")));
        return api.raw().get("/auth/callback")
            .addQueryParam("code", query.get("code"))
            .addQueryParam("state", query.get("state"))
            .putHeader("Cookie", cookie)
            .send();
      });
    });
  }

  @Test
  @DisplayName("A first Google sign-in creates the user and redirects to the front end with a working token")
  void firstSignIn(VertxTestContext ctx) {
    signIn("google-sub-1", "first@example.org")
        .compose(callback -> {
          ctx.verify(() -> {
            assertThat(callback.statusCode()).as(callback.bodyAsString()).isEqualTo(302);
            assertThat(callback.getHeader("Location")).startsWith(FRONTEND + "/auth/callback?token=");
          });
          String token = query(URI.create(callback.getHeader("Location"))).get("token");
          return api.get("/auth/me", token);
        })
        .onComplete(ctx.succeeding(me -> ctx.verify(() -> {
          assertThat(me.statusCode()).isEqualTo(200);
          assertThat(me.bodyAsJsonObject().getString("email")).isEqualTo("first@example.org");
          ctx.completeNow();
        })));
  }

  @Test
  @DisplayName("Google sign-in finds an existing user by e-mail, then by Google subject")
  void linksByEmailThenSubject(VertxTestContext ctx) {
    api.post("/auth/dev-login", null, new JsonObject().put("email", "linked@example.org"))
        .compose(dev -> {
          String devId = dev.bodyAsJsonObject().getJsonObject("user").getString("id");
          return signIn("google-sub-2", "linked@example.org")
              .compose(first -> api.get("/auth/me", query(URI.create(first.getHeader("Location"))).get("token")))
              .compose(me -> {
                ctx.verify(() -> assertThat(me.bodyAsJsonObject().getString("id")).isEqualTo(devId));
                return signIn("google-sub-2", "renamed@example.org");
              })
              .compose(second -> api.get("/auth/me", query(URI.create(second.getHeader("Location"))).get("token")))
              .map(me -> me.bodyAsJsonObject().getString("id").equals(devId));
        })
        .onComplete(ctx.succeeding(sameUser -> ctx.verify(() -> {
          assertThat(sameUser).isTrue();
          ctx.completeNow();
        })));
  }

  @Test
  @DisplayName("A callback without the sign-in cookie or with a wrong state is refused")
  void callbackNeedsItsState(VertxTestContext ctx) {
    api.get("/auth/callback?code=abc&state=xyz", null)
        .compose(noCookie -> {
          ctx.verify(() -> assertThat(noCookie.statusCode()).isEqualTo(400));
          return api.get("/auth/login", null);
        })
        .compose(login -> api.raw().get("/auth/callback")
            .addQueryParam("code", "abc").addQueryParam("state", "not-the-state")
            .putHeader("Cookie", login.cookies().get(0).split(";", 2)[0]).send())
        .onComplete(ctx.succeeding(wrongState -> ctx.verify(() -> {
          assertThat(wrongState.statusCode()).isEqualTo(400);
          assertThat(wrongState.bodyAsJsonObject().getString("detail")).contains("state");
          ctx.completeNow();
        })));
  }

  private static Map<String, String> query(URI uri) {
    Map<String, String> params = new HashMap<>();
    for (String pair : uri.getRawQuery().split("&")) {
      String[] kv = pair.split("=", 2);
      params.put(kv[0], kv.length > 1 ? URLDecoder.decode(kv[1], StandardCharsets.UTF_8) : "");
    }
    return params;
  }
}
