package ai.motiv8.generation;

import ai.motiv8.config.AppConfig.DiffusionConfig;
import ai.motiv8.config.AppConfig.FaceConfig;
import ai.motiv8.config.AppConfig.GenerationConfig;
import ai.motiv8.faces.InferenceVerticle;
import ai.motiv8.faces.NpyFormat;
import ai.motiv8.faces.TestImages;
import ai.motiv8.faces.TestModels;
import ai.motiv8.faces.buffalo.BuffaloPack;
import ai.motiv8.generation.diffusion.DiffusionEngine;
import ai.motiv8.generation.diffusion.TinyPack;
import ai.motiv8.storage.ImageVariant;
import ai.motiv8.storage.LocalBlobStore;
import ai.motiv8.support.Polling;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.junit5.Timeout;
import io.vertx.junit5.VertxExtension;
import io.vertx.junit5.VertxTestContext;
import io.vertx.serviceproxy.ServiceException;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** The generation worker over the event bus, with the real face worker, real models and a local blob store. */
@ExtendWith(VertxExtension.class)
@Timeout(value = 60, timeUnit = TimeUnit.SECONDS)
class GenerationVerticleTest {

  private static final String SELFIE = "uploads/selfie.png";
  private static final String EMBEDDING = "embeddings/selfie.npy";
  private static final LocalDate DAY = LocalDate.of(2025, 1, 14);

  @TempDir
  Path tmp;
  private Path dataDir;
  private Path tempDir;
  private LocalBlobStore blobs;
  private GenerationVerticle generation;

  @BeforeEach
  void setUp(Vertx vertx) {
    dataDir = tmp.resolve("data");
    tempDir = tmp.resolve("temp");
    blobs = new LocalBlobStore(vertx, dataDir);
  }

  private static FaceConfig faceConfig() {
    return new FaceConfig("default", TestModels.modelsDir(), 1, 2, 8, 20_000, 40_000_000L);
  }

  private Future<String> deploy(Vertx vertx, GenerationConfig config) {
    FaceConfig face = faceConfig();
    return vertx.deployVerticle(new InferenceVerticle(face, blobs, tempDir), InferenceVerticle.deploymentOptions(face))
        .compose(id -> vertx.deployVerticle(generation = new GenerationVerticle(config, face, blobs, tempDir),
            GenerationVerticle.deploymentOptions(config)));
  }

  /** The worker with {@code config}, the selfie {@code image} at {@link #SELFIE} and an embedding at {@link #EMBEDDING}. */
  private Future<GenerationService> ready(Vertx vertx, GenerationConfig config, byte[] image) {
    return ready(vertx, config, image, embeddingNpy());
  }

  private Future<GenerationService> ready(Vertx vertx, GenerationConfig config, byte[] image, byte[] embedding) {
    return deploy(vertx, config)
        .compose(id -> blobs.putBytes(SELFIE, Buffer.buffer(image), "image/png"))
        .compose(v -> blobs.putBytes(EMBEDDING, Buffer.buffer(embedding), "application/octet-stream"))
        .map(v -> GenerationService.createProxy(vertx, config));
  }

  private GenerationConfig poster(int maxConcurrency, long timeoutMs) {
    return new GenerationConfig("poster", false, maxConcurrency, timeoutMs, diffusionIn(tmp.resolve("no-pack")));
  }

  private static GenerationConfig diffusion(Path packDir) {
    return new GenerationConfig("diffusion", false, 1, 30_000, diffusionIn(packDir));
  }

  private static DiffusionConfig diffusionIn(Path packDir) {
    return new DiffusionConfig(packDir, "cpu", 1);
  }

  /** A unit vector of 512 values as the face analysis stores it. */
  private static byte[] embeddingNpy() {
    Random random = new Random(5);
    float[] vector = new float[512];
    double norm = 0;
    for (int i = 0; i < vector.length; i++) {
      vector[i] = (float) random.nextGaussian();
      norm += vector[i] * vector[i];
    }
    for (int i = 0; i < vector.length; i++) {
      vector[i] /= (float) Math.sqrt(norm);
    }
    return NpyFormat.writeFloat32(vector);
  }

