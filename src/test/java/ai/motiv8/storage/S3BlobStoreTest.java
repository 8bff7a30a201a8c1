package ai.motiv8.storage;

import ai.motiv8.config.AppConfig.StorageConfig;
import ai.motiv8.support.S3TestServer;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.file.OpenOptions;
import io.vertx.core.net.NetServer;
import io.vertx.core.net.NetSocket;
import io.vertx.core.streams.ReadStream;
import io.vertx.junit5.Timeout;
import io.vertx.junit5.VertxTestContext;
import org.assertj.core.groups.Tuple;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.core.exception.ApiCallTimeoutException;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

@DisplayName("S3BlobStore against an in-process S3 server")
class S3BlobStoreTest extends BlobStoreContractTest {

  private static final AtomicInteger BUCKETS = new AtomicInteger();
  private static S3TestServer server;
  private String bucket;

  @BeforeAll
  static void startServer() throws Exception {
    server = S3TestServer.start();
  }

  @AfterAll
  static void stopServer() throws Exception {
    server.close();
  }

  @Override
  BlobStore createStore(Vertx vertx, Path workDir) {
    bucket = "motiv8-test-" + BUCKETS.incrementAndGet();
    server.createBucket(bucket);
    return server.storeBuilder(vertx, bucket, workDir).build();
  }

  @Test
  @DisplayName("stores keys exactly as given, e.g. uploads/<name>, in the bucket")
  void layout(Vertx vertx, VertxTestContext ctx) {
    store.putBytes("uploads/a.jpg", Buffer.buffer("a"), "image/jpeg")
        .compose(v -> store.putBytes("embeddings/a.npy", Buffer.buffer("b"), null))
        .compose(v -> store.putBytes("generated/a.png", Buffer.buffer("c"), "image/png"))
        .onComplete(ctx.succeeding(v -> ctx.verify(() -> {
          assertThat(server.keys(bucket)).containsExactlyInAnyOrder("uploads/a.jpg", "embeddings/a.npy", "generated/a.png");
          ctx.completeNow();
        })));
  }

  @Test
  @DisplayName("list reports the MD5 of an object stored in one part as its ETag")
  void listEtagIsMd5(Vertx vertx, VertxTestContext ctx) throws Exception {
    Buffer bytes = randomBuffer(70_000);
    String md5 = HexFormat.of().formatHex(MessageDigest.getInstance("MD5").digest(bytes.getBytes()));
    store.putBytes("generated/one.png", bytes, "image/png")
        .compose(v -> store.list("generated"))
        .onComplete(ctx.succeeding(entries -> ctx.verify(() -> {
          assertThat(entries).containsExactly(new BlobEntry("generated/one.png", 70_000, md5));
          assertThat(entries.get(0).md5OrNull()).isEqualTo(md5);
          ctx.completeNow();
        })));
  }

  @Test
  @DisplayName("list pages through more keys than one request returns, and skips keys that are not storage keys")
  void listPages(Vertx vertx, VertxTestContext ctx) {
    BlobStore paged = server.storeBuilder(vertx, bucket, workDir).listPageSize(2).build();
    server.putRaw(bucket, "uploads/deeper/x.jpg", new byte[] {1});
    server.putRaw(bucket, "uploadsx/y.jpg", new byte[] {1});
    Future.all(IntStream.range(0, 7).mapToObj(i -> paged.putBytes("uploads/p-" + i + ".jpg", Buffer.buffer("p" + i), null)).toList())
        .compose(v -> paged.list("uploads"))
        .onComplete(ctx.succeeding(entries -> ctx.verify(() -> {
          paged.close();
          assertThat(entries).extracting(BlobEntry::key)
              .containsExactlyElementsOf(IntStream.range(0, 7).mapToObj(i -> "uploads/p-" + i + ".jpg").toList());
          ctx.completeNow();
        })));
  }

