package ai.motiv8.selfies;

import ai.motiv8.Application;
import ai.motiv8.config.AppConfig;
import ai.motiv8.faces.NpyFormat;
import ai.motiv8.faces.TestImages;
import ai.motiv8.storage.LocalBlobStore;
import ai.motiv8.support.ApiClient;
import ai.motiv8.support.FaultyStorage;
import ai.motiv8.support.Polling;
import ai.motiv8.support.TestConfigs;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.multipart.MultipartForm;
import io.vertx.junit5.Timeout;
import io.vertx.junit5.VertxExtension;
import io.vertx.junit5.VertxTestContext;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code POST /api/upload} end to end: real server, real face models, real photos, local storage. */
@ExtendWith(VertxExtension.class)
@Timeout(value = 60, timeUnit = TimeUnit.SECONDS)
class UploadTest {

  private static final String NO_FACE = "Face extraction failed: No face detected in image";

  @TempDir
  static Path dir;

  static Application app;
  static ApiClient api;
  static FaultyStorage store;

  @BeforeAll
  static void start(Vertx vertx, VertxTestContext ctx) {
    AppConfig config = TestConfigs.local(dir);
    store = new FaultyStorage(new LocalBlobStore(vertx, config.storage().dataDir()));
    Application.deploy(vertx, config, store).onComplete(ctx.succeeding(started -> {
      app = started;
      api = new ApiClient(vertx, started.httpPort());
      ctx.completeNow();
    }));
  }

  @BeforeEach
  void healthyStorage() {
    store.failWrites(key -> false);
  }

