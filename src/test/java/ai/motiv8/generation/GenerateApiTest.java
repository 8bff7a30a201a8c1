package ai.motiv8.generation;

import ai.motiv8.Application;
import ai.motiv8.faces.FaceService;
import ai.motiv8.faces.FaceSimilarity;
import ai.motiv8.mail.MimeParts;
import ai.motiv8.storage.StorageKeys;
import ai.motiv8.support.ApiClient;
import ai.motiv8.support.Polling;
import ai.motiv8.support.TestConfigs;
import ai.motiv8.support.TestSelfies;
import ai.motiv8.support.TestSelfies.Selfie;
import ai.motiv8.support.TestSelfies.SignedIn;
import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.ServerSetup;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.junit5.Timeout;
import io.vertx.junit5.VertxExtension;
import io.vertx.junit5.VertxTestContext;
import jakarta.mail.Message;
import jakarta.mail.internet.MimeMessage;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code POST /api/generate} end to end on the real app (SQLite, local files, the real face pack,
 * the poster engine) with mail going to a GreenMail SMTP server on a random loopback port.
 */
@ExtendWith(VertxExtension.class)
@Timeout(value = 60, timeUnit = TimeUnit.SECONDS)
class GenerateApiTest {

  private static final Logger LOG = LoggerFactory.getLogger(GenerateApiTest.class);

  @RegisterExtension
  static final GreenMailExtension GREEN_MAIL = new GreenMailExtension(
      new ServerSetup(0, "127.0.0.1", ServerSetup.PROTOCOL_SMTP).dynamicPort())
      .withPerMethodLifecycle(false);

  @TempDir
  static Path dir;

  static Application app;
  static ApiClient api;

  @BeforeAll
  static void startService(Vertx vertx, VertxTestContext ctx) {
    Map<String, String> env = Map.of(
        "SMTP_HOST", "127.0.0.1",
        "SMTP_PORT", String.valueOf(GREEN_MAIL.getSmtp().getPort()),
        "SMTP_STARTTLS", "false",
        "FROM_EMAIL", "coach@motiv8.test");
    Application.deploy(vertx, TestConfigs.local(dir, env)).onComplete(ctx.succeeding(started -> {
      app = started;
      api = new ApiClient(vertx, started.httpPort());
      ctx.completeNow();
    }));
  }

  /** A signed-in user with the astronaut as selfie. */
  private static Future<Map.Entry<SignedIn, Selfie>> athlete() {
    return TestSelfies.signIn(app, api).compose(user -> TestSelfies.install(app, user.userId(), "/photos/astronaut.png")
        .map(selfie -> Map.entry(user, selfie)));
  }

  private static Future<HttpResponse<Buffer>> generate(String token, JsonObject body) {
    return api.post("/api/generate", token, body);
  }

  private static void assertDetail(HttpResponse<Buffer> response, int status, String detail) {
    assertThat(response.statusCode()).as(response.bodyAsString()).isEqualTo(status);
    assertThat(response.getHeader("Content-Type")).startsWith("application/json");
    assertThat(response.bodyAsJsonObject().getString("detail")).isEqualTo(detail);
  }

