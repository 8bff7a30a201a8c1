package ai.motiv8.migration;

import ai.motiv8.common.Await;
import ai.motiv8.config.AppConfig.DatabaseConfig;
import ai.motiv8.persistence.PersistenceVerticle;
import ai.motiv8.support.PythonDatabases;
import ai.motiv8.users.GeneratedImage;
import ai.motiv8.users.User;
import ai.motiv8.users.UserStore;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Random;

/**
 * A development deployment as an operator has it before the move: a {@code motiv8.db} that the
 * Python service wrote and this service has since upgraded and written to (a new user, Dana, with
 * a selfie and an image), and a data dir holding every selfie, embedding and image the rows point
 * at, plus one orphan selfie that no row points at.
 */
final class DevDeployment {

  static final String DANA_EMAIL = "dana@example.com";
  static final String DANA_SELFIE = "20260102_080000_d4n4d4n4.png";
  static final String DANA_EMBEDDING = "20260102_080000_d4n4d4n4.npy";
  static final String ORPHAN = "uploads/20250101_000000_0rph4n00.jpg";
  static final JsonObject DANA_DAYS = User.normalizeDays(new JsonObject().put("tuesday", true).put("saturday", true));

  final Path dir;
  final Path database;
  final Path dataDir;
  final String danaId;
  /** Every stored object: key → bytes. */
  final Map<String, byte[]> objects;

  private DevDeployment(Path dir, Path database, Path dataDir, String danaId, Map<String, byte[]> objects) {
    this.dir = dir;
    this.database = database;
    this.dataDir = dataDir;
    this.danaId = danaId;
    this.objects = objects;
  }

  /** Blocking: call it from the test thread. */
  static DevDeployment create(Vertx vertx, Path dir) throws Exception {
    Files.createDirectories(dir);
    Path database = PythonDatabases.create(dir.resolve("motiv8.db"), PythonDatabases.Version.IMAGES_WITHOUT_MODE);
    String danaId = writeAsThisService(vertx, database);
    Map<String, byte[]> objects = new LinkedHashMap<>();
    objects.put("uploads/" + PythonDatabases.ADA_SELFIE, bytes(1, 48_000));
    objects.put("embeddings/" + PythonDatabases.ADA_EMBEDDING, bytes(2, 2_176));
    objects.put("generated/ada-1.png", bytes(3, 310_000));
    objects.put("generated/ada-2.png", bytes(4, 1_250_000));
    objects.put("generated/ada-3.png", bytes(5, 290_000));
    objects.put("uploads/" + DANA_SELFIE, bytes(6, 64_000));
    objects.put("embeddings/" + DANA_EMBEDDING, bytes(7, 2_176));
    objects.put("generated/dana-1.png", bytes(8, 420_000));
    objects.put(ORPHAN, bytes(9, 12_000));
    Path dataDir = dir.resolve("data");
    for (var object : objects.entrySet()) {
      Path file = dataDir.resolve(object.getKey());
      Files.createDirectories(file.getParent());
      Files.write(file, object.getValue());
    }
    return new DevDeployment(dir, database, dataDir, danaId, objects);
  }

  /** Upgrades the Python database the way the service does at start-up, then adds Dana through the user store. */
  private static String writeAsThisService(Vertx vertx, Path database) throws Exception {
    DatabaseConfig config = new DatabaseConfig(database.toString(), null, 5432, null, null, null, 1);
    String deployment = Await.result(vertx.deployVerticle(new PersistenceVerticle(config)));
    try {
      UserStore users = UserStore.createProxy(vertx);
      User dana = Await.result(users.findOrCreateByEmail(DANA_EMAIL));
      Await.result(users.updateWorkoutDays(dana.id(), DANA_DAYS));
      Await.result(users.recordGeneratedImage(
          new GeneratedImage(null, dana.id(), "generated/dana-1.png", "2026-01-02", 1_767_340_800_000L, "ripped", "batch", null)));
      // Last: with vertx-jdbc-client 5.0.7 a pooled SQLite connection stays out of autocommit after a
      // transaction (vert-x3/vertx-jdbc-client#356), so plain writes after it would be lost on undeploy.
      Await.result(users.replaceSelfie(dana.id(), DANA_SELFIE, DANA_EMBEDDING, "default/fr"));
      return dana.id();
    } finally {
      Await.result(vertx.undeploy(deployment));
    }
  }

  static byte[] bytes(int seed, int size) {
    byte[] bytes = new byte[size];
    new Random(seed).nextBytes(bytes);
    return bytes;
  }

  String sqliteUrl() {
    return database.toString();
  }

  String localStorage() {
    return "local:" + dataDir;
  }
}
