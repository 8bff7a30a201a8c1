package ai.motiv8.storage;

import ai.motiv8.config.AppConfig.StorageConfig;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.eventbus.ReplyException;
import io.vertx.core.eventbus.ReplyFailure;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.Timeout;
import io.vertx.junit5.VertxExtension;
import io.vertx.junit5.VertxTestContext;
import io.vertx.serviceproxy.ServiceException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

@ExtendWith(VertxExtension.class)
@Timeout(value = 30, timeUnit = TimeUnit.SECONDS)
@DisplayName("StorageVerticle and the StorageService proxy")
class StorageVerticleTest {

  @TempDir
  Path dataDir;
  private BlobStore store;
  private StorageService service;
  private final ListAppender<ILoggingEvent> logs = new ListAppender<>();

  @BeforeEach
  void setUp(Vertx vertx) {
    logs.start();
    ((Logger) LoggerFactory.getLogger(StorageVerticle.class)).addAppender(logs);
    store = new LocalBlobStore(vertx, dataDir);
    service = StorageService.createProxy(vertx);
  }

  @AfterEach
  void tearDown() {
    ((Logger) LoggerFactory.getLogger(StorageVerticle.class)).detachAppender(logs);
    store.close();
  }

  @Test
  @DisplayName("answers exists, stat, delete and ping over the event bus, and logs which storage it uses")
  void serviceOverTheBus(Vertx vertx, VertxTestContext ctx) {
    vertx.deployVerticle(new StorageVerticle(store))
        .compose(id -> store.putBytes("uploads/me.png", Buffer.buffer("png!"), "image/png"))
        .compose(v -> service.exists("uploads/me.png"))
        .compose(exists -> {
          ctx.verify(() -> assertThat(exists).isTrue());
          return service.stat("uploads/me.png");
        })
        .compose(stat -> {
          ctx.verify(() -> assertThat(stat).isEqualTo(new JsonObject()
              .put("key", "uploads/me.png").put("size", 4).put("content_type", "image/png")));
          return service.delete("uploads/me.png");
        })
        .compose(v -> service.stat("uploads/me.png"))
        .compose(stat -> {
          ctx.verify(() -> assertThat(stat).isNull());
          return service.exists("uploads/me.png");
        })
        .compose(exists -> {
          ctx.verify(() -> assertThat(exists).isFalse());
          return service.ping();
        })
        .onComplete(ctx.succeeding(v -> ctx.verify(() -> {
          assertThat(logs.list).extracting(ILoggingEvent::getFormattedMessage)
              .anyMatch(line -> line.startsWith("Using local filesystem storage"));
          ctx.completeNow();
        })));
  }

  @Test
  @DisplayName("answers a bad key with failure code 400 on every operation")
  void badKey(Vertx vertx, VertxTestContext ctx) {
    vertx.deployVerticle(new StorageVerticle(store))
        .compose(id -> BlobStoreContractTest.failureOf(service.exists("../etc/passwd")))
        .compose(error -> {
          ctx.verify(() -> assertBadKey(error));
          return BlobStoreContractTest.failureOf(service.stat("uploads/a/b"));
        })
        .compose(error -> {
          ctx.verify(() -> assertBadKey(error));
          return BlobStoreContractTest.failureOf(service.delete("other/x"));
        })
        .onComplete(ctx.succeeding(error -> ctx.verify(() -> {
          assertBadKey(error);
          ctx.completeNow();
        })));
  }

  @Test
  @DisplayName("refuses to start when the data dir is unusable, saying why")
  void unusableDataDir(Vertx vertx, VertxTestContext ctx) throws Exception {
    Path file = Files.writeString(dataDir.resolve("plain-file"), "x");
    vertx.deployVerticle(new StorageVerticle(new LocalBlobStore(vertx, file)))
        .onComplete(ctx.failing(error -> ctx.verify(() -> {
          assertThat(error).hasMessageContaining("Storage is not usable")
              .hasMessageContaining("Data directory " + file + " is not usable");
          ctx.completeNow();
        })));
  }

  @Test
  @DisplayName("stops answering once undeployed")
  void unbindsOnStop(Vertx vertx, VertxTestContext ctx) {
    vertx.deployVerticle(new StorageVerticle(store))
        .compose(id -> service.ping().map(id))
        .compose(vertx::undeploy)
        .compose(v -> BlobStoreContractTest.failureOf(service.ping()))
        .onComplete(ctx.succeeding(error -> ctx.verify(() -> {
          assertThat(error).isInstanceOf(ReplyException.class);
          assertThat(((ReplyException) error).failureType()).isEqualTo(ReplyFailure.NO_HANDLERS);
          ctx.completeNow();
        })));
  }

  @Test
  @DisplayName("BlobStores picks S3 when a bucket is set and local files otherwise")
  void factory(Vertx vertx) {
    StorageConfig local = new StorageConfig(dataDir, dataDir.resolve("tmp"), null, null, null, false, false);
    StorageConfig s3 = new StorageConfig(dataDir, dataDir.resolve("tmp"), "photos", "eu-central-1", null, false, false);
    try (BlobStore localStore = BlobStores.create(vertx, local); BlobStore s3Store = BlobStores.create(vertx, s3)) {
      assertThat(localStore).isInstanceOf(LocalBlobStore.class);
      assertThat(localStore.describe()).isEqualTo("local filesystem storage at " + dataDir.toAbsolutePath());
      assertThat(s3Store).isInstanceOf(S3BlobStore.class);
      assertThat(s3Store.describe()).isEqualTo("S3 storage: bucket=photos, region=eu-central-1, virtual-hosted addressing,"
          + " checksums on every request (SDK default)");
    }
  }

  private static void assertBadKey(Throwable error) {
    assertThat(error).isInstanceOf(ServiceException.class);
    assertThat(((ServiceException) error).failureCode()).isEqualTo(StorageService.BAD_KEY);
    assertThat(error.getMessage()).startsWith("Invalid");
  }
}