  @Test
  @DisplayName("Generate answers as the original, serves the 600x900 PNG, records it for today and mails it inline")
  void generatesRecordsAndMails(VertxTestContext ctx) {
    athlete().compose(athlete -> {
      SignedIn user = athlete.getKey();
      Selfie selfie = athlete.getValue();
      return generate(user.token(), new JsonObject().put("embedding_filename", selfie.embeddingFilename()).put("seed", 42))
          .compose(response -> {
            ctx.verify(() -> {
              assertThat(response.statusCode()).as(response.bodyAsString()).isEqualTo(200);
              JsonObject body = response.bodyAsJsonObject();
              assertThat(body.fieldNames()).containsExactlyInAnyOrder("message", "generated_filename",
                  "embedding_filename", "prompt", "person_prompt", "background_prompt", "mode", "email_sent");
              assertThat(body.getString("mode")).isEqualTo("ripped");
              assertThat(body.getString("person_prompt")).isNotBlank();
              assertThat(body.getString("message")).isEqualTo("Image generated successfully");
              assertThat(body.getString("generated_filename")).matches("\\d{8}_\\d{6}_[0-9a-f]{32}_generated\\.png");
              assertThat(body.getString("embedding_filename")).isEqualTo(selfie.embeddingFilename());
              assertThat(body.getString("prompt")).isEqualTo(GenerationRequest.DEFAULT_PROMPT);
              assertThat(body.getBoolean("email_sent")).isTrue();
              assertThat(Polling.filesIn(dir.resolve("tmp"))).as("temp files left").isZero();
            });
            String filename = response.bodyAsJsonObject().getString("generated_filename");
            return api.get("/api/generated/" + filename, null).compose(png -> {
              ctx.verify(() -> {
                assertThat(png.statusCode()).isEqualTo(200);
                assertThat(png.getHeader("Content-Type")).isEqualTo("image/png");
                BufferedImage image = ImageIO.read(new ByteArrayInputStream(png.body().getBytes()));
                assertThat(image.getWidth()).isEqualTo(600);
                assertThat(image.getHeight()).isEqualTo(900);
              });
              return api.get("/api/daily-motivation?date_str=" + LocalDate.now(ZoneOffset.UTC), user.token())
                  .map(daily -> {
                    ctx.verify(() -> {
                      assertThat(daily.statusCode()).as(daily.bodyAsString()).isEqualTo(200);
                      assertThat(daily.bodyAsJsonObject().getString("filename")).isEqualTo(filename);
                      assertThat(daily.bodyAsJsonObject().getString("s3_key")).isEqualTo("generated/" + filename);
                      assertMailed(user.email(), png.body().getBytes());
                    });
                    return daily;
                  });
            });
          });
    }).onComplete(ctx.succeedingThenComplete());
  }

  @Test
  @DisplayName("?variant=2x|preview and Accept pick the stored form; an unknown variant is 400, a sibling name 404")
  void variantsAndAccept(VertxTestContext ctx) {
    athlete().compose(athlete -> generate(athlete.getKey().token(),
        new JsonObject().put("embedding_filename", athlete.getValue().embeddingFilename()).put("seed", 5)))
        .compose(generated -> {
          String uri = "/api/generated/" + generated.bodyAsJsonObject().getString("generated_filename");
          return Future.all(List.of(
                  api.get(uri + "?variant=2x", null),
                  api.get(uri + "?variant=preview", null),
                  api.request(HttpMethod.GET, uri, null).putHeader("Accept", "image/jpeg,image/png;q=0.8").send(),
                  api.request(HttpMethod.GET, uri + "?variant=2x", null)
                      .putHeader("Accept", "image/webp,image/*;q=0.8").send(),
                  api.get(uri + "?variant=3x", null),
                  api.get(uri + "?variant=2x&variant=preview", null),
                  api.get(uri.replace("_generated.png", "_generated.2x.png"), null)))
              .map(all -> {
                ctx.verify(() -> {
                  assertImage(all.resultAt(0), "image/png", 1200, 1800);
                  assertImage(all.resultAt(1), "image/jpeg", 300, 450);
                  assertImage(all.resultAt(2), "image/jpeg", 600, 900);
                  assertImage(all.resultAt(3), "image/png", 1200, 1800);
                  assertThat(((HttpResponse<Buffer>) all.resultAt(2)).getHeader("Vary")).isEqualTo("Accept");
                  assertDetail(all.resultAt(4), 400, "Invalid variant. Use 1x, 2x or preview");
                  assertDetail(all.resultAt(5), 400, "Invalid variant. Use 1x, 2x or preview");
                  assertDetail(all.resultAt(6), 404, "Image not found");
                });
                return all;
              });
        }).onComplete(ctx.succeedingThenComplete());
  }

