package ai.motiv8.storage.bench;

import ai.motiv8.support.S3TestServer;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Configuration;
import software.amazon.awssdk.services.s3.presigner.S3Presigner;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

/**
 * The S3 side of {@code scripts/bench-http.sh --storage s3}: S3Proxy (in-memory, signed requests
 * required, the same server the tests use) in a process of its own, so that the benchmark can count
 * its CPU apart. Creates the bucket, writes each {@code key=file} given straight into it, prints
 * {@code S3_ENDPOINT=}, {@code ACCESS_KEY=} and {@code SECRET_KEY=} lines, then answers each key
 * read from standard input with a presigned GET URL of it on a line of its own: wrk fetches those
 * straight from S3Proxy, the ceiling of what any client of this server can stream. Serves until
 * standard input closes or the process is stopped. Not a test.
 *
 * <pre>S3BenchServer &lt;bucket&gt; [&lt;key&gt;=&lt;file&gt;...]</pre>
 */
public final class S3BenchServer {

  private static final Duration PRESIGNED_FOR = Duration.ofHours(2);

  private S3BenchServer() {
  }

  public static void main(String[] args) throws Exception {
    if (args.length < 1) {
      System.err.println("usage: S3BenchServer <bucket> [<key>=<file>...]");
      System.exit(2);
    }
    String bucket = args[0];
    S3TestServer server = S3TestServer.start(bucket);
    for (int i = 1; i < args.length; i++) {
      String[] keyAndFile = args[i].split("=", 2);
      server.putRaw(bucket, keyAndFile[0], Files.readAllBytes(Path.of(keyAndFile[1])));
    }
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      try {
        server.close();
      } catch (Exception e) {
        System.err.println("S3Proxy did not stop cleanly: " + e);
      }
    }));
    System.out.println("S3_ENDPOINT=" + server.endpoint());
    System.out.println("ACCESS_KEY=" + S3TestServer.ACCESS_KEY);
    System.out.println("SECRET_KEY=" + S3TestServer.SECRET_KEY);
    System.out.flush();
    try (S3Presigner presigner = S3Presigner.builder()
        .region(Region.EU_WEST_1)
        .endpointOverride(URI.create(server.endpoint()))
        .serviceConfiguration(S3Configuration.builder().pathStyleAccessEnabled(true).build())
        .credentialsProvider(S3TestServer.credentials())
        .build();
         BufferedReader keys = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8))) {
      for (String key = keys.readLine(); key != null; key = keys.readLine()) {
        String objectKey = key.strip();
        System.out.println(presigner.presignGetObject(get -> get
            .signatureDuration(PRESIGNED_FOR)
            .getObjectRequest(object -> object.bucket(bucket).key(objectKey))).url());
        System.out.flush();
      }
    }
    System.exit(0); // S3Proxy's threads would outlive standard input; the shutdown hook stops it
  }
}
