package ai.motiv8.http;

import ai.motiv8.Application;
import ai.motiv8.support.ApiClient;
import ai.motiv8.support.AppleTestServer;
import ai.motiv8.support.AppleTestServer.IdTokenShape;
import ai.motiv8.support.TestConfigs;
import ai.motiv8.users.UserStore;
import io.vertx.core.Future;
import io.vertx.core.MultiMap;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.junit5.Timeout;
import io.vertx.junit5.VertxExtension;
import io.vertx.junit5.VertxTestContext;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;

import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Sign in with Apple end to end against a real local token server ({@link AppleTestServer}: discovery,
 * form_post authorization, a token endpoint that checks the ES256 client secret, a JWKS), on the
 * database of each subclass. The browser's part is played by the test: it follows the redirect,
 * reads Apple's auto-submitting form and posts it to our callback with the sign-in cookie.
 */
@ExtendWith(VertxExtension.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@Timeout(value = 60, timeUnit = TimeUnit.SECONDS)
abstract class AppleSignInContractTest {

  private static final String CLIENT_ID = "io.motiv8.test.web";
  private static final String FRONTEND = "http://localhost:5173";
  private static final Pattern HIDDEN = Pattern.compile("name=\"(code|state)\" value=\"([^\"]*)\"");

  private Path dir;
  private AppleTestServer apple;
  private ApiClient api;
  private UserStore users;

  /** The database (and storage) variables of this backend. */
  abstract Map<String, String> backend(Path dir);

  /** One sign-in's pieces, to replay them. */
  private record Attempt(String cookie, String code, String state, HttpResponse<Buffer> callback) {
  }

  @BeforeAll
  void start(Vertx vertx, VertxTestContext ctx) throws Exception {
    dir = Files.createTempDirectory(Path.of("target"), "apple-");
    users = UserStore.createProxy(vertx);
    AppleTestServer.start(vertx, CLIENT_ID).compose(server -> {
      apple = server;
      Map<String, String> env = new HashMap<>(backend(dir));
      env.put("APPLE_CLIENT_ID", CLIENT_ID);
      env.put("APPLE_TEAM_ID", AppleTestServer.TEAM_ID);
      env.put("APPLE_KEY_ID", AppleTestServer.KEY_ID);
      env.put("APPLE_PRIVATE_KEY", server.teamPrivateKeyPem().replace("\n", "\\n"));
      env.put("APPLE_ISSUER", server.issuer());
      env.put("APPLE_REDIRECT_URI", "http://localhost:8000/auth/apple/callback");
      env.put("FRONTEND_URL", FRONTEND);
      return Application.deploy(vertx, TestConfigs.local(dir, env));
    }).onComplete(ctx.succeeding(app -> {
      api = new ApiClient(vertx, app.httpPort());
      ctx.completeNow();
    }));
  }

  @AfterAll
  void stop() {
    if (apple != null) {
      apple.close();
    }
  }

  /** /auth/apple/login, Apple's form, then our callback with the cookie; {@code shape} makes the id_token. */
  private Future<Attempt> signIn(String subject, String email, String userJson, IdTokenShape shape) {
    apple.nextPerson(subject, email);
    apple.nextIdToken(shape);
    return api.get("/auth/apple/login", null).compose(login -> {
      assertThat(login.statusCode()).as(login.bodyAsString()).isEqualTo(302);
      String cookie = login.cookies().get(0).split(";", 2)[0];
      return api.raw().getAbs(login.getHeader("Location")).send().compose(form -> {
        assertThat(form.statusCode()).as(form.bodyAsString()).isEqualTo(200);
        Map<String, String> fields = new HashMap<>();
        Matcher matcher = HIDDEN.matcher(form.bodyAsString());
        while (matcher.find()) {
          fields.put(matcher.group(1), matcher.group(2));
        }
        return post(cookie, fields.get("code"), fields.get("state"), userJson)
            .map(callback -> new Attempt(cookie, fields.get("code"), fields.get("state"), callback));
      });
    });
  }

  private Future<HttpResponse<Buffer>> post(String cookie, String code, String state, String userJson) {
    MultiMap form = MultiMap.caseInsensitiveMultiMap().add("code", code).add("state", state);
    if (userJson != null) {
      form.add("user", userJson);
    }
    return api.raw().post("/auth/apple/callback").putHeader("Cookie", cookie).sendForm(form);
  }

  private static String tokenOf(HttpResponse<Buffer> callback) {
    return query(URI.create(callback.getHeader("Location"))).get("token");
  }

  @Test
  @DisplayName("A first Apple sign-in creates the user with Apple's name and redirects to the front end with a token")
  void firstSignIn(VertxTestContext ctx) {
    String userJson = "{\"name\":{\"firstName\":\"Ada\",\"lastName\":\"Lovelace\"},\"email\":\"ada@relay.example\"}";
    api.get("/auth/apple/login", null)
        .compose(login -> {
          ctx.verify(() -> {
            String location = login.getHeader("Location");
            assertThat(location).startsWith(apple.issuer() + "/auth/authorize?")
                .contains("response_mode=form_post").contains("scope=name+email").contains("nonce=")
                .contains("client_id=" + CLIENT_ID);
            assertThat(login.cookies().get(0)).containsIgnoringCase("HttpOnly").contains("Secure")
                .containsIgnoringCase("SameSite=None").contains("Path=/auth/apple");
          });
          return signIn("apple-sub-first", "ada@relay.example", userJson, IdTokenShape.good());
        })
        .compose(attempt -> {
          ctx.verify(() -> {
            assertThat(attempt.callback().statusCode()).as(attempt.callback().bodyAsString()).isEqualTo(302);
            assertThat(attempt.callback().getHeader("Location")).startsWith(FRONTEND + "/auth/callback?token=");
            JsonObject exchange = apple.tokenRequests().get(apple.tokenRequests().size() - 1);
            assertThat(exchange.getString("grant_type")).isEqualTo("authorization_code");
            assertThat(exchange.getString("client_secret").split("\\.")).hasSize(3);
          });
          return api.get("/auth/me", tokenOf(attempt.callback()));
        })
        .compose(me -> {
          ctx.verify(() -> {
            assertThat(me.statusCode()).isEqualTo(200);
            assertThat(me.bodyAsJsonObject().getString("email")).isEqualTo("ada@relay.example");
            assertThat(me.bodyAsJsonObject().getString("name")).isEqualTo("Ada Lovelace");
          });
          return users.findByAppleId("apple-sub-first");
        })
        .onComplete(ctx.succeeding(user -> ctx.verify(() -> {
          assertThat(user.email()).isEqualTo("ada@relay.example");
          ctx.completeNow();
        })));
  }

  @Test
  @DisplayName("An id_token signed with Apple's ES256 key is accepted too, and a later sign-in without e-mail finds the user by Apple id")
  void es256AndNoEmail(VertxTestContext ctx) {
    IdTokenShape withoutEmail = new IdTokenShape(AppleSignInContractTest::withoutEmail, "rsa");
    Future<String> firstId = signIn("apple-sub-ec", "ec@relay.example", null, new IdTokenShape(c -> c, "ec"))
        .compose(this::userIdOf);
    Future<String> secondId = firstId
        .compose(id -> signIn("apple-sub-ec", "ec@relay.example", null, withoutEmail))
        .compose(this::userIdOf);
    secondId.onComplete(ctx.succeeding(id -> ctx.verify(() -> {
      assertThat(id).isNotNull().isEqualTo(firstId.result());
      ctx.completeNow();
    })));
  }

  private static JsonObject withoutEmail(JsonObject claims) {
    claims.remove("email");
    return claims;
  }

  private Future<String> userIdOf(Attempt attempt) {
    return api.get("/auth/me", tokenOf(attempt.callback())).map(me -> me.bodyAsJsonObject().getString("id"));
  }

  @Test
  @DisplayName("Apple sign-in with the e-mail of an existing account links to it")
  void linksByEmail(VertxTestContext ctx) {
    api.post("/auth/dev-login", null, new JsonObject().put("email", "linked-apple@example.org"))
        .compose(dev -> signIn("apple-sub-link", "linked-apple@example.org", null, IdTokenShape.good())
            .compose(attempt -> api.get("/auth/me", tokenOf(attempt.callback())))
            .map(me -> me.bodyAsJsonObject().getString("id")
                .equals(dev.bodyAsJsonObject().getJsonObject("user").getString("id"))))
        .onComplete(ctx.succeeding(same -> ctx.verify(() -> {
          assertThat(same).isTrue();
          ctx.completeNow();
        })));
  }

  @Test
  @DisplayName("An id_token for another audience is refused with 401 and creates no user")
  void wrongAudience(VertxTestContext ctx) {
    refused(ctx, "apple-sub-aud", "aud@relay.example", new IdTokenShape(c -> c.put("aud", "someone.else"), "rsa"));
  }

  @Test
  @DisplayName("An expired id_token is refused with 401 and creates no user")
  void expired(VertxTestContext ctx) {
    long past = System.currentTimeMillis() / 1000 - 7200;
    refused(ctx, "apple-sub-exp", "exp@relay.example",
        new IdTokenShape(c -> c.put("iat", past).put("exp", past + 600), "rsa"));
  }

  @Test
  @DisplayName("An id_token with a bad signature (Apple's key id, another key) is refused with 401 and creates no user")
  void badSignature(VertxTestContext ctx) {
    refused(ctx, "apple-sub-sig", "sig@relay.example", new IdTokenShape(c -> c, "forger"));
  }

  @Test
  @DisplayName("An id_token from another issuer or with another nonce is refused with 401 and creates no user")
  void wrongIssuerOrNonce(VertxTestContext ctx) {
    signIn("apple-sub-iss", "iss@relay.example", null, new IdTokenShape(c -> c.put("iss", "https://evil.example"), "rsa"))
        .compose(issuer -> {
          ctx.verify(() -> assertThat(issuer.callback().statusCode()).isEqualTo(401));
          return signIn("apple-sub-nonce", "nonce@relay.example", null,
              new IdTokenShape(c -> c.put("nonce", "not-the-nonce"), "rsa"));
        })
        .compose(nonce -> {
          ctx.verify(() -> assertThat(nonce.callback().statusCode()).isEqualTo(401));
          return noUser("iss@relay.example", "apple-sub-iss").compose(none -> noUser("nonce@relay.example",
              "apple-sub-nonce"));
        })
        .onComplete(ctx.succeeding(none -> ctx.verify(() -> {
          assertThat(none).isTrue();
          ctx.completeNow();
        })));
  }

  private void refused(VertxTestContext ctx, String subject, String email, IdTokenShape shape) {
    signIn(subject, email, null, shape)
        .compose(attempt -> {
          ctx.verify(() -> {
            assertThat(attempt.callback().statusCode()).as(attempt.callback().bodyAsString()).isEqualTo(401);
            assertThat(attempt.callback().bodyAsJsonObject().getString("detail")).isEqualTo("Apple sign-in failed");
          });
          return noUser(email, subject);
        })
        .onComplete(ctx.succeeding(none -> ctx.verify(() -> {
          assertThat(none).isTrue();
          ctx.completeNow();
        })));
  }

  /** True when neither the e-mail nor the Apple subject has a user. */
  private Future<Boolean> noUser(String email, String subject) {
    Future<ai.motiv8.users.User> byEmail = users.findByEmail(email);
    Future<ai.motiv8.users.User> bySubject = byEmail.compose(found -> users.findByAppleId(subject));
    return bySubject.map(found -> found == null && byEmail.result() == null);
  }

  @Test
  @DisplayName("A replayed callback (same cookie, state and code) is refused with 400, also after a failed first use")
  void replayedState(VertxTestContext ctx) {
    signIn("apple-sub-replay", "replay@relay.example", null, IdTokenShape.good())
        .compose(first -> {
          ctx.verify(() -> assertThat(first.callback().statusCode()).isEqualTo(302));
          return post(first.cookie(), first.code(), first.state(), null);
        })
        .compose(replay -> {
          ctx.verify(() -> {
            assertThat(replay.statusCode()).isEqualTo(400);
            assertThat(replay.bodyAsJsonObject().getString("detail")).contains("already used");
          });
          return signIn("apple-sub-replay2", "replay2@relay.example", null, new IdTokenShape(c -> c, "forger"));
        })
        .compose(failed -> {
          ctx.verify(() -> assertThat(failed.callback().statusCode()).isEqualTo(401));
          apple.nextIdToken(IdTokenShape.good());
          return post(failed.cookie(), failed.code(), failed.state(), null);
        })
        .compose(replay -> {
          ctx.verify(() -> assertThat(replay.statusCode()).isEqualTo(400));
          return users.findByAppleId("apple-sub-replay2");
        })
        .onComplete(ctx.succeeding(none -> ctx.verify(() -> {
          assertThat(none).isNull();
          ctx.completeNow();
        })));
  }

  @Test
  @DisplayName("A callback without the cookie, with a wrong state, or with Apple's error is refused")
  void callbackNeedsItsState(VertxTestContext ctx) {
    post("x=y", "code", "state", null)
        .compose(noCookie -> {
          ctx.verify(() -> assertThat(noCookie.statusCode()).isEqualTo(400));
          return api.get("/auth/apple/login", null);
        })
        .compose(login -> post(login.cookies().get(0).split(";", 2)[0], "code", "not-the-state", null))
        .compose(wrongState -> {
          ctx.verify(() -> {
            assertThat(wrongState.statusCode()).isEqualTo(400);
            assertThat(wrongState.bodyAsJsonObject().getString("detail")).contains("does not match");
          });
          return api.raw().post("/auth/apple/callback")
              .sendForm(MultiMap.caseInsensitiveMultiMap().add("error", "user_cancelled_authorize"));
        })
        .onComplete(ctx.succeeding(cancelled -> ctx.verify(() -> {
          assertThat(cancelled.statusCode()).isEqualTo(302);
          assertThat(cancelled.getHeader("Location")).isEqualTo(FRONTEND + "/?error=apple_auth_failed");
          ctx.completeNow();
        })));
  }

  @Test
  @DisplayName("Notifications: consent-revoked unlinks the Apple id, account-delete deletes the user, a forged one changes nothing; always 200")
  void notifications(VertxTestContext ctx) {
    Future<String> userId = signIn("apple-sub-notify", "notify@relay.example", null, IdTokenShape.good())
        .compose(this::userIdOf);
    Future<HttpResponse<Buffer>> revoked = userId.compose(id -> notify("consent-revoked", "apple-sub-notify", "rsa"));
    Future<ai.motiv8.users.User> unlinked = revoked.compose(answer -> users.findById(userId.result()));
    Future<HttpResponse<Buffer>> forged = unlinked
        .compose(user -> signIn("apple-sub-notify", "notify@relay.example", null, IdTokenShape.good()))
        .compose(again -> notify("account-delete", "apple-sub-notify", "forger"));
    Future<ai.motiv8.users.User> afterForged = forged.compose(answer -> users.findById(userId.result()));
    Future<HttpResponse<Buffer>> deleted = afterForged
        .compose(user -> notify("account-delete", "apple-sub-notify", "ec"));
    Future<ai.motiv8.users.User> afterDelete = deleted.compose(answer -> users.findById(userId.result()));
    Future<HttpResponse<Buffer>> garbage = afterDelete.compose(user -> api.raw().post("/auth/apple/notifications")
        .sendForm(MultiMap.caseInsensitiveMultiMap().add("payload", "not-a-jwt")));
    garbage.onComplete(ctx.succeeding(last -> ctx.verify(() -> {
      assertThat(revoked.result().statusCode()).isEqualTo(200);
      assertThat(unlinked.result().appleId()).isNull();
      assertThat(forged.result().statusCode()).isEqualTo(200);
      assertThat(afterForged.result()).isNotNull();
      assertThat(deleted.result().bodyAsJsonObject().getString("status")).isEqualTo("ok");
      assertThat(afterDelete.result()).isNull();
      assertThat(last.statusCode()).isEqualTo(200);
      ctx.completeNow();
    })));
  }

  private Future<HttpResponse<Buffer>> notify(String type, String subject, String signer) {
    JsonObject claims = apple.baseClaims(subject).put("jti", "n-" + System.nanoTime())
        .put("events", new JsonObject().put("type", type).put("sub", subject)
            .put("event_time", System.currentTimeMillis()).encode());
    return api.raw().post("/auth/apple/notifications")
        .sendForm(MultiMap.caseInsensitiveMultiMap().add("payload", apple.sign(claims, signer)));
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