  @Test
  @DisplayName("a file from the multipart threshold up is uploaded in parts and reads back byte for byte")
  void multipartUpload(Vertx vertx, VertxTestContext ctx) throws Exception {
    BlobStore parts = server.storeBuilder(vertx, bucket, workDir)
        .multipartThreshold(S3BlobStore.MIN_PART_SIZE).partSize(S3BlobStore.MIN_PART_SIZE).build();
    Path source = writeRandomFile(LARGE_SIZE);
    Path copy = workDir.resolve("copy.bin");
    parts.putFile("generated/parts.png", source, "image/png")
        .compose(v -> parts.list("generated"))
        .compose(entries -> {
          ctx.verify(() -> {
            assertThat(entries).extracting(BlobEntry::key, BlobEntry::size)
                .containsExactly(Tuple.tuple("generated/parts.png", (long) LARGE_SIZE));
            assertThat(entries.get(0).md5OrNull()).as("a multipart ETag is no MD5").isNull();
          });
          return parts.stat("generated/parts.png");
        })
        .compose(info -> {
          ctx.verify(() -> assertThat(info.contentType()).isEqualTo("image/png"));
          return parts.open("generated/parts.png");
        })
        .compose(blob -> vertx.fileSystem().open(copy.toString(), new OpenOptions().setWrite(true).setCreate(true))
            .compose(file -> blob.stream().pipeTo(file)))
        .onComplete(ctx.succeeding(v -> ctx.verify(() -> {
          parts.close();
          assertThat(Files.mismatch(source, copy)).isEqualTo(-1L);
          ctx.completeNow();
        })));
  }

  @Test
  @DisplayName("a multipart upload that cannot complete is aborted and leaves the old object")
  void multipartFailureLeavesOldObject(Vertx vertx, VertxTestContext ctx) throws Exception {
    BlobStore parts = server.storeBuilder(vertx, bucket, workDir)
        .multipartThreshold(1).partSize(S3BlobStore.MIN_PART_SIZE).build();
    BlobStore missingBucket = server.storeBuilder(vertx, "no-such-bucket", workDir)
        .multipartThreshold(1).partSize(S3BlobStore.MIN_PART_SIZE).build();
    Path source = writeRandomFile(1000);
    parts.putBytes("uploads/old.jpg", Buffer.buffer("old"), "image/jpeg")
        .compose(v -> failureOf(missingBucket.putFile("uploads/old.jpg", source, "image/jpeg")))
        .compose(error -> {
          ctx.verify(() -> assertThat(error).isNotInstanceOf(IllegalArgumentException.class));
          return parts.open("uploads/old.jpg").compose(blob -> readAll(blob.stream()));
        })
        .onComplete(ctx.succeeding(read -> ctx.verify(() -> {
          parts.close();
          missingBucket.close();
          assertThat(read.toString()).isEqualTo("old");
          ctx.completeNow();
        })));
  }

  @Test
  @DisplayName("with a key prefix, objects live under it in the bucket while keys and listings stay unprefixed")
  void keyPrefix(Vertx vertx, VertxTestContext ctx) {
    BlobStore prefixed = server.storeBuilder(vertx, bucket, workDir).keyPrefix("/backups/day-1/").build();
    prefixed.putBytes("uploads/a.jpg", Buffer.buffer("a"), "image/jpeg")
        .compose(v -> Future.all(prefixed.list("uploads"), store.list("uploads"), prefixed.stat("uploads/a.jpg")))
        .onComplete(ctx.succeeding(all -> ctx.verify(() -> {
          assertThat(server.keys(bucket)).containsExactly("backups/day-1/uploads/a.jpg");
          assertThat((List<BlobEntry>) all.resultAt(0)).extracting(BlobEntry::key).containsExactly("uploads/a.jpg");
          assertThat((List<BlobEntry>) all.resultAt(1)).isEmpty();
          assertThat((BlobInfo) all.resultAt(2)).isEqualTo(new BlobInfo("uploads/a.jpg", 1, "image/jpeg"));
          assertThat(prefixed.describe()).contains("prefix=backups/day-1/");
          prefixed.close();
          ctx.completeNow();
        })));
  }

  @Test
  @DisplayName("describes itself with bucket, region and endpoint")
  void describe() {
    assertThat(store.describe())
        .isEqualTo("S3 storage: bucket=" + bucket + ", region=eu-west-1, endpoint=" + server.endpoint()
            + ", path-style addressing, checksums only when required");
  }

