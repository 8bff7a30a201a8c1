package ai.motiv8.migration;

import ai.motiv8.Main;
import ai.motiv8.common.Await;
import ai.motiv8.storage.BlobEntry;
import ai.motiv8.storage.BlobStore;
import ai.motiv8.storage.LocalBlobStore;
import ai.motiv8.storage.StorageKeys;
import ai.motiv8.support.S3TestServer;
import io.vertx.core.Vertx;
import io.vertx.junit5.Timeout;
import io.vertx.junit5.VertxExtension;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code storage sync} between a real data folder and a real S3-protocol server (S3Proxy, in process). */
@ExtendWith(VertxExtension.class)
@Timeout(value = 120, timeUnit = TimeUnit.SECONDS)
@DisplayName("storage sync")
class StorageSyncTest {

  private static final AtomicInteger BUCKETS = new AtomicInteger();
  private static S3TestServer server;

  @TempDir
  Path dir;
  DevDeployment deployment;
  String bucket;
  BlobStore local;
  BlobStore s3;

  @BeforeAll
  static void startServer() throws Exception {
    server = S3TestServer.start();
    S3Credentials.useTestServer();
  }

  @AfterAll
  static void stopServer() throws Exception {
    S3Credentials.clear();
    server.close();
  }

  @BeforeEach
  void deployment(Vertx vertx) throws Exception {
    deployment = DevDeployment.create(vertx, dir);
    bucket = "sync-" + BUCKETS.incrementAndGet();
    server.createBucket(bucket);
    local = new LocalBlobStore(vertx, deployment.dataDir);
    s3 = server.storeBuilder(vertx, bucket, dir).build();
  }

  @AfterEach
  void closeStores() {
    s3.close();
  }

  @Test
  @DisplayName("copies uploads, embeddings and generated images to S3 byte for byte, and a second run skips them all")
  void localToS3() throws Exception {
    StorageSync.Result first = sync(local, s3, options(false, false, 4), () -> false, key -> { });
    StorageSync.Result second = sync(local, s3, options(false, false, 4), () -> false, key -> { });

    assertThat(first.clean()).isTrue();
    assertThat(first.copied()).isEqualTo(deployment.objects.size());
    assertThat(md5s(s3)).isEqualTo(expectedMd5s());
    assertThat(second.copied()).isZero();
    assertThat(second.prefixes()).extracting(StorageSync.PrefixResult::skipped).containsExactly(3L, 2L, 4L);
  }

  @Test
  @DisplayName("stopped part-way (as by Ctrl-C), leaves only whole objects, and the next run copies just the rest; verify then agrees")
  void interruptedSyncResumes() throws Exception {
    AtomicBoolean stop = new AtomicBoolean();
    AtomicInteger copies = new AtomicInteger();
    StorageSync.Result stopped = sync(local, s3, options(false, false, 2), stop::get, key -> {
      if (copies.incrementAndGet() == 3) {
        stop.set(true);
      }
    });

    assertThat(stopped.interrupted()).isTrue();
    long copiedBefore = stopped.copied();
    assertThat(copiedBefore).isBetween(3L, 4L);
    Map<String, String> partial = md5s(s3);
    assertThat(partial).hasSize((int) copiedBefore);
    assertThat(expectedMd5s()).containsAllEntriesOf(partial);

    StorageSync.Result resumed = sync(local, s3, options(false, false, 2), () -> false, key -> { });

    assertThat(resumed.clean()).isTrue();
    assertThat(resumed.copied()).isEqualTo(deployment.objects.size() - copiedBefore);
    assertThat(resumed.prefixes().stream().mapToLong(StorageSync.PrefixResult::skipped).sum()).isEqualTo(copiedBefore);
    assertThat(verify(local, s3).clean()).isTrue();
  }

  @Test
  @DisplayName("replaces a target object of another size, or of the same size with other bytes")
  void differingObjectsAreReplaced() throws Exception {
    byte[] ada2 = deployment.objects.get("generated/ada-2.png");
    byte[] dana = deployment.objects.get("uploads/" + DevDeployment.DANA_SELFIE);
    server.putRaw(bucket, "generated/ada-2.png", java.util.Arrays.copyOf(ada2, 1000));
    server.putRaw(bucket, "uploads/" + DevDeployment.DANA_SELFIE, DevDeployment.bytes(99, dana.length));

    StorageSync.Result result = sync(local, s3, options(false, false, 4), () -> false, key -> { });

    assertThat(result.prefixes()).extracting(StorageSync.PrefixResult::replaced).containsExactly(1L, 0L, 1L);
    assertThat(md5s(s3)).isEqualTo(expectedMd5s());
  }

  @Test
  @DisplayName("--dry-run compares and counts but writes nothing")
  void dryRun() throws Exception {
    StorageSync.Result result = sync(local, s3, options(true, false, 4), () -> false, key -> { });

    assertThat(result.copied()).isEqualTo(deployment.objects.size());
    assertThat(server.keys(bucket)).isEmpty();
  }

  @Test
  @DisplayName("keeps objects only the target has, unless --delete is given")
  void deleteOnlyWhenAsked() throws Exception {
    server.putRaw(bucket, "generated/stale.png", new byte[] {1, 2, 3});

    StorageSync.Result kept = sync(local, s3, options(false, false, 4), () -> false, key -> { });
    assertThat(kept.prefixes().get(2).onlyInTarget()).isEqualTo(1);
    assertThat(server.keys(bucket)).contains("generated/stale.png");

    StorageSync.Result deleted = sync(local, s3, options(false, true, 4), () -> false, key -> { });
    assertThat(deleted.prefixes().get(2).deleted()).isEqualTo(1);
    assertThat(server.keys(bucket)).doesNotContain("generated/stale.png").hasSize(deployment.objects.size());
  }

