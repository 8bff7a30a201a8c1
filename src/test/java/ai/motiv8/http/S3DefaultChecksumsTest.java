package ai.motiv8.http;

import ai.motiv8.Application;
import ai.motiv8.faces.TestImages;
import ai.motiv8.support.ApiClient;
import ai.motiv8.support.S3TestServer;
import ai.motiv8.support.TestConfigs;
import io.vertx.core.Vertx;
import io.vertx.junit5.Timeout;
import io.vertx.junit5.VertxExtension;
import io.vertx.junit5.VertxTestContext;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The settings stay overridable: forcing the SDK's default checksums against S3Proxy (which
 * rejects them, as many S3-compatible servers do) makes uploads fail, and that failure is a 503
 * whose detail names storage and what the server said, with nothing left in the bucket.
 */
@ExtendWith(VertxExtension.class)
@Timeout(value = 90, timeUnit = TimeUnit.SECONDS)
class S3DefaultChecksumsTest {

  private static final String BUCKET = "motiv8-checksums";

  @TempDir
  static Path dir;

  static S3TestServer s3;
  static Application app;
  static ApiClient api;

  @BeforeAll
  static void start(Vertx vertx, VertxTestContext ctx) throws Exception {
    s3 = S3TestServer.start(BUCKET);
    System.setProperty("aws.accessKeyId", S3TestServer.ACCESS_KEY);
    System.setProperty("aws.secretAccessKey", S3TestServer.SECRET_KEY);
    Map<String, String> env = Map.of("S3_BUCKET", BUCKET, "AWS_REGION", "eu-west-1", "S3_ENDPOINT", s3.endpoint(),
        "S3_CHECKSUMS_WHEN_REQUIRED", "false");
    Application.deploy(vertx, TestConfigs.local(dir, env)).onComplete(ctx.succeeding(started -> {
      app = started;
      api = new ApiClient(vertx, started.httpPort());
      ctx.completeNow();
    }));
  }

  @AfterAll
  static void stop() throws Exception {
    System.clearProperty("aws.accessKeyId");
    System.clearProperty("aws.secretAccessKey");
    if (s3 != null) {
      s3.close();
    }
  }

  @Test
  @DisplayName("S3_CHECKSUMS_WHEN_REQUIRED=false wins over the endpoint's default, and the refused upload is a 503 naming storage")
  void storageFailureIs503(VertxTestContext ctx) {
    assertThat(app.config().storage().s3ChecksumsWhenRequired()).isFalse();
    assertThat(app.config().storage().s3PathStyle()).isTrue();
    api.devLogin("checksums@example.org")
        .compose(token -> api.upload(token, "me.png", TestImages.resource(TestImages.ASTRONAUT), "image/png"))
        .onComplete(ctx.succeeding(response -> ctx.verify(() -> {
          assertThat(response.statusCode()).as(response.bodyAsString()).isEqualTo(503);
          assertThat(response.bodyAsJsonObject().getString("detail"))
              .startsWith("Storage is unavailable: the S3 server answered 400");
          assertThat(s3.keys(BUCKET)).isEmpty();
          ctx.completeNow();
        })));
  }
}