  @Test
  @DisplayName("defaults the region to us-east-1 and leaves out an unset endpoint")
  void defaultRegion(Vertx vertx) {
    StorageConfig config = new StorageConfig(workDir, workDir, "prod-bucket", null, null, false, false);
    try (BlobStore aws = new S3BlobStore(vertx, config)) {
      assertThat(aws.describe()).isEqualTo("S3 storage: bucket=prod-bucket, region=us-east-1, "
          + "virtual-hosted addressing, checksums on every request (SDK default)");
    }
  }

  @Test
  @DisplayName("ping fails with a clear message when the bucket does not exist")
  void pingMissingBucket(Vertx vertx, VertxTestContext ctx) {
    BlobStore missing = server.storeBuilder(vertx, "no-such-bucket", workDir).build();
    missing.ping().onComplete(ctx.failing(error -> ctx.verify(() -> {
      missing.close();
      assertThat(error).hasMessage("S3 bucket 'no-such-bucket' does not exist");
      ctx.completeNow();
    })));
  }

  @Test
  @DisplayName("the storage verticle starts on an existing bucket, logs it and serves the bucket's objects")
  void verticleOverS3(Vertx vertx, VertxTestContext ctx) {
    ListAppender<ILoggingEvent> logs = new ListAppender<>();
    logs.start();
    Logger logger = (Logger) LoggerFactory.getLogger(StorageVerticle.class);
    logger.addAppender(logs);
    StorageService service = StorageService.createProxy(vertx);
    store.putBytes("generated/day.png", Buffer.buffer("day"), "image/png")
        .compose(v -> vertx.deployVerticle(new StorageVerticle(store)))
        .compose(id -> service.stat("generated/day.png"))
        .onComplete(ctx.succeeding(stat -> ctx.verify(() -> {
          logger.detachAppender(logs);
          assertThat(stat.getLong("size")).isEqualTo(3L);
          assertThat(stat.getString("content_type")).isEqualTo("image/png");
          assertThat(logs.list).extracting(ILoggingEvent::getFormattedMessage)
              .contains("Using S3 storage: bucket=" + bucket + ", region=eu-west-1, endpoint=" + server.endpoint()
                  + ", path-style addressing, checksums only when required");
          ctx.completeNow();
        })));
  }

  @Test
  @DisplayName("the storage verticle refuses to start on a missing bucket, naming it")
  void verticleFailsOnMissingBucket(Vertx vertx, VertxTestContext ctx) {
    BlobStore missing = server.storeBuilder(vertx, "no-such-bucket", workDir).build();
    vertx.deployVerticle(new StorageVerticle(missing))
        .onComplete(ctx.failing(error -> ctx.verify(() -> {
          missing.close();
          assertThat(error).hasMessageContaining("S3 bucket 'no-such-bucket' does not exist");
          ctx.completeNow();
        })));
  }

  @Test
  @DisplayName("with the server stopped, every operation fails promptly and downloadToTemp leaves no file")
  @Timeout(value = 60, timeUnit = TimeUnit.SECONDS)
  void serverStopped(Vertx vertx, VertxTestContext ctx) throws Exception {
    S3TestServer doomed = S3TestServer.start("doomed");
    BlobStore unreachable = doomed.storeBuilder(vertx, "doomed", workDir).apiCallTimeout(Duration.ofSeconds(10)).build();
    Path source = writeRandomFile(1000);
    unreachable.putBytes("uploads/x.jpg", Buffer.buffer("x"), "image/jpeg")
        .compose(v -> {
          try {
            doomed.close();
          } catch (Exception e) {
            return Future.failedFuture(e);
          }
          return allFail(List.of(
              unreachable.ping(),
              unreachable.exists("uploads/x.jpg"),
              unreachable.stat("uploads/x.jpg"),
              unreachable.putBytes("uploads/y.jpg", Buffer.buffer("y"), "image/jpeg"),
              unreachable.putFile("uploads/z.jpg", source, "image/jpeg"),
              unreachable.open("uploads/x.jpg"),
              unreachable.delete("uploads/x.jpg"),
              unreachable.downloadToTemp("uploads/x.jpg", tempDir)));
        })
        .onComplete(ctx.succeeding(errors -> ctx.verify(() -> {
          unreachable.close();
          assertThat(errors).noneMatch(e -> e instanceof BlobNotFoundException);
          try (Stream<Path> left = Files.list(tempDir)) {
            assertThat(left).isEmpty();
          }
          ctx.completeNow();
        })));
  }

