package ai.motiv8.migration;

import ai.motiv8.support.S3TestServer;

/**
 * The commands and the service take S3 credentials from the default AWS chain, whose first link
 * reads the {@code aws.accessKeyId}/{@code aws.secretAccessKey} system properties: set to the
 * test server's keys while a test class needs them.
 */
final class S3Credentials {

  private S3Credentials() {
  }

  static void useTestServer() {
    System.setProperty("aws.accessKeyId", S3TestServer.ACCESS_KEY);
    System.setProperty("aws.secretAccessKey", S3TestServer.SECRET_KEY);
  }

  static void clear() {
    System.clearProperty("aws.accessKeyId");
    System.clearProperty("aws.secretAccessKey");
  }
}
