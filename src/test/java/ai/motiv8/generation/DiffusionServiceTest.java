package ai.motiv8.generation;

import ai.motiv8.Application;
import ai.motiv8.faces.buffalo.BuffaloPack;
import ai.motiv8.generation.diffusion.DiffusionEngine;
import ai.motiv8.generation.diffusion.TinyPack;
import ai.motiv8.storage.StorageKeys;
import ai.motiv8.support.ApiClient;
import ai.motiv8.support.TestConfigs;
import ai.motiv8.support.TestSelfies;
import ai.motiv8.support.TestSelfies.Selfie;
import ai.motiv8.support.TestSelfies.SignedIn;
import ai.motiv8.users.UserStore;
import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.junit5.Timeout;
import io.vertx.junit5.VertxExtension;
import io.vertx.junit5.VertxTestContext;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code generation.engine=diffusion} in the whole service (SQLite, local files, the default face
 * pack, mail to the outbox): with the tiny pack in the configured folder, and without a pack.
 */
@ExtendWith(VertxExtension.class)
@Timeout(value = 90, timeUnit = TimeUnit.SECONDS)
class DiffusionServiceTest {

  @TempDir
  Path dir;

  private Future<Application> start(Vertx vertx, Path packDir) {
    return Application.deploy(vertx, TestConfigs.local(dir, Map.of(
        "GENERATION_ENGINE", "diffusion",
        "DIFFUSION_PACK_DIR", packDir.toString(),
        "DIFFUSION_THREADS", "1")));
  }

  /** A signed-in user with the astronaut as selfie, embedded by the default face pack. */
  private static Future<Map.Entry<SignedIn, Selfie>> athlete(Application app, ApiClient api) {
    return TestSelfies.signIn(app, api).compose(user -> TestSelfies.install(app, user.userId(), "/photos/astronaut.png")
        .map(selfie -> Map.entry(user, selfie)));
  }

  private static Future<HttpResponse<Buffer>> generate(ApiClient api, Map.Entry<SignedIn, Selfie> athlete) {
    return api.post("/api/generate", athlete.getKey().token(), new JsonObject()
        .put("embedding_filename", athlete.getValue().embeddingFilename())
        .put("num_inference_steps", 3)
        .put("seed", 5));
  }

  private static Future<byte[]> image(ApiClient api, HttpResponse<Buffer> generated) {
    return api.get("/api/generated/" + generated.bodyAsJsonObject().getString("generated_filename"), null)
        .map(response -> response.body().getBytes());
  }

  private static JsonObject modelsCheck(HttpResponse<Buffer> readiness) {
    return readiness.bodyAsJsonObject().getJsonArray("checks").stream().map(JsonObject.class::cast)
        .filter(check -> check.getString("id").equals("models")).findFirst().orElseThrow();
  }

