package ai.motiv8.account;

import ai.motiv8.config.AppConfig.DatabaseConfig;
import ai.motiv8.persistence.TestDatabases;
import ai.motiv8.support.S3TestServer;

import java.nio.file.Path;
import java.util.Map;

/** Account deletion and export on PostgreSQL and an S3 bucket (S3Proxy in-process). */
class PostgresS3AccountTest extends AccountContractTest {

  private static final String BUCKET = "motiv8-account-test";

  private S3TestServer s3;

  @Override
  Map<String, String> backend(Path dir) throws Exception {
    s3 = S3TestServer.start(BUCKET);
    System.setProperty("aws.accessKeyId", S3TestServer.ACCESS_KEY);
    System.setProperty("aws.secretAccessKey", S3TestServer.SECRET_KEY);
    DatabaseConfig db = TestDatabases.postgres();
    return Map.of("DB_HOST", db.host(), "DB_PORT", Integer.toString(db.port()), "DB_NAME", db.name(),
        "DB_USERNAME", db.username(), "DB_PASSWORD", db.password(),
        "S3_BUCKET", BUCKET, "AWS_REGION", "eu-west-1", "S3_ENDPOINT", s3.endpoint());
  }

  @Override
  void stopBackend() throws Exception {
    System.clearProperty("aws.accessKeyId");
    System.clearProperty("aws.secretAccessKey");
    if (s3 != null) {
      s3.close();
    }
  }
}
