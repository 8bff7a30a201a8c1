package ai.motiv8.storage;

import ai.motiv8.support.Polling;

import com.sun.management.UnixOperatingSystemMXBean;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.junit5.VertxTestContext;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

@DisplayName("LocalBlobStore")
class LocalBlobStoreTest extends BlobStoreContractTest {

  private Path dataDir;

  @Override
  BlobStore createStore(Vertx vertx, Path workDir) {
    dataDir = workDir.resolve("data");
    return new LocalBlobStore(vertx, dataDir);
  }

  @Test
  @DisplayName("keeps objects at <data dir>/<prefix>/<name>, the layout existing deployments have")
  void layout(Vertx vertx, VertxTestContext ctx) {
    store.putBytes("embeddings/abc.npy", Buffer.buffer("npy"), null)
        .onComplete(ctx.succeeding(v -> ctx.verify(() -> {
          assertThat(dataDir.resolve("embeddings/abc.npy")).hasContent("npy");
          ctx.completeNow();
        })));
  }

  @Test
  @DisplayName("reads an object written by someone else straight into the data dir")
  void readsExistingFiles(Vertx vertx, VertxTestContext ctx) throws Exception {
    Files.createDirectories(dataDir.resolve("uploads"));
    Files.writeString(dataDir.resolve("uploads/old.jpg"), "from the python service");
    store.open("uploads/old.jpg")
        .compose(blob -> {
          ctx.verify(() -> assertThat(blob.info().contentType()).isEqualTo("image/jpeg"));
          return readAll(blob.stream());
        })
        .onComplete(ctx.succeeding(read -> ctx.verify(() -> {
          assertThat(read.toString()).isEqualTo("from the python service");
          ctx.completeNow();
        })));
  }

  @Test
  @DisplayName("leaves no staging files behind, also when the source file is missing")
  void noStagingLeftovers(Vertx vertx, VertxTestContext ctx) {
    store.putBytes("uploads/a.png", Buffer.buffer("a"), "image/png")
        .compose(v -> store.putFile("uploads/a.png", workDir.resolve("no-such-file"), "image/png"))
        .onComplete(ctx.failing(error -> ctx.verify(() -> {
          try (Stream<Path> files = Files.list(dataDir.resolve("uploads"))) {
            assertThat(files).containsExactly(dataDir.resolve("uploads/a.png"));
          }
          assertThat(dataDir.resolve("uploads/a.png")).hasContent("a");
          ctx.completeNow();
        })));
  }

  @Test
  @DisplayName("closes each file once its stream has been read to the end")
  void noFileDescriptorLeak(Vertx vertx, VertxTestContext ctx) {
    store.putBytes("generated/fd.png", randomBuffer(50_000), "image/png")
        .compose(v -> readTimes(40))
        .compose(v -> {
          long before = openFileDescriptors();
          return readTimes(200).map(v2 -> before);
        })
        // Closing completes right after the end handler: poll rather than expect it at once.
        .compose(before -> Polling.until(vertx, () -> openFileDescriptors() < before + 20, 5_000))
        .onComplete(ctx.succeedingThenComplete());
  }

  @Test
  @DisplayName("ping fails when the data dir cannot be a directory")
  void pingFailsOnUnusableDataDir(Vertx vertx, VertxTestContext ctx) throws Exception {
    Path file = Files.writeString(workDir.resolve("a-file"), "not a dir");
    new LocalBlobStore(vertx, file).ping()
        .onComplete(ctx.failing(error -> ctx.verify(() -> {
          assertThat(error).hasMessageContaining("not usable").hasMessageContaining(file.toString());
          ctx.completeNow();
        })));
  }

  @Test
  @DisplayName("list leaves out staging files, folders and names that could never be keys")
  void listOnlyValidKeys(Vertx vertx, VertxTestContext ctx) throws Exception {
    Path uploads = Files.createDirectories(dataDir.resolve("uploads"));
    Files.writeString(uploads.resolve("kept.jpg"), "kept");
    Files.writeString(uploads.resolve(".kept.jpg.1234.part"), "half");
    Files.writeString(uploads.resolve("with space.jpg"), "x");
    Files.createDirectories(uploads.resolve("folder"));
    store.list("uploads")
        .onComplete(ctx.succeeding(entries -> ctx.verify(() -> {
          assertThat(entries).containsExactly(new BlobEntry("uploads/kept.jpg", 4, null));
          ctx.completeNow();
        })));
  }

  @Test
  @DisplayName("describes itself with its data dir")
  void describe() {
    assertThat(store.describe()).isEqualTo("local filesystem storage at " + dataDir.toAbsolutePath());
  }

  private Future<Void> readTimes(int times) {
    Future<Void> chain = Future.succeededFuture();
    for (int i = 0; i < times; i++) {
      chain = chain.compose(v -> store.open("generated/fd.png").compose(blob -> readAll(blob.stream())).mapEmpty());
    }
    return chain;
  }

  private static long openFileDescriptors() {
    return ((UnixOperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean()).getOpenFileDescriptorCount();
  }
}
