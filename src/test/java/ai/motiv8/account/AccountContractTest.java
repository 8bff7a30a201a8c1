package ai.motiv8.account;

import ai.motiv8.Application;
import ai.motiv8.config.AppConfig;
import ai.motiv8.config.AppConfig.DatabaseConfig;
import ai.motiv8.faces.TestImages;
import ai.motiv8.storage.BlobEntry;
import ai.motiv8.storage.BlobStores;
import ai.motiv8.storage.StorageKeys;
import ai.motiv8.support.ApiClient;
import ai.motiv8.support.FaultyStorage;
import ai.motiv8.support.TestConfigs;
import ai.motiv8.support.TestPostgres;
import ai.motiv8.support.TestSelfies;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
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

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code DELETE /api/account} and {@code GET /api/account/export} end to end on the real app, over
 * the database and storage of each subclass, with a fault-injecting store in front of the real
 * one. After a deletion, every storage prefix is listed and every table is queried: nothing of the
 * user is left, while another user's data is untouched.
 */
@ExtendWith(VertxExtension.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@Timeout(value = 120, timeUnit = TimeUnit.SECONDS)
abstract class AccountContractTest {

  /** The tables that hold a user's rows, with the column that names the user. */
  private static final Map<String, String> USER_TABLES = Map.of(
      "users", "id", "generated_images", "user_id", "daily_deliveries", "user_id");

  private Application app;
  private ApiClient api;
  private FaultyStorage storage;

  /** The database and storage variables of this backend. */
  abstract Map<String, String> backend(Path dir) throws Exception;

  /** Stops what {@link #backend} started. */
  void stopBackend() throws Exception {
  }

  @BeforeAll
  void start(Vertx vertx, VertxTestContext ctx) throws Exception {
    Path dir = Files.createTempDirectory(Path.of("target"), "account-");
    AppConfig config = TestConfigs.local(dir, backend(dir));
    storage = new FaultyStorage(BlobStores.create(vertx, config.storage()));
    Application.deploy(vertx, config, storage).onComplete(ctx.succeeding(started -> {
      app = started;
      api = new ApiClient(vertx, started.httpPort());
      ctx.completeNow();
    }));
  }

  @AfterAll
  void stop() throws Exception {
    stopBackend();
  }

  /** A signed-in user with a real selfie, its embedding and two generated images. */
  private record Member(String token, String id, List<String> keys) {
  }

  private Future<Member> member(String name) {
    String email = name + "-" + UUID.randomUUID() + "@motiv8.test";
    return api.devLogin(email).compose(token -> api.upload(token, "me.png",
            TestImages.resource(TestImages.ASTRONAUT), "image/png")
        .compose(upload -> api.post("/api/generate", token, new JsonObject().put("seed", 1))
            .compose(first -> api.post("/api/generate", token, new JsonObject().put("seed", 2))
                .map(second -> List.of(upload, first, second))))
        .compose(answers -> {
          for (HttpResponse<Buffer> answer : answers) {
            if (answer.statusCode() != 200) {
              return Future.failedFuture(answer.statusCode() + " " + answer.bodyAsString());
            }
          }
          List<String> keys = List.of(
              StorageKeys.upload(answers.get(0).bodyAsJsonObject().getString("filename")),
              StorageKeys.embedding(answers.get(0).bodyAsJsonObject().getString("embedding_filename")),
              StorageKeys.generated(answers.get(1).bodyAsJsonObject().getString("generated_filename")),
              StorageKeys.generated(answers.get(2).bodyAsJsonObject().getString("generated_filename")));
          return api.get("/auth/me", token).map(me -> new Member(token, me.bodyAsJsonObject().getString("id"), keys));
        }));
  }

  @Test
  @DisplayName("DELETE /api/account removes every object and row of the user, the token stops working at once,"
      + " and another user keeps everything")
  void deletesEverything(Vertx vertx, VertxTestContext ctx) {
    Future.all(member("leaver"), member("stayer")).compose(both -> {
      Member leaver = both.resultAt(0);
      Member stayer = both.resultAt(1);
      return api.request(HttpMethod.DELETE, "/api/account", leaver.token()).send()
          .compose(deleted -> api.get("/auth/me", leaver.token())
              .compose(me -> api.get("/api/selfie/" + leaver.keys().get(0).substring(StorageKeys.UPLOADS.length() + 1)
                  + "?token=" + leaver.token(), null).map(selfie -> List.of(deleted, me, selfie))))
          .compose(answers -> allKeys().compose(keys -> vertx.executeBlocking(
                  () -> Map.of("leaver", rowsOf(leaver.id()), "stayer", rowsOf(stayer.id())))
              .map(rows -> {
                ctx.verify(() -> {
                  assertThat(answers.get(0).statusCode()).as(answers.get(0).bodyAsString()).isEqualTo(200);
                  assertThat(answers.get(0).bodyAsJsonObject().getString("message"))
                      .isEqualTo("Account deleted successfully");
                  assertThat(answers.get(1).statusCode()).isEqualTo(401);
                  assertThat(answers.get(2).statusCode()).isEqualTo(401);
                  assertThat(keys).doesNotContainAnyElementsOf(leaver.keys());
                  assertThat(keys).containsAll(stayer.keys());
                  assertThat(rows.get("leaver")).as("rows of the deleted user").isZero();
                  assertThat(rows.get("stayer")).as("users row and two images").isEqualTo(3);
                });
                return null;
              })));
    }).onComplete(ctx.succeedingThenComplete());
  }

  @Test
  @DisplayName("Storage failing half-way: 503, the account is marked and locked out; a retry, then the batch's"
      + " resume, finish it with nothing orphaned")
  void halfWayFailureIsResumed(Vertx vertx, VertxTestContext ctx) {
    member("unlucky").compose(member -> {
      String failingImage = member.keys().get(3);
      storage.failDeletes(failingImage::equals);
      return api.request(HttpMethod.DELETE, "/api/account", member.token()).send()
          .compose(failed -> api.get("/auth/me", member.token()).compose(me -> allKeys()
              .compose(keys -> vertx.executeBlocking(() -> rowsOf(member.id())).map(rows -> {
                ctx.verify(() -> {
                  assertThat(failed.statusCode()).as(failed.bodyAsString()).isEqualTo(503);
                  assertThat(failed.bodyAsJsonObject().getString("detail")).isNotBlank();
                  assertThat(me.statusCode()).as("signed out while being deleted").isEqualTo(401);
                  assertThat(keys).contains(failingImage);
                  assertThat(rows).as("rows kept until storage is clean").isPositive();
                });
                return null;
              }))))
          // A retry while storage is still broken fails the same way and changes nothing else.
          .compose(v -> api.request(HttpMethod.DELETE, "/api/account", member.token()).send())
          .compose(again -> {
            ctx.verify(() -> assertThat(again.statusCode()).isEqualTo(503));
            storage.heal();
            return AccountDeletion.resumePending(vertx);
          })
          .compose(finished -> allKeys().compose(keys -> vertx.executeBlocking(() -> rowsOf(member.id()))
              .map(rows -> {
                ctx.verify(() -> {
                  assertThat(finished).isGreaterThanOrEqualTo(1);
                  assertThat(keys).doesNotContainAnyElementsOf(member.keys());
                  assertThat(rows).isZero();
                });
                return null;
              })))
          .compose(v -> api.request(HttpMethod.DELETE, "/api/account", member.token()).send())
          .map(afterwards -> {
            ctx.verify(() -> assertThat(afterwards.statusCode()).as("the account is gone").isEqualTo(401));
            return null;
          });
    }).onComplete(ctx.succeedingThenComplete());
  }

  @Test
  @DisplayName("GET /api/account/export streams a zip of the user's row, selfie, embedding and images")
  void exportsAZip(VertxTestContext ctx) {
    member("exporter").compose(member -> api.get("/api/account/export?token=" + member.token(), null)
            .compose(zip -> TestSelfies.read(app.blobStore(), member.keys().get(0)).map(Buffer::getBytes).map(selfie -> {
              ctx.verify(() -> {
                assertThat(zip.statusCode()).isEqualTo(200);
                assertThat(zip.getHeader("Content-Type")).isEqualTo("application/zip");
                Map<String, byte[]> entries = unzip(zip.body().getBytes());
                assertThat(entries.keySet()).contains("account.json", "generated_images.json");
                assertThat(entries.keySet().stream().filter(name -> name.startsWith("selfie/"))).hasSize(1);
                assertThat(entries.keySet().stream().filter(name -> name.startsWith("embedding/"))).hasSize(1);
                assertThat(entries.keySet().stream().filter(name -> name.startsWith("generated/"))).hasSize(2);
                assertThat(new JsonObject(Buffer.buffer(entries.get("account.json"))).getString("id"))
                    .isEqualTo(member.id());
                String selfieEntry = entries.keySet().stream().filter(name -> name.startsWith("selfie/"))
                    .findFirst().orElseThrow();
                assertThat(entries.get(selfieEntry)).isEqualTo(selfie);
              });
              return null;
            }))
            // Another user's token exports that user's data only.
            .compose(v -> member("other").compose(other -> api.get("/api/account/export?token=" + other.token(), null)
                .map(otherZip -> {
                  ctx.verify(() -> {
                    Map<String, byte[]> entries = unzip(otherZip.body().getBytes());
                    assertThat(new JsonObject(Buffer.buffer(entries.get("account.json"))).getString("id"))
                        .isEqualTo(other.id());
                    for (String key : member.keys()) {
                      String name = key.substring(key.indexOf('/') + 1);
                      assertThat(entries.keySet()).noneMatch(entry -> entry.endsWith("/" + name));
                    }
                  });
                  return null;
                }))))
        .onComplete(ctx.succeedingThenComplete());
  }

  private Future<List<String>> allKeys() {
    return Future.all(storage.list(StorageKeys.UPLOADS), storage.list(StorageKeys.EMBEDDINGS),
        storage.list(StorageKeys.GENERATED)).map(lists -> {
          List<String> keys = new ArrayList<>();
          for (int i = 0; i < lists.size(); i++) {
            List<BlobEntry> entries = lists.resultAt(i);
            entries.forEach(entry -> keys.add(entry.key()));
          }
          return keys;
        });
  }

  /** Rows that name the user, over every table that can. */
  private long rowsOf(String userId) throws SQLException {
    DatabaseConfig database = app.config().database();
    String url = database.isPostgres() ? TestPostgres.jdbcUrl(database) : "jdbc:sqlite:" + database.sqlitePath();
    long rows = 0;
    try (Connection connection = DriverManager.getConnection(url)) {
      for (Map.Entry<String, String> table : USER_TABLES.entrySet()) {
        try (PreparedStatement count = connection.prepareStatement(
            "SELECT COUNT(*) FROM " + table.getKey() + " WHERE " + table.getValue() + " = ?")) {
          count.setString(1, userId);
          try (ResultSet result = count.executeQuery()) {
            result.next();
            rows += result.getLong(1);
          }
        }
      }
    }
    return rows;
  }

  private static Map<String, byte[]> unzip(byte[] zip) {
    Map<String, byte[]> entries = new HashMap<>();
    try (ZipInputStream in = new ZipInputStream(new ByteArrayInputStream(zip))) {
      for (ZipEntry entry = in.getNextEntry(); entry != null; entry = in.getNextEntry()) {
        entries.put(entry.getName(), in.readAllBytes());
      }
    } catch (IOException e) {
      throw new AssertionError("not a zip", e);
    }
    return entries;
  }
}
