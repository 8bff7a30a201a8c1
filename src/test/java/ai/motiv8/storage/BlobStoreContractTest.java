package ai.motiv8.storage;

import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.file.OpenOptions;
import io.vertx.core.streams.ReadStream;
import io.vertx.junit5.Timeout;
import io.vertx.junit5.VertxExtension;
import io.vertx.junit5.VertxTestContext;
import org.assertj.core.groups.Tuple;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.stream.IntStream;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The whole {@link BlobStore} contract. Each backend runs it by extending this class; what only
 * one backend promises lives in the subclass.
 */
@ExtendWith(VertxExtension.class)
@Timeout(value = 60, timeUnit = TimeUnit.SECONDS)
abstract class BlobStoreContractTest {

  static final int LARGE_SIZE = 5 * 1024 * 1024 + 123;
  static final List<String> INVALID_KEYS =
      Arrays.asList("../x", "/etc/passwd", "uploads/../../x", "uploads/a/b", "other/x", "", "uploads/", "uploads", null);

  @TempDir
  Path workDir;
  Path tempDir;
  BlobStore store;

  /** A new, empty store for one test; {@code workDir} is a fresh folder the store may use. */
  abstract BlobStore createStore(Vertx vertx, Path workDir) throws Exception;

  @BeforeEach
  void setUp(Vertx vertx) throws Exception {
    tempDir = workDir.resolve("tmp");
    store = createStore(vertx, workDir);
  }

  @AfterEach
  void closeStore() {
    store.close();
  }

  @Test
  @DisplayName("stored bytes can be stat'ed, found and read back with their content type")
  void putBytesThenReadBack(Vertx vertx, VertxTestContext ctx) {
    Buffer png = Buffer.buffer("not really a png, but bytes all the same");
    store.putBytes("uploads/selfie-1.png", png, "image/png")
        .compose(v -> store.stat("uploads/selfie-1.png"))
        .compose(info -> {
          ctx.verify(() -> assertThat(info).isEqualTo(new BlobInfo("uploads/selfie-1.png", png.length(), "image/png")));
          return store.exists("uploads/selfie-1.png");
        })
        .compose(exists -> {
          ctx.verify(() -> assertThat(exists).isTrue());
          return store.open("uploads/selfie-1.png");
        })
        .compose(blob -> {
          ctx.verify(() -> assertThat(blob.info()).isEqualTo(new BlobInfo("uploads/selfie-1.png", png.length(), "image/png")));
          return readAll(blob.stream());
        })
        .onComplete(ctx.succeeding(read -> ctx.verify(() -> {
          assertThat(read).isEqualTo(png);
          ctx.completeNow();
        })));
  }

  @Test
  @DisplayName("a multi-megabyte file is streamed back with back-pressure, on the caller's context, byte for byte")
  void largeObjectWithBackPressure(Vertx vertx, VertxTestContext ctx) throws Exception {
    Path source = writeRandomFile(LARGE_SIZE);
    byte[] expected = sha256(Files.readAllBytes(source));
    Context context = vertx.getOrCreateContext();
    context.runOnContext(start -> store.putFile("generated/large.png", source, "image/png")
        .compose(v -> store.open("generated/large.png"))
        .onComplete(ctx.succeeding(blob -> {
          ctx.verify(() -> assertThat(blob.info().size()).isEqualTo(LARGE_SIZE));
          MessageDigest digest = sha256();
          ReadStream<Buffer> stream = blob.stream();
          boolean[] paused = {false};
          long[] received = {0};
          int[] chunks = {0};
          stream.exceptionHandler(ctx::failNow);
          stream.handler(chunk -> ctx.verify(() -> {
            assertThat(Vertx.currentContext()).isSameAs(context);
            assertThat(paused[0]).as("a chunk arrived while the stream was paused").isFalse();
            digest.update(chunk.getBytes());
            received[0] += chunk.length();
            if (++chunks[0] % 20 == 0) {
              paused[0] = true;
              stream.pause();
              vertx.setTimer(2, id -> {
                paused[0] = false;
                stream.resume();
              });
            }
          }));
          stream.endHandler(end -> ctx.verify(() -> {
            assertThat(Vertx.currentContext()).isSameAs(context);
            assertThat(received[0]).isEqualTo(LARGE_SIZE);
            assertThat(digest.digest()).isEqualTo(expected);
            ctx.completeNow();
          }));
          stream.resume();
        })));
  }