  private static GenerationRequest request(Long seed) {
    return GenerationRequest.of("user-1", SELFIE, EMBEDDING, DAY, GenerationRequest.BATCH).setSeed(seed);
  }

  private static byte[] astronaut() {
    return TestImages.resource("/photos/astronaut.png");
  }

  @Test
  @DisplayName("A job stores a 600x900 poster under an unguessable name, its variants beside it, and no temp file")
  void generatesAndStores(Vertx vertx, VertxTestContext test) {
    ready(vertx, poster(2, 30_000), astronaut())
        .compose(service -> service.generate(request(42L)))
        .onComplete(test.succeeding(result -> test.verify(() -> {
          assertThat(result.key()).matches("generated/\\d{8}_\\d{6}_[0-9a-f]{32}_generated\\.png");
          assertThat(result.filename()).isEqualTo(result.key().substring("generated/".length()));
          assertThat(result.engine()).isEqualTo("poster");
          assertThat(result.seed()).isEqualTo(42L);
          assertThat(result.width()).isEqualTo(600);
          assertThat(result.height()).isEqualTo(900);
          assertThat(result.millis()).isPositive();

          byte[] stored = Files.readAllBytes(dataDir.resolve(result.key()));
          assertThat(stored).hasSize((int) result.sizeBytes());
          BufferedImage png = ImageIO.read(new ByteArrayInputStream(stored));
          assertThat(png.getWidth()).isEqualTo(600);
          assertThat(png.getHeight()).isEqualTo(900);
          assertThat(stored.length).as("PNG under 700 KB").isLessThan(700 * 1024);
          int[][] sizes = {{600, 900}, {1200, 1800}, {1200, 1800}, {300, 450}};
          ImageVariant[] variants = {
              ImageVariant.JPEG, ImageVariant.PNG_2X, ImageVariant.JPEG_2X, ImageVariant.PREVIEW};
          for (int i = 0; i < variants.length; i++) {
            BufferedImage variant = ImageIO.read(dataDir.resolve(variants[i].keyOf(result.key())).toFile());
            assertThat(variant.getWidth()).as(variants[i].name()).isEqualTo(sizes[i][0]);
            assertThat(variant.getHeight()).as(variants[i].name()).isEqualTo(sizes[i][1]);
          }
          assertThat(Polling.filesIn(tempDir)).isZero();
          test.completeNow();
        })));
  }

  @Test
  @DisplayName("The same seed gives the same bytes under two names; no seed gets a chosen one below 2^32")
  void seeds(Vertx vertx, VertxTestContext test) {
    ready(vertx, poster(2, 30_000), astronaut())
        .compose(service -> Future.all(service.generate(request(7L)), service.generate(request(7L)),
            service.generate(request(null))))
        .onComplete(test.succeeding(all -> test.verify(() -> {
          GenerationResult first = all.resultAt(0);
          GenerationResult second = all.resultAt(1);
          GenerationResult chosen = all.resultAt(2);
          assertThat(first.key()).isNotEqualTo(second.key());
          assertThat(Files.readAllBytes(dataDir.resolve(first.key())))
              .isEqualTo(Files.readAllBytes(dataDir.resolve(second.key())));
          assertThat(chosen.seed()).isBetween(0L, (1L << 32) - 1);
          test.completeNow();
        })));
  }

  @Test
  @DisplayName("A missing selfie is SELFIE_NOT_FOUND and a missing embedding EMBEDDING_NOT_FOUND")
  void missingInputs(Vertx vertx, VertxTestContext test) {
    ready(vertx, poster(2, 30_000), astronaut())
        .compose(service -> service.generate(request(1L).setSelfieKey("uploads/nobody.png"))
            .transform(noSelfie -> {
              test.verify(() -> assertThat(code(noSelfie.cause())).isEqualTo(GenerationService.SELFIE_NOT_FOUND));
              return service.generate(request(1L).setEmbeddingKey("embeddings/nobody.npy"));
            }))
        .onComplete(test.failing(error -> test.verify(() -> {
          assertThat(code(error)).isEqualTo(GenerationService.EMBEDDING_NOT_FOUND);
          assertThat(Polling.filesIn(dataDir.resolve("generated"))).isZero();
          test.completeNow();
        })));
  }

