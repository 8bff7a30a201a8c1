package ai.motiv8.faces;

import ai.motiv8.config.AppConfig.FaceConfig;
import ai.motiv8.storage.LocalBlobStore;
import io.vertx.core.DeploymentOptions;
import io.vertx.core.Future;
import io.vertx.core.Promise;
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

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/** The inference worker over the event bus, with real models and a local blob store. */
@ExtendWith(VertxExtension.class)
@Timeout(value = 60, timeUnit = TimeUnit.SECONDS)
class InferenceVerticleTest {

  @TempDir
  Path tmp;
  private Path dataDir;
  private Path tempDir;
  private LocalBlobStore blobs;

  @BeforeEach
  void setUp(Vertx vertx) {
    dataDir = tmp.resolve("data");
    tempDir = tmp.resolve("temp");
    blobs = new LocalBlobStore(vertx, dataDir);
  }

  /** Few waiting analyses, so that the busy test overflows the queue with a dozen requests. */
  private static final int QUEUED = 4;

  private static FaceConfig config(int maxConcurrency, long timeoutMs) {
    return new FaceConfig("default", TestModels.modelsDir(), 1, maxConcurrency, QUEUED, timeoutMs, 40_000_000L);
  }

  private Future<String> deploy(Vertx vertx, FaceConfig config) {
    return vertx.deployVerticle(new InferenceVerticle(config, blobs, tempDir), InferenceVerticle.deploymentOptions(config));
  }

  private Future<FaceService> ready(Vertx vertx, String key, byte[] image) {
    return deploy(vertx, config(2, 20_000))
        .compose(id -> blobs.putBytes(key, Buffer.buffer(image), "application/octet-stream"))
        .map(v -> FaceService.createProxy(vertx));
  }

  @Test
  @DisplayName("analyze stores a unit-norm .npy for the astronaut and reports her one face")
  void analyzeStoresEmbedding(Vertx vertx, VertxTestContext test) {
    ready(vertx, "uploads/selfie.png", TestImages.resource(TestImages.ASTRONAUT))
        .compose(faces -> faces.analyze("uploads/selfie.png", "embeddings/selfie.npy"))
        .onComplete(test.succeeding(analysis -> test.verify(() -> {
          assertThat(analysis.numFaces()).isEqualTo(1);
          assertThat(analysis.chosenIndex()).isZero();
          assertThat(analysis.bbox()).hasSize(4);
          assertThat(analysis.bbox().get(0)).isBetween(150, 195);
          assertThat(analysis.bbox().get(3)).isBetween(150, 200);
          assertThat(analysis.chosen().keypoints()).hasSize(10);
          assertThat(analysis.embeddingKey()).isEqualTo("embeddings/selfie.npy");
          assertThat(analysis.embeddingModel()).isEqualTo("default/fr_feature");
          assertThat(analysis.embeddingShape()).containsExactly(512);
          assertThat(analysis.contentType()).isEqualTo("image/png");
          assertThat(analysis.extension()).isEqualTo("png");
          assertThat(analysis.width()).isEqualTo(512);
          assertThat(analysis.toJson().getString("embedding_dtype")).isEqualTo("float32");

          float[] embedding = NpyFormat.readFloat32(Files.readAllBytes(dataDir.resolve("embeddings/selfie.npy")));
          double norm = 0;
          for (float v : embedding) {
            norm += v * v;
          }
          assertThat(embedding).hasSize(512);
          assertThat(Math.sqrt(norm)).isCloseTo(1.0, org.assertj.core.data.Offset.offset(1e-5));
          assertThat(tempFiles()).isEmpty();
          test.completeNow();
        })));
  }

  @Test
  @DisplayName("a sideways JPEG with EXIF orientation 6 is analysed upright")
  void exifRotatedJpeg(Vertx vertx, VertxTestContext test) {
    BufferedImage upright = TestImages.crop(TestImages.photo(TestImages.ASTRONAUT), 56, 0, 400, 512);
    byte[] jpeg = TestImages.withExifOrientation(TestImages.jpeg(TestImages.rotateCounterClockwise90(upright), 0.9f), 6);

    ready(vertx, "uploads/phone.jpg", jpeg)
        .compose(faces -> faces.analyze("uploads/phone.jpg", "embeddings/phone.npy"))
        .onComplete(test.succeeding(analysis -> test.verify(() -> {
          assertThat(analysis.numFaces()).isEqualTo(1);
          assertThat(analysis.contentType()).isEqualTo("image/jpeg");
          assertThat(analysis.extension()).isEqualTo("jpg");
          assertThat(analysis.width()).isEqualTo(400);
          assertThat(analysis.height()).isEqualTo(512);
          test.completeNow();
        })));
  }