  @Test
  @DisplayName("a stream read one chunk at a time with fetch delivers exactly what was asked for")
  void fetchOneAtATime(Vertx vertx, VertxTestContext ctx) throws Exception {
    Buffer data = randomBuffer(300_000);
    Context context = vertx.getOrCreateContext();
    context.runOnContext(start -> store.putBytes("embeddings/e.npy", data, null)
        .compose(v -> store.open("embeddings/e.npy"))
        .onComplete(ctx.succeeding(blob -> {
          ReadStream<Buffer> stream = blob.stream();
          Buffer received = Buffer.buffer();
          int[] outstanding = {1};
          stream.exceptionHandler(ctx::failNow);
          stream.handler(chunk -> ctx.verify(() -> {
            assertThat(outstanding[0]--).as("chunks beyond the fetched ones").isPositive();
            received.appendBuffer(chunk);
            vertx.setTimer(1, id -> {
              outstanding[0]++;
              stream.fetch(1);
            });
          }));
          stream.endHandler(end -> ctx.verify(() -> {
            assertThat(received).isEqualTo(data);
            ctx.completeNow();
          }));
          stream.fetch(1);
        })));
  }

  @Test
  @DisplayName("an opened object piped into a file writes identical bytes")
  void pipeToFile(Vertx vertx, VertxTestContext ctx) throws Exception {
    Path source = writeRandomFile(LARGE_SIZE);
    Path copy = workDir.resolve("copy.bin");
    store.putFile("uploads/piped.jpg", source, "image/jpeg")
        .compose(v -> store.open("uploads/piped.jpg"))
        .compose(blob -> vertx.fileSystem().open(copy.toString(), new OpenOptions().setWrite(true).setCreate(true))
            .compose(file -> blob.stream().pipeTo(file)))
        .onComplete(ctx.succeeding(v -> ctx.verify(() -> {
          assertThat(Files.mismatch(source, copy)).isEqualTo(-1L);
          ctx.completeNow();
        })));
  }

  @Test
  @DisplayName("an empty object reads back as an immediate end")
  void emptyObject(Vertx vertx, VertxTestContext ctx) {
    store.putBytes("generated/empty.png", Buffer.buffer(), "image/png")
        .compose(v -> store.stat("generated/empty.png"))
        .compose(info -> {
          ctx.verify(() -> assertThat(info.size()).isZero());
          return store.open("generated/empty.png");
        })
        .compose(blob -> readAll(blob.stream()))
        .onComplete(ctx.succeeding(read -> ctx.verify(() -> {
          assertThat(read.length()).isZero();
          ctx.completeNow();
        })));
  }

  @Test
  @DisplayName("downloadToTemp copies the object to a new file under the temp dir")
  void downloadToTemp(Vertx vertx, VertxTestContext ctx) throws Exception {
    Path source = writeRandomFile(1_500_000);
    store.putFile("uploads/face.jpg", source, "image/jpeg")
        .compose(v -> store.downloadToTemp("uploads/face.jpg", tempDir))
        .onComplete(ctx.succeeding(path -> ctx.verify(() -> {
          assertThat(path.getParent()).isEqualTo(tempDir);
          assertThat(path.getFileName().toString()).endsWith(".jpg");
          assertThat(Files.mismatch(source, path)).isEqualTo(-1L);
          ctx.completeNow();
        })));
  }

  @Test
  @DisplayName("a missing object is absent to stat and exists, and open and downloadToTemp fail with BlobNotFoundException, leaving no file")
  void missingObject(Vertx vertx, VertxTestContext ctx) throws IOException {
    Files.createDirectories(tempDir);
    store.stat("uploads/missing.jpg")
        .compose(info -> {
          ctx.verify(() -> assertThat(info).isNull());
          return store.exists("uploads/missing.jpg");
        })
        .compose(exists -> {
          ctx.verify(() -> assertThat(exists).isFalse());
          return failureOf(store.open("uploads/missing.jpg"));
        })
        .compose(openError -> {
          ctx.verify(() -> assertThat(openError).isInstanceOf(BlobNotFoundException.class)
              .hasMessageContaining("uploads/missing.jpg"));
          return failureOf(store.downloadToTemp("uploads/missing.jpg", tempDir));
        })
        .onComplete(ctx.succeeding(downloadError -> ctx.verify(() -> {
          assertThat(downloadError).isInstanceOf(BlobNotFoundException.class);
          try (Stream<Path> left = Files.list(tempDir)) {
            assertThat(left).isEmpty();
          }
          ctx.completeNow();
        })));
  }