  @Test
  @DisplayName("A selfie without a face is NO_FACE with the upload's message, and nothing is stored")
  void noFace(Vertx vertx, VertxTestContext test) {
    ready(vertx, poster(2, 30_000), TestImages.png(TestImages.landscape(640, 480)))
        .compose(service -> service.generate(request(1L)))
        .onComplete(test.failing(error -> test.verify(() -> {
          assertThat(code(error)).isEqualTo(GenerationService.NO_FACE);
          assertThat(error.getMessage()).isEqualTo("Face extraction failed: No face detected in image");
          assertThat(Polling.filesIn(dataDir.resolve("generated"))).isZero();
          assertThat(Polling.filesIn(tempDir)).isZero();
          test.completeNow();
        })));
  }

  @Test
  @DisplayName("A request with a wrong key prefix or out-of-range parameters is INVALID_REQUEST")
  void invalidRequests(Vertx vertx, VertxTestContext test) {
    ready(vertx, poster(2, 30_000), astronaut())
        .compose(service -> {
          List<Future<GenerationResult>> jobs = List.of(
              service.generate(request(1L).setSelfieKey("generated/x.png")),
              service.generate(request(1L).setEmbeddingKey("embeddings/../x.npy")),
              service.generate(request(1L).setNumInferenceSteps(0)),
              service.generate(request(1L).setGuidanceScale(30.5)),
              service.generate(request(1L).setScale(-0.1)),
              service.generate(request(1L).setDate("14-01-2025")),
              service.generate(request(1L).setMode("sometimes")),
              service.generate(request(1L).setPrompt("x".repeat(GenerationRequest.MAX_PROMPT_LENGTH + 1))));
          return Future.join(new ArrayList<>(jobs)).transform(done -> Future.succeededFuture(jobs));
        })
        .onComplete(test.succeeding(jobs -> test.verify(() -> {
          assertThat(jobs).allSatisfy(job -> {
            assertThat(job.failed()).isTrue();
            assertThat(code(job.cause())).isEqualTo(GenerationService.INVALID_REQUEST);
          });
          test.completeNow();
        })));
  }

  @Test
  @DisplayName("Beyond maxConcurrency running and the small queue, jobs are refused at once with BUSY")
  void busy(Vertx vertx, VertxTestContext test) {
    ready(vertx, poster(1, 30_000), astronaut())
        .compose(service -> {
          List<Future<GenerationResult>> jobs = new ArrayList<>();
          for (int i = 0; i < 8; i++) {
            jobs.add(service.generate(request((long) i)));
          }
          return Future.join(new ArrayList<>(jobs)).transform(done -> Future.succeededFuture(jobs));
        })
        .onComplete(test.succeeding(jobs -> test.verify(() -> {
          long ok = jobs.stream().filter(Future::succeeded).count();
          List<Integer> codes = jobs.stream().filter(Future::failed).map(job -> code(job.cause())).toList();
          assertThat(codes).isNotEmpty().containsOnly(GenerationService.BUSY);
          assertThat(ok).isGreaterThanOrEqualTo(1 + GenerationVerticle.QUEUE_PER_SLOT);
          assertThat(ok + codes.size()).isEqualTo(8);
          test.completeNow();
        })));
  }

  @Test
  @DisplayName("A job over its timeout is TIMEOUT, and its temp file is still removed")
  void timeout(Vertx vertx, VertxTestContext test) {
    // A 4000x4000 PNG takes far longer than 100 ms to copy, decode and analyse on any machine.
    byte[] huge = TestImages.png(TestImages.scale(TestImages.photo("/photos/astronaut.png"), 7.8));
    ready(vertx, poster(1, 100), huge)
        .compose(service -> service.generate(request(1L)))
        .onComplete(test.failing(error -> {
          test.verify(() -> assertThat(code(error)).isEqualTo(GenerationService.TIMEOUT));
          Polling.until(vertx, () -> Polling.filesIn(tempDir) == 0, 30_000)
              .onComplete(test.succeedingThenComplete());
        }));
  }

