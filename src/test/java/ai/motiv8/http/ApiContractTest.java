package ai.motiv8.http;

import ai.motiv8.Application;
import ai.motiv8.auth.JwtTokens;
import ai.motiv8.config.AppConfig;
import ai.motiv8.storage.StorageKeys;
import ai.motiv8.support.ApiClient;
import ai.motiv8.support.TestConfigs;
import ai.motiv8.users.GeneratedImage;
import ai.motiv8.users.UserStore;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.auth.JWTOptions;
import io.vertx.ext.auth.PubSecKeyOptions;
import io.vertx.ext.auth.jwt.JWTAuth;
import io.vertx.ext.auth.jwt.JWTAuthOptions;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.junit5.Timeout;
import io.vertx.junit5.VertxExtension;
import io.vertx.junit5.VertxTestContext;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** The HTTP contract of API.md on the real server (SQLite + local files), through a real HTTP client. */
@ExtendWith(VertxExtension.class)
@Timeout(value = 30, timeUnit = TimeUnit.SECONDS)
class ApiContractTest {

  @TempDir
  static Path dir;

  static Application app;
  static ApiClient api;
  static UserStore users;

  @BeforeAll
  static void startService(Vertx vertx, VertxTestContext ctx) {
    Application.deploy(vertx, TestConfigs.local(dir)).onComplete(ctx.succeeding(started -> {
      app = started;
      api = new ApiClient(vertx, started.httpPort());
      users = UserStore.createProxy(vertx);
      ctx.completeNow();
    }));
  }

  private static String email() {
    return "user-" + UUID.randomUUID() + "@example.org";
  }

  private static void assertDetail(HttpResponse<Buffer> response, int status, String detail) {
    assertThat(response.statusCode()).as(response.bodyAsString()).isEqualTo(status);
    assertThat(response.getHeader("Content-Type")).startsWith("application/json");
    assertThat(response.bodyAsJsonObject().getString("detail")).isEqualTo(detail);
  }

  @Test
  @DisplayName("The liveness, hello and config endpoints answer as the original did, and readiness reports database and storage")
  void serviceEndpoints(VertxTestContext ctx) {
    api.get("/", null)
        .compose(root -> {
          ctx.verify(() -> assertThat(root.bodyAsJsonObject())
              .isEqualTo(new JsonObject().put("status", "ok").put("service", "motiv8-api")));
          return api.get("/api/hello", null);
        })
        .compose(hello -> {
          ctx.verify(() -> assertThat(hello.bodyAsJsonObject().getString("message")).isEqualTo("hello"));
          return api.get("/api/config", null);
        })
        .compose(config -> {
          ctx.verify(() -> assertThat(config.bodyAsJsonObject()).isEqualTo(new JsonObject()
              .put("environment", "development")
              .put("features", new JsonObject().put("onDemandGeneration", true))));
          return api.get("/health", null);
        })
        .compose(health -> {
          ctx.verify(() -> {
            assertThat(health.statusCode()).as(health.bodyAsString()).isEqualTo(200);
            assertThat(health.bodyAsJsonObject().getString("status")).isEqualTo("UP");
            assertThat(health.bodyAsJsonObject().getJsonArray("checks")).isNotEmpty();
          });
          return api.get("/readiness", null);
        })
        .onComplete(ctx.succeeding(readiness -> ctx.verify(() -> {
          assertThat(readiness.statusCode()).as(readiness.bodyAsString()).isEqualTo(200);
          JsonObject body = readiness.bodyAsJsonObject();
          assertThat(body.getString("status")).isEqualTo("UP");
          assertThat(body.getJsonArray("checks").encode()).contains("database").contains("storage");
          ctx.completeNow();
        })));
  }

  @Test
  @DisplayName("Dev login, then /auth/me, then PUT /api/workout-days, then /auth/me shows the change")
  void signInAndSetWorkoutDays(VertxTestContext ctx) {
    String email = email();
    JsonObject days = new JsonObject().put("monday", true).put("tuesday", false).put("wednesday", true)
        .put("thursday", false).put("friday", true).put("saturday", false).put("sunday", false);
    api.devLogin(email)
        .compose(token -> api.get("/auth/me", token)
            .compose(me -> {
              ctx.verify(() -> {
                JsonObject body = me.bodyAsJsonObject();
                assertThat(body.getString("email")).isEqualTo(email);
                assertThat(body.getBoolean("has_selfie")).isFalse();
                assertThat(body.getJsonObject("workout_days").fieldNames()).hasSize(7);
                assertThat(body.getJsonObject("workout_days").getBoolean("monday")).isFalse();
                assertThat(body.getString("created_at")).matches("\\d{4}-\\d{2}-\\d{2}T.*([+-]\\d{2}:\\d{2}|Z)");
              });
              return api.put("/api/workout-days", token, new JsonObject().put("workout_days", days));
            })
            .compose(updated -> {
              ctx.verify(() -> {
                assertThat(updated.statusCode()).isEqualTo(200);
                assertThat(updated.bodyAsJsonObject().getString("message")).isEqualTo("Workout days updated successfully");
                assertThat(updated.bodyAsJsonObject().getJsonObject("workout_days")).isEqualTo(days);
              });
              return api.get("/auth/me", token);
            }))
        .onComplete(ctx.succeeding(me -> ctx.verify(() -> {
          assertThat(me.bodyAsJsonObject().getJsonObject("workout_days")).isEqualTo(days);
          ctx.completeNow();
        })));
  }