  @Test
  @DisplayName("every operation rejects keys outside the three prefixes or with path tricks")
  void invalidKeys(Vertx vertx, VertxTestContext ctx) throws Exception {
    Path source = writeRandomFile(10);
    List<Future<?>> attempts = new ArrayList<>();
    for (String key : INVALID_KEYS) {
      List<Function<String, Future<?>>> operations = List.of(
          k -> store.putBytes(k, Buffer.buffer("x"), null),
          k -> store.putFile(k, source, null),
          store::open,
          store::stat,
          store::exists,
          store::delete,
          k -> store.downloadToTemp(k, tempDir));
      for (Function<String, Future<?>> operation : operations) {
        attempts.add(failureOf(operation.apply(key)).map(error -> {
          ctx.verify(() -> assertThat(error).as("key %s", key).isInstanceOf(IllegalArgumentException.class));
          return error;
        }));
      }
    }
    Future.all(attempts).onComplete(ctx.succeeding(v -> ctx.verify(() -> {
      assertThat(workDir.resolve("x")).doesNotExist();
      assertThat(workDir.getParent().resolve("x")).doesNotExist();
      ctx.completeNow();
    })));
  }

  @Test
  @DisplayName("putFile of a missing source file fails and leaves the old object in place")
  void putMissingFile(Vertx vertx, VertxTestContext ctx) {
    store.putBytes("uploads/kept.png", Buffer.buffer("old"), "image/png")
        .compose(v -> failureOf(store.putFile("uploads/kept.png", workDir.resolve("no-such-file"), "image/png")))
        .compose(error -> {
          ctx.verify(() -> assertThat(error).isNotInstanceOf(IllegalArgumentException.class));
          return failureOf(store.putFile("uploads/new.png", workDir.resolve("no-such-file"), "image/png"));
        })
        .compose(error -> store.exists("uploads/new.png"))
        .compose(exists -> {
          ctx.verify(() -> assertThat(exists).isFalse());
          return store.open("uploads/kept.png").compose(blob -> readAll(blob.stream()));
        })
        .onComplete(ctx.succeeding(read -> ctx.verify(() -> {
          assertThat(read.toString()).isEqualTo("old");
          ctx.completeNow();
        })));
  }

  @Test
  @DisplayName("deleting removes the object, and deleting an absent object succeeds")
  void deleteIsIdempotent(Vertx vertx, VertxTestContext ctx) {
    store.putBytes("generated/gone.png", Buffer.buffer("bye"), "image/png")
        .compose(v -> store.delete("generated/gone.png"))
        .compose(v -> store.exists("generated/gone.png"))
        .compose(exists -> {
          ctx.verify(() -> assertThat(exists).isFalse());
          return store.delete("generated/gone.png");
        })
        .compose(v -> store.delete("generated/never-there.png"))
        .onComplete(ctx.succeedingThenComplete());
  }

  @Test
  @DisplayName("writing a key again replaces its content, also with fewer bytes")
  void overwriteReplaces(Vertx vertx, VertxTestContext ctx) {
    Buffer first = Buffer.buffer("the first, longer content of this object");
    Buffer second = Buffer.buffer("second");
    store.putBytes("embeddings/me.npy", first, null)
        .compose(v -> store.putBytes("embeddings/me.npy", second, null))
        .compose(v -> store.stat("embeddings/me.npy"))
        .compose(info -> {
          ctx.verify(() -> assertThat(info.size()).isEqualTo(second.length()));
          return store.open("embeddings/me.npy");
        })
        .compose(blob -> readAll(blob.stream()))
        .onComplete(ctx.succeeding(read -> ctx.verify(() -> {
          assertThat(read).isEqualTo(second);
          ctx.completeNow();
        })));
  }

  @Test
  @DisplayName("concurrent writes of different keys all land intact")
  void concurrentPuts(Vertx vertx, VertxTestContext ctx) {
    List<Buffer> contents = IntStream.range(0, 24).mapToObj(i -> randomBuffer(20_000 + i * 1_000)).toList();
    List<Future<Void>> puts = IntStream.range(0, contents.size())
        .mapToObj(i -> store.putBytes("generated/img-" + i + ".png", contents.get(i), "image/png"))
        .toList();
    Future.all(puts)
        .compose(v -> Future.all(IntStream.range(0, contents.size())
            .mapToObj(i -> store.open("generated/img-" + i + ".png").compose(blob -> readAll(blob.stream())))
            .toList()))
        .onComplete(ctx.succeeding(all -> ctx.verify(() -> {
          for (int i = 0; i < contents.size(); i++) {
            assertThat((Buffer) all.resultAt(i)).as("object %d", i).isEqualTo(contents.get(i));
          }
          ctx.completeNow();
        })));
  }