  @Test
  @DisplayName("generation.engine=diffusion with a pack makes a 512x768 PNG through the pipeline from the user's"
      + " buffalo_l embedding, named as the diffusion engine's")
  void diffusionWithPack(Vertx vertx, VertxTestContext test) {
    Path pack = TinyPack.writeFaceIdPack(tmp.resolve("pack"));
    GenerationRequest request = request(9L).setEmbeddingModel(BuffaloPack.EMBEDDING_MODEL).setNumInferenceSteps(3);
    ready(vertx, diffusion(pack), astronaut(), embeddingNpy())
        .compose(service -> service.generate(request))
        .onComplete(test.succeeding(result -> test.verify(() -> {
          assertThat(generation.engineName()).isEqualTo("diffusion");
          assertThat(generation.engineProblem()).isNull();
          assertThat(result.engine()).isEqualTo("diffusion");
          assertThat(result.seed()).isEqualTo(9L);
          assertThat(result.width()).isEqualTo(512);
          assertThat(result.height()).isEqualTo(768);
          assertThat(result.identitySimilarity()).as("no buffalo_l pack installed: not checked").isNull();
          byte[] stored = Files.readAllBytes(dataDir.resolve(result.key()));
          assertThat(PngChunks.text(stored))
              .containsEntry(DiffusionEngine.PNG_SOFTWARE, "motiv8 diffusion, pack tiny-test");
          assertThat(Polling.filesIn(tempDir)).isZero();
          test.completeNow();
        })));
  }

  @Test
  @DisplayName("The diffusion engine refuses an embedding of another face model with ENGINE_FAILED, and takes one"
      + " with no recorded model (stored by the Python service) as buffalo_l")
  void diffusionChecksTheEmbeddingModel(Vertx vertx, VertxTestContext test) {
    Path pack = TinyPack.writeFaceIdPack(tmp.resolve("pack"));
    ready(vertx, diffusion(pack), astronaut(), embeddingNpy())
        .compose(service -> service.generate(request(1L).setEmbeddingModel("default/fr_feature"))
            .transform(other -> {
              test.verify(() -> {
                assertThat(code(other.cause())).isEqualTo(GenerationService.ENGINE_FAILED);
                assertThat(Polling.filesIn(dataDir.resolve("generated"))).isZero();
              });
              return service.generate(request(1L).setNumInferenceSteps(2));
            }))
        .onComplete(test.succeeding(legacy -> test.verify(() -> {
          assertThat(legacy.engine()).isEqualTo("diffusion");
          assertThat(Polling.filesIn(dataDir.resolve("generated"))).isOne();
          test.completeNow();
        })));
  }

  @Test
  @DisplayName("generation.engine=diffusion without a pack starts with the poster engine and says which pack is"
      + " missing and how to make it")
  void diffusionWithoutPack(Vertx vertx, VertxTestContext test) {
    Path missing = tmp.resolve("models/diffusion/none");
    ready(vertx, diffusion(missing), astronaut())
        .compose(service -> service.generate(request(3L)))
        .onComplete(test.succeeding(result -> test.verify(() -> {
          assertThat(generation.engineName()).isEqualTo("poster");
          assertThat(generation.engineProblem())
              .contains(missing.toAbsolutePath().toString(), "does not exist", "docs/diffusion.md",
                  "scripts/export_diffusion_pack.py", "DIFFUSION_PACK_DIR");
          assertThat(result.engine()).isEqualTo("poster");
          assertThat(PngChunks.text(Files.readAllBytes(dataDir.resolve(result.key())))).isEmpty();
          test.completeNow();
        })));
  }

  private static int code(Throwable error) {
    assertThat(error).isInstanceOf(ServiceException.class);
    return ((ServiceException) error).failureCode();
  }
}
