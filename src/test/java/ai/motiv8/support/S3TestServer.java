package ai.motiv8.support;

import ai.motiv8.config.AppConfig.StorageConfig;
import ai.motiv8.storage.S3BlobStore;
import io.vertx.core.Vertx;
import org.gaul.s3proxy.AuthenticationType;
import org.gaul.s3proxy.S3Proxy;
import org.jclouds.ContextBuilder;
import org.jclouds.blobstore.BlobStoreContext;
import org.jclouds.blobstore.domain.StorageMetadata;
import org.jclouds.blobstore.options.ListContainerOptions;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * A real S3 protocol server in this JVM: S3Proxy over jclouds' in-memory {@code transient} blob
 * store, on 127.0.0.1 and a free port, with signed requests required.
 */
public final class S3TestServer implements AutoCloseable {

  public static final String ACCESS_KEY = "motiv8-test-access";
  public static final String SECRET_KEY = "motiv8-test-secret";

  private final BlobStoreContext blobs;
  private final S3Proxy proxy;

  private S3TestServer(BlobStoreContext blobs, S3Proxy proxy) {
    this.blobs = blobs;
    this.proxy = proxy;
  }

  public static S3TestServer start(String... buckets) throws Exception {
    BlobStoreContext blobs = ContextBuilder.newBuilder("transient")
        .credentials(ACCESS_KEY, SECRET_KEY)
        .build(BlobStoreContext.class);
    S3Proxy proxy = S3Proxy.builder()
        .blobStore(blobs.getBlobStore())
        .endpoint(URI.create("http://127.0.0.1:0"))
        .awsAuthentication(AuthenticationType.AWS_V2_OR_V4, ACCESS_KEY, SECRET_KEY)
        .build();
    proxy.start();
    long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
    while (!"STARTED".equals(proxy.getState())) {
      if (System.nanoTime() > deadline) {
        throw new IllegalStateException("S3Proxy did not start: " + proxy.getState());
      }
      Thread.onSpinWait();
    }
    S3TestServer server = new S3TestServer(blobs, proxy);
    for (String bucket : buckets) {
      server.createBucket(bucket);
    }
    return server;
  }

  public String endpoint() {
    return "http://127.0.0.1:" + proxy.getPort();
  }

  public StorageConfig config(String bucket, Path dir) {
    return new StorageConfig(dir.resolve("data"), dir.resolve("tmp"), bucket, "eu-west-1", endpoint(), true, true);
  }

  public S3BlobStore.Builder storeBuilder(Vertx vertx, String bucket, Path dir) {
    return S3BlobStore.builder(vertx, config(bucket, dir))
        .credentials(credentials());
  }

  public static StaticCredentialsProvider credentials() {
    return StaticCredentialsProvider.create(AwsBasicCredentials.create(ACCESS_KEY, SECRET_KEY));
  }

  public void createBucket(String bucket) {
    blobs.getBlobStore().createContainerInLocation(null, bucket);
  }

  /** Writes an object straight into the backing store, as another tool would. */
  public void putRaw(String bucket, String key, byte[] bytes) {
    var store = blobs.getBlobStore();
    store.putBlob(bucket, store.blobBuilder(key).payload(bytes).contentLength((long) bytes.length).build());
  }

  /** Names of the objects in {@code bucket}, straight from the backing store. */
  public List<String> keys(String bucket) {
    return blobs.getBlobStore().list(bucket, ListContainerOptions.Builder.recursive())
        .stream().map(StorageMetadata::getName).toList();
  }

  @Override
  public void close() throws Exception {
    try {
      proxy.stop();
    } finally {
      blobs.close();
    }
  }
}