  private static Future<HttpResponse<Buffer>> upload(String token, String clientName, byte[] bytes, String contentType) {
    Path file = dir.resolve("client-" + UUID.randomUUID());
    try {
      Files.write(file, bytes);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return api.request(HttpMethod.POST, "/api/upload", token)
        .sendMultipartForm(MultipartForm.create().binaryFileUpload("file", clientName, file.toString(), contentType));
  }

  private static Future<String> userWithSelfie(VertxTestContext ctx) {
    return api.devLogin("uploader-" + UUID.randomUUID() + "@example.org").compose(token ->
        upload(token, "me.png", TestImages.resource(TestImages.ASTRONAUT), "image/png").map(response -> {
          ctx.verify(() -> assertThat(response.statusCode()).as(response.bodyAsString()).isEqualTo(200));
          return token;
        }));
  }

  /** Names stored under a prefix of the local data dir (staging files excluded). */
  private static List<String> stored(String prefix) {
    Path folder = app.config().storage().dataDir().resolve(prefix);
    if (!Files.isDirectory(folder)) {
      return List.of();
    }
    try (Stream<Path> files = Files.list(folder)) {
      return files.map(p -> p.getFileName().toString()).sorted().toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static List<String> tempFiles() {
    try (Stream<Path> files = Files.walk(app.config().storage().tempDir())) {
      return files.filter(Files::isRegularFile).map(Path::toString).toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Upload staging files are deleted when the response ends, just after the client sees it. */
  private static Future<Void> noTempFilesLeft() {
    return Polling.until(app.vertx(), () -> tempFiles().isEmpty(), 5000);
  }

  private static void assertDetail(HttpResponse<Buffer> response, int status, String detail) {
    assertThat(response.statusCode()).as(response.bodyAsString()).isEqualTo(status);
    assertThat(response.bodyAsJsonObject().getString("detail")).isEqualTo(detail);
  }

  @Test
  @DisplayName("A real selfie is stored with its face and a unit-norm .npy embedding, and served back to its owner")
  void uploadsASelfie(VertxTestContext ctx) {
    byte[] astronaut = TestImages.resource(TestImages.ASTRONAUT);
    api.devLogin("astronaut-" + UUID.randomUUID() + "@example.org")
        .compose(token -> upload(token, "selfie.png", astronaut, "application/octet-stream")
            .compose(response -> {
              JsonObject body = response.bodyAsJsonObject();
              ctx.verify(() -> {
                assertThat(response.statusCode()).as(response.bodyAsString()).isEqualTo(200);
                assertThat(body.getString("message")).isEqualTo("Selfie uploaded successfully");
                assertThat(body.getBoolean("is_update")).isFalse();
                assertThat(body.getString("original_filename")).isEqualTo("selfie.png");
                assertThat(body.getString("content_type")).isEqualTo("image/png");
                assertThat(body.getLong("size_bytes")).isEqualTo(astronaut.length);
                assertThat(body.getInteger("num_faces")).isEqualTo(1);
                assertThat(body.getJsonArray("embedding_shape")).isEqualTo(new JsonArray().add(512));
                assertThat(body.getString("embedding_dtype")).isEqualTo("float32");
                JsonArray bbox = body.getJsonArray("bbox");
                assertThat(bbox.getInteger(0)).isBetween(140, 200);
                assertThat(bbox.getInteger(1)).isBetween(50, 120);
                assertThat(bbox.getInteger(2)).isBetween(220, 290);
                assertThat(bbox.getInteger(3)).isBetween(150, 230);
                assertThat(body.getString("filename")).matches("\\d{8}_\\d{6}_[0-9a-f]{16}\\.png");
                assertThat(body.getString("embedding_filename")).isEqualTo(body.getString("filename").replace(".png", ".npy"));
                Path npy = app.config().storage().dataDir().resolve("embeddings").resolve(body.getString("embedding_filename"));
                float[] embedding = NpyFormat.readFloat32(Files.readAllBytes(npy));
                double norm = 0;
                for (float v : embedding) {
                  norm += v * v;
                }
                assertThat(embedding).hasSize(512);
                assertThat(Math.sqrt(norm)).isCloseTo(1.0, org.assertj.core.data.Offset.offset(1e-4));
              });
              return api.get("/api/selfie/" + body.getString("filename") + "?token=" + token, null)
                  .compose(selfie -> {
                    ctx.verify(() -> {
                      assertThat(selfie.statusCode()).isEqualTo(200);
                      assertThat(selfie.getHeader("Content-Type")).isEqualTo("image/png");
                      assertThat(selfie.body().getBytes()).isEqualTo(astronaut);
                    });
                    return api.get("/auth/me", token);
                  })
                  .map(me -> {
                    ctx.verify(() -> {
                      assertThat(me.bodyAsJsonObject().getBoolean("has_selfie")).isTrue();
                      assertThat(me.bodyAsJsonObject().getString("selfie_filename")).isEqualTo(body.getString("filename"));
                    });
                    return body;
                  });
            }))
        .onComplete(ctx.succeeding(body -> ctx.verify(() -> {
          noTempFilesLeft().onComplete(ctx.succeedingThenComplete());
        })));
  }

  @Test
  @DisplayName("A second upload replaces the selfie and deletes the old files only after the switch")
  void replacesTheSelfie(VertxTestContext ctx) {
    api.devLogin("replacer-" + UUID.randomUUID() + "@example.org")
        .compose(token -> upload(token, "first.png", TestImages.resource(TestImages.ASTRONAUT), "image/png")
            .compose(first -> upload(token, "second.jpg", TestImages.jpeg(TestImages.photo(TestImages.ASTRONAUT), 0.9f), "image/jpeg")
                .map(second -> List.of(first.bodyAsJsonObject(), second.bodyAsJsonObject()))))
        .onComplete(ctx.succeeding(both -> ctx.verify(() -> {
          JsonObject first = both.get(0);
          JsonObject second = both.get(1);
          assertThat(second.getString("message")).isEqualTo("Selfie updated successfully");
          assertThat(second.getBoolean("is_update")).isTrue();
          assertThat(second.getString("content_type")).isEqualTo("image/jpeg");
          assertThat(second.getString("filename")).endsWith(".jpg");
          assertThat(stored("uploads")).contains(second.getString("filename")).doesNotContain(first.getString("filename"));
          assertThat(stored("embeddings")).contains(second.getString("embedding_filename"))
              .doesNotContain(first.getString("embedding_filename"));
          ctx.completeNow();
        })));
  }

  @Test
  @DisplayName("A landscape is refused with the contract message and the previous selfie is still served")
  void noFaceKeepsThePreviousSelfie(VertxTestContext ctx) {
    userWithSelfie(ctx).compose(token -> api.get("/auth/me", token).compose(before -> {
      String selfie = before.bodyAsJsonObject().getString("selfie_filename");
      List<String> uploadsBefore = stored("uploads");
      return upload(token, "mountains.png", TestImages.png(TestImages.landscape(640, 480)), "image/png")
          .compose(refused -> {
            ctx.verify(() -> {
              assertDetail(refused, 400, NO_FACE);
              assertThat(stored("uploads")).isEqualTo(uploadsBefore);
            });
            return api.get("/api/selfie/" + selfie + "?token=" + token, null);
          });
    })).onComplete(ctx.succeeding(still -> ctx.verify(() -> {
      assertThat(still.statusCode()).isEqualTo(200);
      noTempFilesLeft().onComplete(ctx.succeedingThenComplete());
    })));
  }

  @Test
  @DisplayName("Garbage, PDFs named .jpg, empty and truncated files are 400 'File must be an image'; client paths are never used")
  void badFiles(VertxTestContext ctx) {
    byte[] jpeg = TestImages.jpeg(TestImages.photo(TestImages.ASTRONAUT), 0.9f);
    byte[] truncated = Arrays.copyOf(jpeg, jpeg.length / 3);
    byte[] pdf = "%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\n%%EOF\n".getBytes(StandardCharsets.US_ASCII);
    api.devLogin("bad-files-" + UUID.randomUUID() + "@example.org")
        .compose(token -> upload(token, "doc.jpg", pdf, "image/jpeg")
            .compose(response -> {
              ctx.verify(() -> assertDetail(response, 400, "File must be an image"));
              return upload(token, "empty.jpg", new byte[0], "image/jpeg");
            })
            .compose(response -> {
              ctx.verify(() -> assertDetail(response, 400, "File must be an image"));
              return upload(token, "cut.jpg", truncated, "image/jpeg");
            })
            .compose(response -> {
              ctx.verify(() -> assertDetail(response, 400, "File must be an image"));
              return api.request(HttpMethod.POST, "/api/upload", token)
                  .sendMultipartForm(MultipartForm.create().attribute("note", "no file here"));
            })
            .compose(response -> {
              ctx.verify(() -> assertThat(response.statusCode()).isEqualTo(400));
              return upload(token, "../../etc/passwd.jpg", jpeg, "image/jpeg");
            }))
        .onComplete(ctx.succeeding(traversal -> ctx.verify(() -> {
          assertThat(traversal.statusCode()).as(traversal.bodyAsString()).isEqualTo(200);
          assertThat(traversal.bodyAsJsonObject().getString("original_filename")).isEqualTo("../../etc/passwd.jpg");
          assertThat(traversal.bodyAsJsonObject().getString("filename")).matches("\\d{8}_\\d{6}_[0-9a-f]{16}\\.jpg");
          assertThat(stored("uploads")).noneMatch(name -> name.contains("passwd"));
          noTempFilesLeft().onComplete(ctx.succeedingThenComplete());
        })));
  }

  @Test
  @DisplayName("A 30 MB upload and a decompression bomb are 413")
  void tooLarge(VertxTestContext ctx) {
    byte[] huge = new byte[30 * 1024 * 1024];
    byte[] png = TestImages.resource(TestImages.ASTRONAUT);
    System.arraycopy(png, 0, huge, 0, png.length);
    api.devLogin("large-" + UUID.randomUUID() + "@example.org")
        .compose(token -> upload(token, "huge.png", huge, "image/png")
            .compose(response -> {
              ctx.verify(() -> {
                assertThat(response.statusCode()).isEqualTo(413);
                assertThat(response.bodyAsJsonObject().getString("detail")).isNotBlank();
              });
              return upload(token, "bomb.png", pngHeaderClaiming(50_000, 50_000), "image/png");
            }))
        .onComplete(ctx.succeeding(bomb -> ctx.verify(() -> {
          assertThat(bomb.statusCode()).as(bomb.bodyAsString()).isEqualTo(413);
          noTempFilesLeft().onComplete(ctx.succeedingThenComplete());
        })));
  }

  @Test
  @DisplayName("When storage fails on the second write (the embedding), nothing changes and nothing is left behind")
  void storageFailureKeepsTheOldSelfie(VertxTestContext ctx) {
    userWithSelfie(ctx).compose(token -> api.get("/auth/me", token).compose(before -> {
      List<String> uploadsBefore = stored("uploads");
      List<String> embeddingsBefore = stored("embeddings");
      store.failWrites(key -> key.startsWith("embeddings/"));
      return upload(token, "again.png", TestImages.resource(TestImages.ASTRONAUT), "image/png")
          .compose(failed -> {
            ctx.verify(() -> {
              assertThat(failed.statusCode()).as(failed.bodyAsString()).isGreaterThanOrEqualTo(500);
              assertThat(failed.bodyAsJsonObject().getString("detail")).isNotBlank();
              assertThat(stored("uploads")).isEqualTo(uploadsBefore);
              assertThat(stored("embeddings")).isEqualTo(embeddingsBefore);
            });
            return api.get("/auth/me", token);
          })
          .map(after -> {
            ctx.verify(() -> assertThat(after.bodyAsJsonObject()).isEqualTo(before.bodyAsJsonObject()));
            return after;
          });
    })).onComplete(ctx.succeeding(after -> ctx.verify(() -> {
      noTempFilesLeft().onComplete(ctx.succeedingThenComplete());
    })));
  }

  @Test
  @DisplayName("When the database fails to record the new selfie, the new files are removed and the old selfie stays")
  void databaseFailureKeepsTheOldSelfie(Vertx vertx, VertxTestContext ctx) {
    userWithSelfie(ctx).compose(token -> api.get("/auth/me", token).compose(before -> {
      List<String> uploadsBefore = stored("uploads");
      List<String> embeddingsBefore = stored("embeddings");
      return sqlite(vertx, "CREATE TRIGGER refuse_new_selfie BEFORE UPDATE OF selfie_filename ON users"
              + " BEGIN SELECT RAISE(ABORT, 'Injected database failure'); END")
          .compose(broken -> upload(token, "again.png", TestImages.resource(TestImages.ASTRONAUT), "image/png"))
          .eventually(() -> sqlite(vertx, "DROP TRIGGER IF EXISTS refuse_new_selfie"))
          .compose(failed -> {
            ctx.verify(() -> {
              assertThat(failed.statusCode()).as(failed.bodyAsString()).isEqualTo(500);
              assertThat(stored("uploads")).isEqualTo(uploadsBefore);
              assertThat(stored("embeddings")).isEqualTo(embeddingsBefore);
            });
            return api.get("/auth/me", token);
          })
          .map(after -> {
            ctx.verify(() -> assertThat(after.bodyAsJsonObject()).isEqualTo(before.bodyAsJsonObject()));
            return after;
          });
    })).onComplete(ctx.succeeding(after -> ctx.completeNow()));
  }

  /** Runs one statement on the service's SQLite file over a connection of its own (a real database fault). */
  private static Future<Void> sqlite(Vertx vertx, String statement) {
    return vertx.executeBlocking(() -> {
      try (java.sql.Connection connection = java.sql.DriverManager.getConnection(
               "jdbc:sqlite:" + dir.resolve("motiv8.db"));
           java.sql.Statement sql = connection.createStatement()) {
        sql.execute("PRAGMA busy_timeout = 5000");
        sql.execute(statement);
      }
      return null;
    });
  }

  @Test
  @DisplayName("Uploading needs a valid token, and a refused upload leaves no temp file")
  void needsAToken(Vertx vertx, VertxTestContext ctx) {
    upload(null, "selfie.png", TestImages.resource(TestImages.ASTRONAUT), "image/png")
        .compose(response -> {
          ctx.verify(() -> assertThat(response.statusCode()).isEqualTo(401));
          return Polling.until(vertx, () -> tempFiles().isEmpty(), 5000);
        })
        .onComplete(ctx.succeedingThenComplete());
  }

  /** A valid PNG signature and IHDR chunk claiming {@code w × h} pixels, with no pixel data. */
  private static byte[] pngHeaderClaiming(int width, int height) {
    java.nio.ByteBuffer png = java.nio.ByteBuffer.allocate(8 + 25 + 12);
    png.put(new byte[] {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n'});
    png.putInt(13).put("IHDR".getBytes(StandardCharsets.US_ASCII)).putInt(width).putInt(height)
        .put((byte) 8).put((byte) 2).put((byte) 0).put((byte) 0).put((byte) 0);
    java.util.zip.CRC32 crc = new java.util.zip.CRC32();
    crc.update(png.array(), 12, 17);
    png.putInt((int) crc.getValue());
    png.putInt(0).put("IEND".getBytes(StandardCharsets.US_ASCII)).putInt(0xAE426082);
    return png.array();
  }
}