  @Test
  @DisplayName("Signing in twice with the same e-mail gives the same user")
  void devLoginIsIdempotent(VertxTestContext ctx) {
    String email = email();
    api.post("/auth/dev-login", null, new JsonObject().put("email", email))
        .compose(first -> api.post("/auth/dev-login", null, new JsonObject().put("email", email.toUpperCase()))
            .map(second -> first.bodyAsJsonObject().getJsonObject("user").getString("id")
                .equals(second.bodyAsJsonObject().getJsonObject("user").getString("id"))))
        .onComplete(ctx.succeeding(same -> ctx.verify(() -> {
          assertThat(same).isTrue();
          ctx.completeNow();
        })));
  }

  @Test
  @DisplayName("Workout days must be exactly the seven days with true/false values")
  void workoutDaysValidation(VertxTestContext ctx) {
    JsonObject sixDays = new JsonObject().put("monday", true).put("tuesday", true).put("wednesday", true)
        .put("thursday", true).put("friday", true).put("saturday", true);
    api.devLogin(email())
        .compose(token -> api.put("/api/workout-days", token, new JsonObject().put("workout_days", sixDays))
            .compose(missing -> {
              ctx.verify(() -> assertDetail(missing, 400, "workout_days.sunday must be true or false"));
              return api.put("/api/workout-days", token, new JsonObject().put("workout_days",
                  sixDays.copy().put("sunday", false).put("funday", true)));
            })
            .compose(extra -> {
              ctx.verify(() -> assertThat(extra.statusCode()).isEqualTo(400));
              return api.put("/api/workout-days", token, new JsonObject().put("workout_days",
                  sixDays.copy().put("sunday", "yes")));
            })
            .compose(notBoolean -> {
              ctx.verify(() -> assertThat(notBoolean.statusCode()).isEqualTo(400));
              return api.request(HttpMethod.PUT, "/api/workout-days", token)
                  .putHeader("Content-Type", "application/json").sendBuffer(Buffer.buffer("{not json"));
            }))
        .onComplete(ctx.succeeding(garbage -> ctx.verify(() -> {
          assertDetail(garbage, 400, "Request body must be valid JSON");
          ctx.completeNow();
        })));
  }

  @Test
  @DisplayName("No token, a forged token, an expired token and a deleted user all get 401 with WWW-Authenticate")
  void authenticationFailures(Vertx vertx, VertxTestContext ctx) {
    JWTAuth forger = JWTAuth.create(vertx, new JWTAuthOptions()
        .addPubSecKey(new PubSecKeyOptions().setAlgorithm("HS256").setBuffer("not-the-server-secret")));
    JwtTokens serverTokens = new JwtTokens(vertx, app.config().auth());
    JWTAuth serverKey = JWTAuth.create(vertx, new JWTAuthOptions()
        .addPubSecKey(new PubSecKeyOptions().setAlgorithm("HS256").setBuffer(app.config().auth().jwtSecret())));

    api.get("/auth/me", null)
        .compose(none -> {
          ctx.verify(() -> {
            assertDetail(none, 401, "Not authenticated");
            assertThat(none.getHeader("WWW-Authenticate")).isEqualTo("Bearer");
          });
          return api.devLogin(email());
        })
        .compose(token -> serverTokens.verify(token).compose(userId -> {
          String forged = forger.generateToken(new JsonObject().put("sub", userId), new JWTOptions().setAlgorithm("HS256"));
          String expired = serverKey.generateToken(new JsonObject().put("sub", userId)
              .put("exp", System.currentTimeMillis() / 1000 - 60), new JWTOptions().setAlgorithm("HS256"));
          return api.get("/auth/me", forged)
              .compose(response -> {
                ctx.verify(() -> assertDetail(response, 401, "Could not validate credentials"));
                return api.get("/auth/me", expired);
              })
              .compose(response -> {
                ctx.verify(() -> assertDetail(response, 401, "Could not validate credentials"));
                return api.get("/auth/me", "garbage.token.value");
              })
              .compose(response -> {
                ctx.verify(() -> assertThat(response.statusCode()).isEqualTo(401));
                return users.deleteUser(userId);
              })
              .compose(deleted -> api.get("/auth/me", token));
        }))
        .onComplete(ctx.succeeding(response -> ctx.verify(() -> {
          assertDetail(response, 401, "User not found");
          assertThat(response.getHeader("WWW-Authenticate")).isEqualTo("Bearer");
          ctx.completeNow();
        })));
  }

