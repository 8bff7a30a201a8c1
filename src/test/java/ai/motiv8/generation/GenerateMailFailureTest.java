package ai.motiv8.generation;

import ai.motiv8.Application;
import ai.motiv8.support.ApiClient;
import ai.motiv8.support.Polling;
import ai.motiv8.support.TestConfigs;
import ai.motiv8.support.TestSelfies;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.core.net.NetServer;
import io.vertx.junit5.Timeout;
import io.vertx.junit5.VertxExtension;
import io.vertx.junit5.VertxTestContext;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

/** A mail server that keeps refusing never costs the person their image. */
@ExtendWith(VertxExtension.class)
@Timeout(value = 60, timeUnit = TimeUnit.SECONDS)
class GenerateMailFailureTest {

  @TempDir
  Path dir;

  @Test
  @DisplayName("SMTP down: 200 with email_sent false after every retry, the image kept and recorded")
  void smtpDown(Vertx vertx, VertxTestContext ctx) {
    // An SMTP server that is "temporarily" unavailable on every connection: each attempt is one connection.
    AtomicInteger attempts = new AtomicInteger();
    NetServer refusing = vertx.createNetServer().connectHandler(socket -> {
      attempts.incrementAndGet();
      socket.write("421 4.3.2 Service not available, closing channel\r\n").onComplete(written -> socket.close());
    });
    refusing.listen(0, "127.0.0.1")
        .compose(smtp -> Application.deploy(vertx, TestConfigs.local(dir, Map.of(
            "SMTP_HOST", "127.0.0.1",
            "SMTP_PORT", String.valueOf(smtp.actualPort()),
            "SMTP_STARTTLS", "false"))))
        .compose(app -> {
          ApiClient api = new ApiClient(vertx, app.httpPort());
          return TestSelfies.signIn(app, api).compose(user ->
              TestSelfies.install(app, user.userId(), "/photos/astronaut.png")
                  .compose(selfie -> api.post("/api/generate", user.token(),
                      new JsonObject().put("embedding_filename", selfie.embeddingFilename())))
                  .compose(response -> {
                    ctx.verify(() -> {
                      assertThat(response.statusCode()).as(response.bodyAsString()).isEqualTo(200);
                      assertThat(response.bodyAsJsonObject().getBoolean("email_sent")).isFalse();
                      assertThat(attempts.get()).as("SMTP attempts").isEqualTo(app.config().mail().maxAttempts());
                      assertThat(Polling.filesIn(dir.resolve("tmp"))).isZero();
                    });
                    String filename = response.bodyAsJsonObject().getString("generated_filename");
                    return api.get("/api/generated/" + filename, null)
                        .compose(png -> {
                          ctx.verify(() -> {
                            assertThat(png.statusCode()).isEqualTo(200);
                            assertThat(png.getHeader("Content-Type")).isEqualTo("image/png");
                          });
                          return api.get("/api/daily-motivation?date_str=" + LocalDate.now(ZoneOffset.UTC), user.token());
                        })
                        .map(daily -> {
                          ctx.verify(() -> assertThat(daily.bodyAsJsonObject().getString("filename")).isEqualTo(filename));
                          return daily;
                        });
                  }));
        })
        .onComplete(ctx.succeedingThenComplete());
  }
}