  @Test
  @DisplayName("copies back from S3 into an empty data folder, file for file")
  void s3ToLocal(Vertx vertx) throws Exception {
    sync(local, s3, options(false, false, 4), () -> false, key -> { });
    Path restored = dir.resolve("restored");
    BlobStore back = new LocalBlobStore(vertx, restored);

    StorageSync.Result result = sync(s3, back, options(false, false, 4), () -> false, key -> { });

    assertThat(result.copied()).isEqualTo(deployment.objects.size());
    for (var object : deployment.objects.entrySet()) {
      assertThat(Files.readAllBytes(restored.resolve(object.getKey()))).as(object.getKey()).isEqualTo(object.getValue());
    }
    assertThat(verify(local, back).clean()).isTrue();
  }

  @Test
  @DisplayName("uploads a large file in parts, and later runs and verify compare it by reading it, its ETag being no MD5")
  void largeFileInParts(Vertx vertx) throws Exception {
    byte[] large = DevDeployment.bytes(42, 11 * 1024 * 1024 + 17);
    Files.write(deployment.dataDir.resolve("generated/large.png"), large);
    BlobStore parts = server.storeBuilder(vertx, bucket, dir)
        .multipartThreshold(5 * 1024 * 1024).partSize(5 * 1024 * 1024).build();
    try {
      StorageSync.Result first = sync(local, parts, options(false, false, 4), () -> false, key -> { });
      StorageSync.Result second = sync(local, parts, options(false, false, 4), () -> false, key -> { });

      assertThat(first.copied()).isEqualTo(deployment.objects.size() + 1);
      BlobEntry stored = Await.result(parts.list("generated")).stream()
          .filter(e -> e.key().equals("generated/large.png")).findFirst().orElseThrow();
      assertThat(stored.size()).isEqualTo(large.length);
      assertThat(stored.md5OrNull()).isNull();
      assertThat(ObjectDigests.md5(parts, stored)).isEqualTo(md5(large));
      assertThat(second.copied()).isZero();
      assertThat(verify(local, parts).clean()).isTrue();
    } finally {
      parts.close();
    }
  }

  @Test
  @DisplayName("runs from the command line into a bucket prefix, one prefix at a time if asked, with S3 settings from flags")
  void commandLine() throws Exception {
    String[] s3Flags = {"--s3-endpoint", server.endpoint(), "--s3-region", "eu-west-1", "--s3-path-style",
        "--s3-checksums-when-required"};
    List<String> uploadsOnly = new ArrayList<>(List.of("storage", "sync", "--from", deployment.localStorage(),
        "--to", "s3://" + bucket + "/backups/day-1/", "--prefix", "uploads", "--concurrency", "3"));
    uploadsOnly.addAll(List.of(s3Flags));
    assertThat(Main.run(uploadsOnly.toArray(String[]::new))).isZero();
    assertThat(server.keys(bucket)).allMatch(key -> key.startsWith("backups/day-1/uploads/")).hasSize(3);

    List<String> all = new ArrayList<>(List.of("storage", "sync", "--from", deployment.localStorage(),
        "--to", "s3://" + bucket + "/backups/day-1"));
    all.addAll(List.of(s3Flags));
    assertThat(Main.run(all.toArray(String[]::new))).isZero();
    assertThat(server.keys(bucket)).hasSize(deployment.objects.size())
        .allMatch(key -> key.startsWith("backups/day-1/"));

    assertThat(Main.run("storage", "sync", "--from", deployment.localStorage(), "--to", "ftp://nowhere"))
        .isEqualTo(ExitCodes.USAGE);
    assertThat(Main.run("storage", "sync", "--from", deployment.localStorage(), "--to", "s3://" + bucket,
        "--prefix", "secrets")).isEqualTo(ExitCodes.USAGE);
  }

  @Test
  @DisplayName("with only --s3-endpoint (no path-style or checksum flags, as a new user runs it) the sync succeeds")
  void commandLineWithOnlyAnEndpoint() {
    assertThat(Main.run("storage", "sync", "--from", deployment.localStorage(), "--to", "s3://" + bucket,
        "--s3-endpoint", server.endpoint(), "--s3-region", "eu-west-1")).isZero();
    assertThat(server.keys(bucket)).hasSize(deployment.objects.size());
  }

  private StorageSync.Result sync(BlobStore from, BlobStore to, StorageSync.Options options,
                                  java.util.function.BooleanSupplier stop, StorageSync.Listener listener) throws Exception {
    return new StorageSync(from, to, options, stop, listener).run();
  }

  private StorageVerification.Result verify(BlobStore from, BlobStore to) throws Exception {
    return new StorageVerification(from, to, null, 4, 20, Duration.ofSeconds(5), () -> false).run();
  }

  private StorageSync.Options options(boolean dryRun, boolean delete, int concurrency) {
    return new StorageSync.Options(StorageKeys.PREFIXES, dryRun, delete, concurrency, dir.resolve("tmp"), 20,
        Duration.ofSeconds(5));
  }

  private Map<String, String> expectedMd5s() {
    Map<String, String> md5s = new TreeMap<>();
    deployment.objects.forEach((key, bytes) -> md5s.put(key, md5(bytes)));
    return md5s;
  }

  private static Map<String, String> md5s(BlobStore store) throws Exception {
    Map<String, String> md5s = new TreeMap<>();
    for (String prefix : StorageKeys.PREFIXES) {
      for (BlobEntry entry : Await.result(store.list(prefix))) {
        md5s.put(entry.key(), ObjectDigests.md5(store, entry));
      }
    }
    return md5s;
  }

  static String md5(byte[] bytes) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("MD5").digest(bytes));
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }
}