  @Test
  @DisplayName("A selfie is served to its owner by ?token= and refused to anyone else with 403")
  void selfieOwnership(VertxTestContext ctx) {
    String name = "20251129_120000_" + UUID.randomUUID().toString().substring(0, 8) + ".png";
    Buffer bytes = Buffer.buffer(new byte[] {(byte) 0x89, 'P', 'N', 'G', 1, 2, 3});
    Future<String> owner = api.devLogin(email());
    Future<String> stranger = api.devLogin(email());
    Future.all(owner, stranger)
        .compose(both -> app.blobStore().putBytes(StorageKeys.upload(name), bytes, "image/png")
            .compose(v -> new JwtTokens(app.vertx(), app.config().auth()).verify(owner.result()))
            .compose(ownerId -> users.replaceSelfie(ownerId, name, name.replace(".png", ".npy"), "test/model")))
        .compose(v -> api.get("/api/selfie/" + name + "?token=" + owner.result(), null))
        .compose(mine -> {
          ctx.verify(() -> {
            assertThat(mine.statusCode()).isEqualTo(200);
            assertThat(mine.getHeader("Content-Type")).isEqualTo("image/png");
            assertThat(mine.body()).isEqualTo(bytes);
          });
          return api.get("/api/selfie/" + name + "?token=" + stranger.result(), null);
        })
        .compose(theirs -> {
          ctx.verify(() -> assertDetail(theirs, 403, "Access denied"));
          return api.get("/api/selfie/" + name, null);
        })
        .compose(anonymous -> {
          ctx.verify(() -> assertThat(anonymous.statusCode()).isEqualTo(401));
          return api.get("/api/selfie/..%2F..%2Fetc%2Fpasswd?token=" + owner.result(), null);
        })
        .onComplete(ctx.succeeding(traversal -> ctx.verify(() -> {
          assertThat(traversal.statusCode()).isIn(400, 403, 404);
          ctx.completeNow();
        })));
  }

  @Test
  @DisplayName("DELETE /api/selfie clears the selfie and its files, then answers 404")
  void removeSelfie(VertxTestContext ctx) {
    String name = "20251129_130000_" + UUID.randomUUID().toString().substring(0, 8) + ".jpg";
    String embedding = name.replace(".jpg", ".npy");
    api.devLogin(email())
        .compose(token -> app.blobStore().putBytes(StorageKeys.upload(name), Buffer.buffer("jpeg"), "image/jpeg")
            .compose(v -> app.blobStore().putBytes(StorageKeys.embedding(embedding), Buffer.buffer("npy"), null))
            .compose(v -> new JwtTokens(app.vertx(), app.config().auth()).verify(token))
            .compose(id -> users.replaceSelfie(id, name, embedding, "test/model"))
            .compose(v -> api.request(HttpMethod.DELETE, "/api/selfie", token).send())
            .compose(removed -> {
              ctx.verify(() -> {
                assertThat(removed.statusCode()).isEqualTo(200);
                assertThat(removed.bodyAsJsonObject().getString("message")).isEqualTo("Selfie removed successfully.");
              });
              return app.blobStore().exists(StorageKeys.upload(name));
            })
            .compose(selfieLeft -> {
              ctx.verify(() -> assertThat(selfieLeft).isFalse());
              return api.get("/auth/me", token);
            })
            .compose(me -> {
              ctx.verify(() -> assertThat(me.bodyAsJsonObject().getBoolean("has_selfie")).isFalse());
              return api.request(HttpMethod.DELETE, "/api/selfie", token).send();
            }))
        .onComplete(ctx.succeeding(again -> ctx.verify(() -> {
          assertThat(again.statusCode()).isEqualTo(404);
          ctx.completeNow();
        })));
  }

