package ai.motiv8.account.bench;

import ai.motiv8.Application;
import ai.motiv8.account.AccountDeletion;
import ai.motiv8.config.AppConfig;
import ai.motiv8.faces.TestImages;
import ai.motiv8.persistence.TestDatabases;
import ai.motiv8.config.AppConfig.DatabaseConfig;
import ai.motiv8.storage.BlobStore;
import ai.motiv8.storage.ImageVariant;
import ai.motiv8.storage.StorageKeys;
import ai.motiv8.support.S3TestServer;
import ai.motiv8.support.TestConfigs;
import ai.motiv8.support.TestSelfies;
import ai.motiv8.users.GeneratedImage;
import ai.motiv8.users.User;
import ai.motiv8.users.UserStore;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * How long {@code DELETE /api/account}'s work takes for a user with a year of images: 365
 * generated images (each with the four stored variants the poster engine writes), the selfie and
 * its embedding, and the 365 rows, on SQLite with local files and on PostgreSQL with S3 (S3Proxy
 * in-process on loopback, so without a network's latency: a real bucket adds one round trip per
 * object, {@code AccountDeletion.PARALLEL_DELETES} at a time). Each backend is seeded afresh and
 * deleted {@code runs} times; the wall time of {@link AccountDeletion#delete} is reported (median,
 * min, max). Not a test; run it with {@code scripts/bench-deletion.sh [images=365] [runs=3]}.
 */
public final class DeletionBenchmark {

  private DeletionBenchmark() {
  }

  public static void main(String[] args) throws Exception {
    int images = args.length > 0 ? Integer.parseInt(args[0]) : 365;
    int runs = args.length > 1 ? Integer.parseInt(args[1]) : 3;
    byte[] png = TestImages.resource(TestImages.ASTRONAUT);
    System.out.printf(Locale.ROOT, "motiv8 deletion benchmark: %d images x %d stored forms of %d KB, %d runs, %d CPU(s)%n",
        images, ImageVariant.siblingKeys("generated/x.png").size() + 1, png.length / 1024, runs,
        Runtime.getRuntime().availableProcessors());
    measure("sqlite + local", Map.of(), images, runs, png);
    try (S3TestServer s3 = S3TestServer.start("motiv8-bench-deletion")) {
      System.setProperty("aws.accessKeyId", S3TestServer.ACCESS_KEY);
      System.setProperty("aws.secretAccessKey", S3TestServer.SECRET_KEY);
      DatabaseConfig db = TestDatabases.postgres();
      measure("postgresql + s3", Map.of("DB_HOST", db.host(), "DB_PORT", Integer.toString(db.port()),
          "DB_NAME", db.name(), "DB_USERNAME", db.username(), "DB_PASSWORD", db.password(),
          "S3_BUCKET", "motiv8-bench-deletion", "AWS_REGION", "eu-west-1", "S3_ENDPOINT", s3.endpoint()),
          images, runs, png);
    }
    System.exit(0);
  }

  private static void measure(String backend, Map<String, String> env, int images, int runs, byte[] png)
      throws Exception {
    Path dir = Files.createTempDirectory(Path.of(System.getProperty("java.io.tmpdir")), "bench-deletion");
    Vertx vertx = Vertx.vertx();
    Application app = await(Application.deployWithoutHttp(vertx, TestConfigs.local(dir, new HashMap<>(env))));
    UserStore users = UserStore.createProxy(vertx);
    double[] millis = new double[runs];
    int objects = 0;
    for (int run = 0; run < runs; run++) {
      User user = await(users.findOrCreateByEmail("year-" + run + "-" + System.nanoTime() + "@motiv8.test"));
      objects = seed(app, users, user, images, png);
      long started = System.nanoTime();
      await(AccountDeletion.create(vertx).delete(user.id()));
      millis[run] = (System.nanoTime() - started) / 1e6;
    }
    Arrays.sort(millis);
    System.out.printf(Locale.ROOT, "%-16s %6d objects  median %8.1f ms  min %8.1f  max %8.1f%n", backend, objects,
        millis[runs / 2], millis[0], millis[runs - 1]);
    await(vertx.close());
  }

  /** A year of images for {@code user}; returns the number of storage objects. */
  private static int seed(Application app, UserStore users, User user, int images, byte[] png) throws Exception {
    BlobStore blobs = app.blobStore();
    await(TestSelfies.install(app, user.id(), TestImages.ASTRONAUT));
    int objects = 2;
    LocalDate day = LocalDate.of(2025, 1, 1);
    List<Future<?>> batch = new ArrayList<>();
    for (int i = 0; i < images; i++) {
      String key = StorageKeys.generated("year_" + user.id().substring(0, 8) + "_" + i + ".png");
      List<String> keys = new ArrayList<>(ImageVariant.siblingKeys(key));
      keys.add(key);
      for (String object : keys) {
        batch.add(blobs.putBytes(object, Buffer.buffer(png), "image/png"));
        objects++;
      }
      batch.add(users.recordGeneratedImage(new GeneratedImage(null, user.id(), key, day.plusDays(i).toString(),
          System.currentTimeMillis(), "ripped", "batch", null)));
      if (batch.size() >= 64) {
        await(Future.all(batch));
        batch.clear();
      }
    }
    await(Future.all(batch));
    return objects;
  }

  private static <T> T await(Future<T> future) throws Exception {
    return future.toCompletionStage().toCompletableFuture().get();
  }
}