  private static void assertImage(HttpResponse<Buffer> response, String type, int width, int height)
      throws Exception {
    assertThat(response.statusCode()).as(response.bodyAsString()).isEqualTo(200);
    assertThat(response.getHeader("Content-Type")).isEqualTo(type);
    BufferedImage image = ImageIO.read(new ByteArrayInputStream(response.body().getBytes()));
    assertThat(image.getWidth()).isEqualTo(width);
    assertThat(image.getHeight()).isEqualTo(height);
  }

  @Test
  @DisplayName("The poster contains the user's face: one face, the same person as the selfie by embedding")
  void posterShowsTheUser(VertxTestContext ctx) {
    athlete().compose(athlete -> generate(athlete.getKey().token(),
            new JsonObject().put("embedding_filename", athlete.getValue().embeddingFilename()))
        .compose(response -> {
          String key = StorageKeys.generated(response.bodyAsJsonObject().getString("generated_filename"));
          String checkKey = StorageKeys.embedding("check_" + UUID.randomUUID() + ".npy");
          return FaceService.createProxy(app.vertx()).analyze(key, checkKey).compose(analysis -> {
            ctx.verify(() -> assertThat(analysis.numFaces()).as("faces in the poster").isEqualTo(1));
            return Future.all(TestSelfies.embedding(app.blobStore(), athlete.getValue().embeddingKey()),
                TestSelfies.embedding(app.blobStore(), checkKey));
          });
        }))
        .onComplete(ctx.succeeding(embeddings -> ctx.verify(() -> {
          double cosine = FaceSimilarity.cosine(embeddings.resultAt(0), embeddings.resultAt(1));
          LOG.info("Selfie vs poster face: cosine similarity {}", String.format("%.3f", cosine));
          assertThat(cosine).as("cosine similarity of selfie and poster face").isGreaterThanOrEqualTo(FaceSimilarity.SAME_PERSON);
          ctx.completeNow();
        })));
  }

  @Test
  @DisplayName("The same seed twice gives two names with byte-identical images")
  void sameSeedSameBytes(VertxTestContext ctx) {
    athlete().compose(athlete -> {
      JsonObject body = new JsonObject().put("embedding_filename", athlete.getValue().embeddingFilename()).put("seed", 1234);
      return generate(athlete.getKey().token(), body)
          .compose(first -> generate(athlete.getKey().token(), body).map(second -> List.of(first, second)));
    }).compose(both -> Future.all(
            api.get("/api/generated/" + both.get(0).bodyAsJsonObject().getString("generated_filename"), null),
            api.get("/api/generated/" + both.get(1).bodyAsJsonObject().getString("generated_filename"), null))
        .map(images -> Map.entry(both, images)))
        .onComplete(ctx.succeeding(result -> ctx.verify(() -> {
          List<HttpResponse<Buffer>> both = result.getKey();
          assertThat(both.get(0).bodyAsJsonObject().getString("generated_filename"))
              .isNotEqualTo(both.get(1).bodyAsJsonObject().getString("generated_filename"));
          HttpResponse<Buffer> first = result.getValue().resultAt(0);
          HttpResponse<Buffer> second = result.getValue().resultAt(1);
          assertThat(first.body().getBytes()).isEqualTo(second.body().getBytes());
          ctx.completeNow();
        })));
  }