  @Test
  @DisplayName("Daily motivation finds the newest image of the day; bad dates are 400 and empty days 404")
  void dailyMotivation(VertxTestContext ctx) {
    String name = "motivation_" + UUID.randomUUID() + ".png";
    api.devLogin(email())
        .compose(token -> new JwtTokens(app.vertx(), app.config().auth()).verify(token)
            .compose(id -> users.recordGeneratedImage(new GeneratedImage(null, id, "generated/old.png", "2025-12-22", 1000L, "ripped", "batch", null))
                .compose(v -> users.recordGeneratedImage(new GeneratedImage(null, id, StorageKeys.generated(name), "2025-12-22", 2000L, "ripped", "on_demand", null))))
            .compose(v -> api.get("/api/daily-motivation?date_str=2025-12-22", token))
            .compose(found -> {
              ctx.verify(() -> {
                assertThat(found.statusCode()).as(found.bodyAsString()).isEqualTo(200);
                assertThat(found.bodyAsJsonObject()).isEqualTo(new JsonObject()
                    .put("filename", name).put("s3_key", "generated/" + name).put("generated_at_millis", 2000L));
              });
              return api.get("/api/daily-motivation?date_str=22-12-2025", token);
            })
            .compose(badDate -> {
              ctx.verify(() -> assertDetail(badDate, 400, "Invalid date format. Use YYYY-MM-DD"));
              return api.get("/api/daily-motivation?date_str=2025-12-23", token);
            }))
        .onComplete(ctx.succeeding(none -> ctx.verify(() -> {
          assertThat(none.statusCode()).isEqualTo(404);
          ctx.completeNow();
        })));
  }

  @Test
  @DisplayName("Generated images are served as PNG by name; unknown or unsafe names are 404")
  void generatedImages(VertxTestContext ctx) {
    String name = "gen_" + UUID.randomUUID() + ".png";
    Buffer png = Buffer.buffer(new byte[] {(byte) 0x89, 'P', 'N', 'G', 9, 9});
    app.blobStore().putBytes(StorageKeys.generated(name), png, "image/png")
        .compose(v -> api.get("/api/generated/" + name, null))
        .compose(found -> {
          ctx.verify(() -> {
            assertThat(found.statusCode()).isEqualTo(200);
            assertThat(found.getHeader("Content-Type")).isEqualTo("image/png");
            assertThat(found.body()).isEqualTo(png);
          });
          return api.get("/api/generated/missing.png", null);
        })
        .compose(missing -> {
          ctx.verify(() -> assertDetail(missing, 404, "Image not found"));
          return api.get("/api/generated/..%2Fmotiv8.db", null);
        })
        .onComplete(ctx.succeeding(unsafe -> ctx.verify(() -> {
          assertThat(unsafe.statusCode()).isEqualTo(404);
          ctx.completeNow();
        })));
  }

  @Test
  @DisplayName("Unknown routes, oversized bodies and bad logins answer JSON errors, never HTML")
  void errorsAreJson(VertxTestContext ctx) {
    api.get("/no/such/route", null)
        .compose(unknown -> {
          ctx.verify(() -> assertDetail(unknown, 404, "Not Found"));
          return api.post("/auth/dev-login", null, new JsonObject().put("email", "x".repeat(100_000) + "@example.org"));
        })
        .compose(tooLarge -> {
          ctx.verify(() -> {
            assertThat(tooLarge.statusCode()).isEqualTo(413);
            assertThat(tooLarge.bodyAsJsonObject().getString("detail")).isNotBlank();
          });
          return api.post("/auth/dev-login", null, new JsonObject().put("email", "not-an-email"));
        })
        .compose(badEmail -> {
          ctx.verify(() -> assertDetail(badEmail, 400, "A valid email is required"));
          return api.get("/auth/login", null);
        })
        .onComplete(ctx.succeeding(google -> ctx.verify(() -> {
          assertDetail(google, 503, "Google sign-in is not configured");
          ctx.completeNow();
        })));
  }

  @Test
  @DisplayName("In development any origin may call the API (CORS)")
  void corsInDevelopment(VertxTestContext ctx) {
    api.request(HttpMethod.OPTIONS, "/auth/me", null)
        .putHeader("Origin", "http://localhost:5173")
        .putHeader("Access-Control-Request-Method", "GET")
        .putHeader("Access-Control-Request-Headers", "Authorization")
        .send()
        .onComplete(ctx.succeeding(preflight -> ctx.verify(() -> {
          assertThat(preflight.statusCode()).isIn(200, 204);
          assertThat(preflight.getHeader("Access-Control-Allow-Origin")).isEqualTo("http://localhost:5173");
          ctx.completeNow();
        })));
  }
}