  @Test
  @DisplayName("a photo without people fails with 4001 and the API's message, storing nothing")
  void noFace(Vertx vertx, VertxTestContext test) {
    ready(vertx, "uploads/landscape.jpg", TestImages.jpeg(TestImages.landscape(800, 600), 0.9f))
        .compose(faces -> faces.analyze("uploads/landscape.jpg", "embeddings/landscape.npy"))
        .onComplete(test.failing(error -> test.verify(() -> {
          assertThat(error).isInstanceOf(ServiceException.class);
          assertThat(((ServiceException) error).failureCode()).isEqualTo(FaceService.NO_FACE);
          assertThat(error.getMessage()).isEqualTo("Face extraction failed: No face detected in image");
          assertThat(dataDir.resolve("embeddings/landscape.npy")).doesNotExist();
          assertThat(tempFiles()).isEmpty();
          test.completeNow();
        })));
  }

  @Test
  @DisplayName("a PDF renamed .jpg fails with 4000 'File must be an image'")
  void notAnImage(Vertx vertx, VertxTestContext test) {
    byte[] pdf = "%PDF-1.4\n%\u00e2\u00e3\n1 0 obj<<>>endobj\n%%EOF\n".getBytes(StandardCharsets.ISO_8859_1);

    ready(vertx, "uploads/report.jpg", pdf)
        .compose(faces -> faces.analyze("uploads/report.jpg", "embeddings/report.npy"))
        .onComplete(test.failing(error -> test.verify(() -> {
          assertThat(((ServiceException) error).failureCode()).isEqualTo(FaceService.NOT_AN_IMAGE);
          assertThat(error.getMessage()).isEqualTo("File must be an image");
          assertThat(tempFiles()).isEmpty();
          test.completeNow();
        })));
  }

  @Test
  @DisplayName("a decompression bomb fails with 413 before decoding")
  void bomb(Vertx vertx, VertxTestContext test) {
    ready(vertx, "uploads/bomb.png", ai.motiv8.faces.intake.ImageIntakeTestAccess.pngBomb())
        .compose(faces -> faces.analyze("uploads/bomb.png", "embeddings/bomb.npy"))
        .onComplete(test.failing(error -> test.verify(() -> {
          assertThat(((ServiceException) error).failureCode()).isEqualTo(FaceService.TOO_LARGE);
          assertThat(tempFiles()).isEmpty();
          test.completeNow();
        })));
  }

  @Test
  @DisplayName("a missing image fails with 404 and a bad key with 4002")
  void missingAndBadKeys(Vertx vertx, VertxTestContext test) {
    ready(vertx, "uploads/present.png", TestImages.resource(TestImages.ASTRONAUT))
        .compose(faces -> faces.detect("uploads/absent.png")
            .transform(missing -> {
              test.verify(() -> assertThat(((ServiceException) missing.cause()).failureCode())
                  .isEqualTo(FaceService.IMAGE_NOT_FOUND));
              return faces.analyze("uploads/../../etc/passwd", "embeddings/x.npy");
            }))
        .onComplete(test.failing(error -> test.verify(() -> {
          assertThat(((ServiceException) error).failureCode()).isEqualTo(FaceService.INVALID_KEY);
          test.completeNow();
        })));
  }

  @Test
  @DisplayName("detect reports both faces of a two-face canvas, the larger first, and stores nothing")
  void detectTwoFaces(Vertx vertx, VertxTestContext test) {
    ready(vertx, "uploads/two.png", TestImages.png(TestImages.twoFaceCanvas()))
        .compose(faces -> faces.detect("uploads/two.png"))
        .onComplete(test.succeeding(analysis -> test.verify(() -> {
          assertThat(analysis.numFaces()).isEqualTo(2);
          assertThat(analysis.chosenIndex()).isZero();
          assertThat(analysis.faces().get(0).area()).isGreaterThan(analysis.faces().get(1).area());
          assertThat(analysis.bbox().get(2)).isLessThan(512);
          assertThat(analysis.embeddingKey()).isNull();
          assertThat(analysis.embeddingShape()).isEmpty();
          assertThat(dataDir.resolve("embeddings")).doesNotExist();
          test.completeNow();
        })));
  }