  @Test
  @DisplayName("Another user's embedding or image is 404 exactly like a name that exists nowhere")
  void otherUsersFilesAreNotFound(VertxTestContext ctx) {
    Future.all(athlete(), athlete()).compose(both -> {
      Map.Entry<SignedIn, Selfie> owner = both.resultAt(0);
      Map.Entry<SignedIn, Selfie> stranger = both.resultAt(1);
      String token = stranger.getKey().token();
      String theirs = owner.getValue().embeddingFilename();
      String nowhere = "test_" + UUID.randomUUID().toString().replace("-", "") + ".npy";
      return generate(token, new JsonObject().put("embedding_filename", theirs))
          .compose(response -> {
            ctx.verify(() -> assertDetail(response, 404, "Embedding file not found: " + theirs));
            return generate(token, new JsonObject().put("embedding_filename", nowhere));
          })
          .compose(response -> {
            ctx.verify(() -> assertDetail(response, 404, "Embedding file not found: " + nowhere));
            return generate(token, new JsonObject().put("embedding_filename", stranger.getValue().embeddingFilename())
                .put("image_filename", owner.getValue().filename()));
          })
          .compose(response -> {
            ctx.verify(() -> assertDetail(response, 404, "Image file not found: " + owner.getValue().filename()));
            return generate(token, new JsonObject().put("embedding_filename", stranger.getValue().embeddingFilename())
                .put("image_filename", stranger.getValue().filename()).put("seed", 5));
          });
    }).onComplete(ctx.succeeding(own -> ctx.verify(() -> {
      assertThat(own.statusCode()).as("own files, image named explicitly").isEqualTo(200);
      ctx.completeNow();
    })));
  }

  @Test
  @DisplayName("The front end's body (no embedding_filename) generates from the caller's current selfie and embedding")
  void frontEndBodyUsesTheCurrentSelfie(VertxTestContext ctx) {
    athlete().compose(athlete -> generate(athlete.getKey().token(), new JsonObject()
            .put("num_inference_steps", 30).put("guidance_scale", 7.5).put("scale", 0.8).put("seed", 271828))
        .compose(response -> {
          ctx.verify(() -> {
            assertThat(response.statusCode()).as(response.bodyAsString()).isEqualTo(200);
            assertThat(response.bodyAsJsonObject().getString("embedding_filename"))
                .isEqualTo(athlete.getValue().embeddingFilename());
          });
          return api.get("/api/generated/" + response.bodyAsJsonObject().getString("generated_filename"), null);
        }))
        .onComplete(ctx.succeeding(image -> ctx.verify(() -> {
          assertThat(image.statusCode()).isEqualTo(200);
          assertThat(image.getHeader("Content-Type")).isEqualTo("image/png");
          ctx.completeNow();
        })));
  }

  @Test
  @DisplayName("A user without a selfie gets 404 for a named embedding and 400 without one, and no token gets 401")
  void noSelfieNoToken(VertxTestContext ctx) {
    TestSelfies.signIn(app, api)
        .compose(user -> generate(user.token(), new JsonObject().put("embedding_filename", "mine.npy"))
            .compose(response -> {
              ctx.verify(() -> assertDetail(response, 404, "Embedding file not found: mine.npy"));
              return generate(user.token(), new JsonObject().put("seed", 7));
            }))
        .compose(response -> {
          ctx.verify(() -> assertDetail(response, 400, GenerateRoutes.NO_SELFIE));
          return generate(null, new JsonObject().put("embedding_filename", "mine.npy"));
        })
        .onComplete(ctx.succeeding(response -> ctx.verify(() -> {
          assertDetail(response, 401, "Not authenticated");
          ctx.completeNow();
        })));
  }