  @Test
  @DisplayName("a server that accepts but never answers is cut off by the API call timeout")
  void silentServer(Vertx vertx, VertxTestContext ctx) {
    List<NetSocket> held = new ArrayList<>();
    NetServer silent = vertx.createNetServer().connectHandler(held::add);
    silent.listen(0, "127.0.0.1").compose(started -> {
      StorageConfig config = new StorageConfig(workDir, workDir, "b", "us-east-1",
          "http://127.0.0.1:" + started.actualPort(), true, true);
      BlobStore stuck = S3BlobStore.builder(vertx, config)
          .credentials(S3TestServer.credentials())
          .apiCallTimeout(Duration.ofSeconds(1))
          .build();
      long begun = System.nanoTime();
      return allFail(List.of(stuck.ping(), stuck.open("uploads/x.jpg"), stuck.downloadToTemp("uploads/x.jpg", tempDir)))
          .map(errors -> {
            stuck.close();
            ctx.verify(() -> {
              assertThat(errors).allMatch(e -> e instanceof ApiCallTimeoutException
                  || e.getCause() instanceof ApiCallTimeoutException, "an API call timeout");
              assertThat(Duration.ofNanos(System.nanoTime() - begun)).isLessThan(Duration.ofSeconds(15));
            });
            return errors;
          });
    }).onComplete(ctx.succeedingThenComplete());
  }

  @Test
  @DisplayName("reading, writing or deleting in a missing bucket fails, rather than passing for a missing object")
  void missingBucketIsNotAMissingObject(Vertx vertx, VertxTestContext ctx) {
    BlobStore missing = server.storeBuilder(vertx, "no-such-bucket", workDir).build();
    allFail(List.of(
        missing.open("uploads/x.jpg"),
        missing.downloadToTemp("uploads/x.jpg", tempDir),
        missing.delete("uploads/x.jpg"),
        missing.putBytes("uploads/x.jpg", Buffer.buffer("x"), "image/jpeg")))
        .onComplete(ctx.succeeding(errors -> ctx.verify(() -> {
          missing.close();
          assertThat(errors).noneMatch(e -> e instanceof BlobNotFoundException);
          ctx.completeNow();
        })));
  }

  @Test
  @Timeout(value = 20, timeUnit = TimeUnit.SECONDS)
  @DisplayName("a stream detached before its end gives its connection back")
  void detachedStreamReleasesConnection(Vertx vertx, VertxTestContext ctx) {
    BlobStore single = server.storeBuilder(vertx, bucket, workDir).maxConcurrency(1).build();
    single.putBytes("generated/big.png", randomBuffer(LARGE_SIZE), "image/png")
        .compose(v -> single.open("generated/big.png"))
        .compose(blob -> {
          ReadStream<Buffer> stream = blob.stream();
          Promise<Void> firstChunk = Promise.promise();
          stream.handler(chunk -> {
            stream.pause();
            firstChunk.tryComplete();
          });
          stream.resume();
          // What Pipe.close() does when the destination goes away.
          return firstChunk.future().map(v -> stream.handler(null));
        })
        .compose(v -> readTimes(single, "generated/big.png", 3))
        .onComplete(ctx.succeeding(v -> {
          single.close();
          ctx.completeNow();
        }));
  }

  private static Future<Void> readTimes(BlobStore store, String key, int times) {
    Future<Void> chain = Future.succeededFuture();
    for (int i = 0; i < times; i++) {
      chain = chain.compose(v -> store.open(key).compose(blob -> readAll(blob.stream())).mapEmpty());
    }
    return chain;
  }

  /** Succeeds with every failure once all have failed; fails if any succeeded. */
  private static Future<List<Throwable>> allFail(List<Future<?>> futures) {
    List<Future<Throwable>> failures = futures.stream().map(BlobStoreContractTest::failureOf).toList();
    return Future.all(failures).map(all -> failures.stream().map(Future::result).toList());
  }
}