  @Test
  @DisplayName("list gives the objects under one prefix, sorted by key, with their sizes, and nothing else")
  void listOnePrefix(Vertx vertx, VertxTestContext ctx) {
    Future.all(List.of(
            store.putBytes("uploads/b.jpg", Buffer.buffer("bb"), "image/jpeg"),
            store.putBytes("uploads/a.png", Buffer.buffer("a"), "image/png"),
            store.putBytes("uploads/c-2.jpg", Buffer.buffer(""), "image/jpeg"),
            store.putBytes("embeddings/a.npy", Buffer.buffer("npy"), null)))
        .compose(v -> Future.all(store.list("uploads"), store.list("embeddings/"), store.list("generated")))
        .onComplete(ctx.succeeding(all -> ctx.verify(() -> {
          List<BlobEntry> uploads = all.resultAt(0);
          List<BlobEntry> embeddings = all.resultAt(1);
          List<BlobEntry> generated = all.resultAt(2);
          assertThat(uploads).extracting(BlobEntry::key, BlobEntry::size).containsExactly(
              Tuple.tuple("uploads/a.png", 1L),
              Tuple.tuple("uploads/b.jpg", 2L),
              Tuple.tuple("uploads/c-2.jpg", 0L));
          assertThat(embeddings).extracting(BlobEntry::key).containsExactly("embeddings/a.npy");
          assertThat(generated).isEmpty();
          ctx.completeNow();
        })));
  }

  @Test
  @DisplayName("list after a delete no longer shows the object")
  void listAfterDelete(Vertx vertx, VertxTestContext ctx) {
    store.putBytes("generated/1.png", Buffer.buffer("1"), "image/png")
        .compose(v -> store.putBytes("generated/2.png", Buffer.buffer("2"), "image/png"))
        .compose(v -> store.delete("generated/1.png"))
        .compose(v -> store.list("generated"))
        .onComplete(ctx.succeeding(entries -> ctx.verify(() -> {
          assertThat(entries).extracting(BlobEntry::key).containsExactly("generated/2.png");
          ctx.completeNow();
        })));
  }

  @Test
  @DisplayName("list accepts only the three prefixes")
  void listRejectsOtherPrefixes(Vertx vertx, VertxTestContext ctx) {
    List<Future<Throwable>> attempts = Arrays.asList("other", "uploads/x", "../uploads", "", "/", null).stream()
        .map(prefix -> failureOf(store.list(prefix)).map(error -> {
          ctx.verify(() -> assertThat(error).as("prefix %s", prefix).isInstanceOf(IllegalArgumentException.class));
          return error;
        }))
        .toList();
    Future.all(attempts).onComplete(ctx.succeedingThenComplete());
  }

  @Test
  @DisplayName("ping succeeds on a usable store")
  void pingSucceeds(Vertx vertx, VertxTestContext ctx) {
    store.ping().onComplete(ctx.succeedingThenComplete());
  }

  static Future<Buffer> readAll(ReadStream<Buffer> stream) {
    Promise<Buffer> promise = Promise.promise();
    Buffer all = Buffer.buffer();
    stream.exceptionHandler(promise::tryFail);
    stream.handler(all::appendBuffer);
    stream.endHandler(v -> promise.tryComplete(all));
    stream.resume();
    return promise.future();
  }

  /** Succeeds with the failure of {@code future}; fails if it unexpectedly succeeded. */
  static Future<Throwable> failureOf(Future<?> future) {
    return future.transform(ar -> ar.failed()
        ? Future.succeededFuture(ar.cause())
        : Future.failedFuture(new AssertionError("expected a failure, got " + ar.result())));
  }

  Path writeRandomFile(int size) throws IOException {
    Path file = Files.createTempFile(workDir, "source-", ".bin");
    Files.write(file, randomBuffer(size).getBytes());
    return file;
  }

  static Buffer randomBuffer(int size) {
    byte[] bytes = new byte[size];
    new Random(size).nextBytes(bytes);
    return Buffer.buffer(bytes);
  }

  static MessageDigest sha256() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  static byte[] sha256(byte[] bytes) {
    return sha256().digest(bytes);
  }
}