  @Test
  @DisplayName("Each missing, mistyped or out-of-range parameter is a 400 that names it, and nothing is generated")
  void invalidParameters(VertxTestContext ctx) {
    athlete().compose(athlete -> {
      String token = athlete.getKey().token();
      JsonObject valid = new JsonObject().put("embedding_filename", athlete.getValue().embeddingFilename());
      List<JsonObject> bodies = List.of(
          new JsonObject().put("embedding_filename", 12),
          new JsonObject().put("embedding_filename", "../../motiv8.db"),
          valid.copy().put("image_filename", "a/b.png"),
          valid.copy().put("num_inference_steps", 0),
          valid.copy().put("num_inference_steps", 151),
          valid.copy().put("num_inference_steps", 2.5),
          valid.copy().put("num_inference_steps", "30"),
          valid.copy().put("guidance_scale", -0.5),
          valid.copy().put("guidance_scale", 30.01),
          valid.copy().put("guidance_scale", "7.5"),
          valid.copy().put("scale", 1.51),
          valid.copy().put("scale", -1),
          valid.copy().put("scale", true),
          valid.copy().put("seed", 1.5),
          valid.copy().put("seed", "42"),
          valid.copy().put("seed", new java.math.BigInteger("100000000000000000000")),
          valid.copy().put("prompt", 5),
          valid.copy().put("negative_prompt", List.of("blurry")),
          valid.copy().put("prompt", "x".repeat(GenerationRequest.MAX_PROMPT_LENGTH + 1)));
      List<String> fields = List.of("embedding_filename", "embedding_filename", "image_filename",
          "num_inference_steps", "num_inference_steps", "num_inference_steps", "num_inference_steps",
          "guidance_scale", "guidance_scale", "guidance_scale", "scale", "scale", "scale", "seed", "seed", "seed",
          "prompt", "negative_prompt", "prompt");
      Future<Void> chain = Future.succeededFuture();
      for (int i = 0; i < bodies.size(); i++) {
        JsonObject body = bodies.get(i);
        String field = fields.get(i);
        chain = chain.compose(v -> generate(token, body).map(response -> {
          ctx.verify(() -> {
            assertThat(response.statusCode()).as("%s -> %s", body.encode(), response.bodyAsString()).isEqualTo(400);
            assertThat(response.bodyAsJsonObject().getString("detail")).as(body.encode()).contains(field);
          });
          return null;
        }));
      }
      return chain
          .compose(v -> api.request(HttpMethod.POST, "/api/generate", token)
              .putHeader("Content-Type", "application/json").sendBuffer(Buffer.buffer("{not json")))
          .compose(garbage -> {
            ctx.verify(() -> assertDetail(garbage, 400, "Request body must be valid JSON"));
            return api.get("/api/daily-motivation", token);
          });
    }).onComplete(ctx.succeeding(daily -> ctx.verify(() -> {
      assertThat(daily.statusCode()).as("nothing recorded").isEqualTo(404);
      ctx.completeNow();
    })));
  }

  @Test
  @DisplayName("Whole-number floats and explicit nulls are accepted as the original's model did")
  void lenientButTyped(VertxTestContext ctx) {
    athlete().compose(athlete -> generate(athlete.getKey().token(), new JsonObject()
            .put("embedding_filename", athlete.getValue().embeddingFilename())
            .put("num_inference_steps", 150.0).put("guidance_scale", 0).put("scale", 1.5).put("seed", null)
            .put("prompt", "a climber at dawn").putNull("negative_prompt").put("unknown_field", "ignored")))
        .onComplete(ctx.succeeding(response -> ctx.verify(() -> {
          assertThat(response.statusCode()).as(response.bodyAsString()).isEqualTo(200);
          assertThat(response.bodyAsJsonObject().getString("prompt")).isEqualTo("a climber at dawn");
          ctx.completeNow();
        })));
  }

  /** GreenMail got exactly one message for {@code to}: subject, text and HTML parts, the generated PNG inline by cid:. */
  private static void assertMailed(String to, byte[] png) throws Exception {
    List<MimeMessage> mine = Arrays.stream(GREEN_MAIL.getReceivedMessages())
        .filter(message -> recipients(message).contains(to)).toList();
    assertThat(mine).hasSize(1);
    MimeParts.assertMotivationMail(mine.get(0), to, png);
  }

  private static List<String> recipients(MimeMessage message) {
    try {
      return Arrays.stream(message.getRecipients(Message.RecipientType.TO)).map(Object::toString).toList();
    } catch (jakarta.mail.MessagingException e) {
      throw new IllegalStateException(e);
    }
  }
}
