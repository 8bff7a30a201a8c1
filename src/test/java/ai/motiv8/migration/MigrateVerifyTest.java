package ai.motiv8.migration;

import ai.motiv8.Main;
import ai.motiv8.common.Await;
import ai.motiv8.support.PythonDatabases;
import ai.motiv8.support.S3TestServer;
import io.vertx.core.Vertx;
import io.vertx.junit5.Timeout;
import io.vertx.junit5.VertxExtension;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code migrate verify} after a move of SQLite + local files to PostgreSQL + S3. */
@ExtendWith(VertxExtension.class)
@Timeout(value = 120, timeUnit = TimeUnit.SECONDS)
@DisplayName("migrate verify")
class MigrateVerifyTest {

  private static final AtomicInteger BUCKETS = new AtomicInteger();
  private static S3TestServer server;

  @TempDir
  Path dir;
  MovedDeployment moved;

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
  void move(Vertx vertx) throws Exception {
    moved = MovedDeployment.create(vertx, dir, server, "verify-" + BUCKETS.incrementAndGet());
  }

  @Test
  @DisplayName("after migrate db and storage sync, finds source and target identical, listing the orphan object")
  void cleanMove() {
    assertThat(Main.run(moved.migrateDb())).isZero();
    assertThat(Main.run(moved.syncStorage())).isZero();
    try (LogCapture logs = new LogCapture()) {
      assertThat(Main.run(moved.verify())).isZero();
      assertThat(logs.lines())
          .anySatisfy(line -> assertThat(line).contains("users: source 4 rows, target 4 rows").endsWith("identical"))
          .anySatisfy(line -> assertThat(line).contains("orphan").contains(DevDeployment.ORPHAN))
          .anySatisfy(line -> assertThat(line).startsWith("Storage: source 9 objects, target 9 objects").endsWith("identical"))
          .contains("Verified: source and target are identical");
    }
  }

  @Test
  @DisplayName("reports a changed row by table, key and column, and a missing row, and exits 1")
  void changedRowIsReported() throws Exception {
    assertThat(Main.run(moved.migrateDb())).isZero();
    assertThat(Main.run(moved.syncStorage())).isZero();
    Sql.execute(moved.target(),
        "UPDATE users SET workout_days = '{\"monday\": true}' WHERE id = '" + PythonDatabases.BOB + "'",
        "DELETE FROM generated_images WHERE id = 'img-3'");

    try (LogCapture logs = new LogCapture()) {
      assertThat(Main.run(moved.verify())).isEqualTo(ExitCodes.DIFFERENCES);
      assertThat(logs.lines())
          .anySatisfy(line -> assertThat(line).startsWith("users differs: id='" + PythonDatabases.BOB + "'")
              .contains("workout_days: source NULL, target {\"monday\": true}"))
          .anySatisfy(line -> assertThat(line).isEqualTo("generated_images missing in target: id='img-3'"))
          .anySatisfy(line -> assertThat(line).contains("generated_images: source 4 rows, target 3 rows"))
          .contains("Differences found (listed above)");
    }
  }

  @Test
  @DisplayName("reports objects missing, cut short, altered or extra in the target storage, and rows pointing at missing objects")
  void storageDifferencesAreReported(Vertx vertx) throws Exception {
    assertThat(Main.run(moved.migrateDb())).isZero();
    assertThat(Main.run(moved.syncStorage())).isZero();
    var s3 = server.storeBuilder(vertx, moved.bucket, dir).build();
    try {
      Await.result(s3.delete("uploads/" + PythonDatabases.ADA_SELFIE));
      byte[] ada1 = moved.source.objects.get("generated/ada-1.png");
      server.putRaw(moved.bucket, "generated/ada-1.png", DevDeployment.bytes(77, ada1.length));
      server.putRaw(moved.bucket, "generated/dana-1.png", new byte[] {1, 2, 3});
      server.putRaw(moved.bucket, "generated/extra.png", new byte[] {4});
    } finally {
      s3.close();
    }

    try (LogCapture logs = new LogCapture()) {
      assertThat(Main.run(moved.verify())).isEqualTo(ExitCodes.DIFFERENCES);
      List<String> lines = logs.lines();
      assertThat(lines)
          .anySatisfy(line -> assertThat(line).isEqualTo("uploads/ missing in target: uploads/" + PythonDatabases.ADA_SELFIE))
          .anySatisfy(line -> assertThat(line).startsWith("references referenced but missing in target: uploads/"
              + PythonDatabases.ADA_SELFIE).contains(PythonDatabases.ADA))
          .anySatisfy(line -> assertThat(line).startsWith("generated/ differs: generated/ada-1.png: MD5"))
          .anySatisfy(line -> assertThat(line).isEqualTo("generated/ differs: generated/dana-1.png: 420000 bytes in the source, 3 in the target"))
          .anySatisfy(line -> assertThat(line).isEqualTo("generated/ only in target: generated/extra.png"))
          .anySatisfy(line -> assertThat(line).contains("orphan").contains("generated/extra.png"));
    }
  }

  @Test
  @DisplayName("counts a reference already broken in the source as a warning, not a difference")
  void referenceBrokenInBothIsNoDifference() throws Exception {
    Sql.execute(moved.sourceDatabase(), "UPDATE users SET selfie_filename = '20240101_000000_gh0st000.jpg' WHERE id = '"
        + PythonDatabases.CAROL + "'");
    assertThat(Main.run(moved.migrateDb())).isZero();
    assertThat(Main.run(moved.syncStorage())).isZero();

    try (LogCapture logs = new LogCapture()) {
      assertThat(Main.run(moved.verify())).isZero();
      assertThat(logs.lines()).anySatisfy(line -> assertThat(line)
          .startsWith("references referenced but missing in source and target: uploads/20240101_000000_gh0st000.jpg"));
    }
  }

  @Test
  @DisplayName("needs both storages or neither")
  void storagesGoTogether() {
    assertThat(Main.run("migrate", "verify", "--from", moved.source.sqliteUrl(), "--to", moved.targetUrl(),
        "--storage-from", moved.source.localStorage())).isEqualTo(ExitCodes.USAGE);
  }
}
