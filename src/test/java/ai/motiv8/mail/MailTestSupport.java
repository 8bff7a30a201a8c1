package ai.motiv8.mail;

import ai.motiv8.config.AppConfig;
import ai.motiv8.storage.LocalBlobStore;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Path;

/** Shared set-up for the mail tests: configs, the stored test image, a port nobody listens on. */
final class MailTestSupport {

  static final String FROM = "motivation@motiv8.test";
  static final String TO = "athlete@motiv8.test";
  static final String DAY = "2025-01-14";
  static final String IMAGE_KEY = "generated/20250114-test.png";
  static final byte[] PNG = readResource("/photos/astronaut.png");
  static final String PUBLIC_BASE_URL = "https://api.motiv8.test";
  static final UnsubscribeTokens TOKENS = new UnsubscribeTokens("mail-test-unsubscribe-secret", PUBLIC_BASE_URL);

  private MailTestSupport() {
  }

  static AppConfig.MailConfig smtp(int port, String user, String password, Path outbox, int maxAttempts) {
    return new AppConfig.MailConfig("127.0.0.1", port, user, password, FROM, false, outbox, maxAttempts, 20);
  }

  static AppConfig.MailConfig outbox(Path outbox) {
    return new AppConfig.MailConfig(null, 587, null, null, FROM, true, outbox, 3, 20);
  }

  static MotivationMail mail(String imageKey) {
    return new MotivationMail(TO, DAY, imageKey, "user-1");
  }

  /** Stores the test PNG at {@link #IMAGE_KEY}. */
  static Future<Void> storeImage(LocalBlobStore blobs) {
    return blobs.putBytes(IMAGE_KEY, Buffer.buffer(PNG), "image/png");
  }

  /** A loopback port that was free a moment ago: connecting to it is refused. */
  static int closedPort() {
    try (ServerSocket socket = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static Future<String> deploy(Vertx vertx, AppConfig.MailConfig config, LocalBlobStore blobs) {
    return vertx.deployVerticle(new MailVerticle(config, blobs, TOKENS));
  }

  private static byte[] readResource(String name) {
    try (InputStream in = MailTestSupport.class.getResourceAsStream(name)) {
      return in.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