  @Test
  @DisplayName("With the pack in the configured folder, /api/generate makes the image through the diffusion pipeline"
      + " from the user's buffalo_l embedding, and refuses an embedding of another face model")
  void generatesThroughThePipeline(Vertx vertx, VertxTestContext ctx) {
    Path pack = TinyPack.writeFaceIdPack(dir.resolve("models/diffusion/tiny"));
    ListAppender<ILoggingEvent> log = new ListAppender<>();
    Logger engines = (Logger) LoggerFactory.getLogger(GenerationEngines.class);
    log.start();
    engines.addAppender(log);
    start(vertx, pack).compose(app -> {
      ctx.verify(() -> assertThat(log.list).as("the face pack is not the one the engine needs").anySatisfy(line -> {
        assertThat(line.getLevel()).isEqualTo(Level.WARN);
        assertThat(line.getFormattedMessage()).contains("face.pack is 'default'", "models reembed");
      }));
      engines.detachAppender(log);
      ApiClient api = new ApiClient(vertx, app.httpPort());
      return athlete(app, api).compose(athlete -> generate(api, athlete)
          .compose(refused -> {
            ctx.verify(() -> assertThat(refused.statusCode()).as("a default-pack embedding drives no adapter")
                .isEqualTo(500));
            // What 'models reembed' with face.pack=buffalo_l leaves (this build has no buffalo_l weights):
            // the embedding recorded as buffalo_l's.
            return UserStore.createProxy(vertx).replaceSelfie(athlete.getKey().userId(),
                athlete.getValue().filename(), athlete.getValue().embeddingFilename(), BuffaloPack.EMBEDDING_MODEL);
          })
          .compose(previous -> generate(api, athlete))
          .compose(generated -> {
            ctx.verify(() -> assertThat(generated.statusCode()).as(generated.bodyAsString()).isEqualTo(200));
            return image(api, generated);
          })
          .compose(png -> api.get("/readiness", null).map(readiness -> {
            ctx.verify(() -> {
              BufferedImage picture = ImageIO.read(new ByteArrayInputStream(png));
              assertThat(picture.getWidth()).isEqualTo(512);
              assertThat(picture.getHeight()).isEqualTo(768);
              assertThat(PngChunks.text(png)).containsEntry(DiffusionEngine.PNG_SOFTWARE,
                  "motiv8 diffusion, pack tiny-test");
              assertThat(readiness.statusCode()).isEqualTo(200);
              JsonObject models = modelsCheck(readiness);
              assertThat(models.getJsonObject("data").getString("generation")).isEqualTo("engine diffusion");
              assertThat(models.getJsonObject("data").containsKey("generationProblem")).isFalse();
            });
            return readiness;
          })));
    }).onComplete(ctx.succeedingThenComplete());
  }

  @Test
  @DisplayName("Without a pack the service starts with the poster engine; /readiness and the log name the missing pack"
      + " and how to make it, and /api/generate makes a poster")
  void keepsThePosterWithoutAPack(Vertx vertx, VertxTestContext ctx) {
    Path missing = dir.resolve("models/diffusion/realistic-vision-v4-faceid-plus");
    ListAppender<ILoggingEvent> log = new ListAppender<>();
    Logger engines = (Logger) LoggerFactory.getLogger(GenerationEngines.class);
    log.start();
    engines.addAppender(log);
    start(vertx, missing).compose(app -> {
      ApiClient api = new ApiClient(vertx, app.httpPort());
      return api.get("/readiness", null).compose(readiness -> {
        ctx.verify(() -> {
          assertThat(readiness.statusCode()).as(readiness.bodyAsString()).isEqualTo(200);
          JsonObject models = modelsCheck(readiness);
          assertThat(models.getString("status")).isEqualTo("UP");
          assertThat(models.getJsonObject("data").getString("generation")).isEqualTo("engine poster");
          assertThat(models.getJsonObject("data").getString("generationProblem"))
              .contains(missing.toAbsolutePath().toString(), "docs/diffusion.md", "scripts/export_diffusion_pack.py");
          assertThat(log.list).anySatisfy(line -> {
            assertThat(line.getLevel()).isEqualTo(Level.WARN);
            assertThat(line.getFormattedMessage()).contains(missing.toAbsolutePath().toString(),
                "scripts/export_diffusion_pack.py", "posters");
          });
        });
        return athlete(app, api).compose(athlete -> generate(api, athlete));
      }).compose(generated -> {
        ctx.verify(() -> assertThat(generated.statusCode()).as(generated.bodyAsString()).isEqualTo(200));
        return image(api, generated);
      }).map(png -> {
        ctx.verify(() -> {
          BufferedImage poster = ImageIO.read(new ByteArrayInputStream(png));
          assertThat(poster.getWidth()).isEqualTo(600);
          assertThat(PngChunks.text(png)).as("a poster names no diffusion pack").isEmpty();
        });
        return png;
      });
    }).onComplete(done -> {
      engines.detachAppender(log);
      ctx.<byte[]>succeedingThenComplete().handle(done);
    });
  }
}