  @Test
  @DisplayName("beyond its concurrency limit and queue the worker answers 503 at once, and cleans up after all")
  void busyAnswers503(Vertx vertx, VertxTestContext test) {
    byte[] big = TestImages.jpeg(TestImages.scale(TestImages.photo(TestImages.ASTRONAUT), 3.0), 0.9f);
    FaceConfig config = config(1, 20_000);
    deploy(vertx, config)
        .compose(id -> blobs.putBytes("uploads/big.jpg", Buffer.buffer(big), "image/jpeg"))
        .compose(v -> {
          FaceService faces = FaceService.createProxy(vertx);
          List<Future<Integer>> outcomes = new ArrayList<>();
          for (int i = 0; i < 12; i++) {
            outcomes.add(faces.detect("uploads/big.jpg").map(a -> 200)
                .otherwise(error -> ((ServiceException) error).failureCode()));
          }
          return Future.all(outcomes).map(all -> all.<Integer>list());
        })
        .compose(codes -> eventuallyNoTempFiles(vertx).map(codes))
        .onComplete(test.succeeding(codes -> test.verify(() -> {
          assertThat(codes).containsOnly(200, FaceService.UNAVAILABLE);
          assertThat(codes).contains(200, FaceService.UNAVAILABLE);
          assertThat(codes.stream().filter(c -> c == 200).count())
              .isLessThanOrEqualTo(1 + QUEUED);
          test.completeNow();
        })));
  }

  @Test
  @DisplayName("a request over its time limit fails with 504, stores nothing, and its temp file is still deleted")
  void timeoutAnswers504(Vertx vertx, VertxTestContext test) {
    deploy(vertx, config(1, 1))
        .compose(id -> blobs.putBytes("uploads/slow.png", Buffer.buffer(TestImages.resource(TestImages.ASTRONAUT)),
            "image/png"))
        .compose(v -> FaceService.createProxy(vertx).analyze("uploads/slow.png", "embeddings/slow.npy"))
        .transform(result -> {
          test.verify(() -> {
            assertThat(result.failed()).isTrue();
            assertThat(((ServiceException) result.cause()).failureCode()).isEqualTo(FaceService.TIMEOUT);
          });
          return eventuallyNoTempFiles(vertx);
        })
        .compose(v -> settle(vertx, 1000))
        .onComplete(test.succeeding(v -> test.verify(() -> {
          assertThat(dataDir.resolve("embeddings/slow.npy")).doesNotExist();
          test.completeNow();
        })));
  }

  @Test
  @DisplayName("the verticle does not start when a model file is missing, and says which")
  void missingModelsStopStart(Vertx vertx, VertxTestContext test) {
    FaceConfig config = new FaceConfig("default", tmp.resolve("no-models"), 1, 1, QUEUED, 1000, 1000);
    deploy(vertx, config).onComplete(test.failing(error -> test.verify(() -> {
      assertThat(error).hasMessageContaining("fr_detect.onnx is missing");
      test.completeNow();
    })));
  }

  @Test
  @DisplayName("the buffalo_l pack without its files fails the start, naming the missing file")
  void buffaloWithoutFiles(Vertx vertx, VertxTestContext test) {
    FaceConfig config = new FaceConfig("buffalo_l", TestModels.modelsDir(), 1, 1, QUEUED, 1000, 1000);
    deploy(vertx, config).onComplete(test.failing(error -> test.verify(() -> {
      assertThat(error).hasMessageContaining("det_10g.onnx").hasMessageContaining("docs/models.md");
      test.completeNow();
    })));
  }

  @Test
  @DisplayName("deploying on an event loop is refused: models must load on a worker")
  void eventLoopRefused(Vertx vertx, VertxTestContext test) {
    vertx.deployVerticle(new InferenceVerticle(config(1, 1000), blobs, tempDir), new DeploymentOptions())
        .onComplete(test.failing(error -> test.verify(() -> {
          assertThat(error).hasMessageContaining("deploymentOptions");
          test.completeNow();
        })));
  }

  private List<Path> tempFiles() {
    if (!Files.isDirectory(tempDir)) {
      return List.of();
    }
    try (Stream<Path> files = Files.list(tempDir)) {
      return files.toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Polls until the temp folder is empty (a timed-out job deletes its file when it really ends). */
  private Future<Void> eventuallyNoTempFiles(Vertx vertx) {
    Promise<Void> promise = Promise.promise();
    long deadline = System.currentTimeMillis() + 20_000;
    vertx.setPeriodic(20, timer -> {
      if (tempFiles().isEmpty()) {
        vertx.cancelTimer(timer);
        promise.tryComplete();
      } else if (System.currentTimeMillis() > deadline) {
        vertx.cancelTimer(timer);
        promise.tryFail("Temp files left: " + tempFiles());
      }
    });
    return promise.future();
  }

  private static Future<Void> settle(Vertx vertx, long millis) {
    Promise<Void> promise = Promise.promise();
    vertx.setTimer(millis, t -> promise.complete());
    return promise.future();
  }
}
