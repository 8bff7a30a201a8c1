package ai.motiv8.storage;

import ai.motiv8.config.AppConfig.StorageConfig;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.nio.NioEventLoopGroup;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.netty.util.concurrent.DefaultThreadFactory;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.core.FileRequestBodyConfiguration;
import software.amazon.awssdk.core.async.AsyncRequestBody;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.core.async.AsyncResponseTransformer;
import software.amazon.awssdk.core.checksums.RequestChecksumCalculation;
import software.amazon.awssdk.core.checksums.ResponseChecksumValidation;
import software.amazon.awssdk.http.nio.netty.NettyNioAsyncHttpClient;
import software.amazon.awssdk.http.nio.netty.SdkEventLoopGroup;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3AsyncClient;
import software.amazon.awssdk.services.s3.S3AsyncClientBuilder;
import software.amazon.awssdk.services.s3.model.CompletedPart;
import software.amazon.awssdk.services.s3.model.GetObjectRequest;
import software.amazon.awssdk.services.s3.model.HeadObjectResponse;
import software.amazon.awssdk.services.s3.model.NoSuchBucketException;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;
import software.amazon.awssdk.services.s3.model.PutObjectRequest;
import software.amazon.awssdk.services.s3.model.S3Exception;
import software.amazon.awssdk.services.s3.model.S3Object;
import software.amazon.awssdk.services.s3.model.UploadPartResponse;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

/**
 * Objects in an S3 bucket (or an S3-compatible server), keys exactly as given
 * ({@code uploads/<name>}), or under a key prefix set on the {@link Builder}. Uses the SDK's async
 * client on its Netty NIO HTTP client; every result continues on the Vert.x context of the caller.
 * Files from {@link Builder#multipartThreshold(long)} up are uploaded in parts, one after another.
 */
public final class S3BlobStore implements BlobStore {

  public static final String DEFAULT_REGION = "us-east-1";
  static final Duration DEFAULT_API_CALL_TIMEOUT = Duration.ofMinutes(2);
  static final int DEFAULT_MAX_CONCURRENCY = 64;
  static final long MIN_PART_SIZE = 5L * 1024 * 1024;
  static final long DEFAULT_PART_SIZE = 8L * 1024 * 1024;
  static final long DEFAULT_MULTIPART_THRESHOLD = 16L * 1024 * 1024;
  static final int DEFAULT_LIST_PAGE_SIZE = 1000;

  private final Vertx vertx;
  private final S3AsyncClient client;
  private final String bucket;
  private final String region;
  private final String endpoint;
  private final String keyPrefix;
  private final boolean pathStyle;
  private final boolean checksumsWhenRequired;
  private final long multipartThreshold;
  private final long partSize;
  private final int listPageSize;
  private final EventLoopGroup eventLoops;

  public S3BlobStore(Vertx vertx, StorageConfig config) {
    this(builder(vertx, config));
  }

  @SuppressWarnings("deprecation")
  private S3BlobStore(Builder builder) {
    StorageConfig config = builder.config;
    this.vertx = builder.vertx;
    this.bucket = Objects.requireNonNull(config.s3Bucket(), "s3Bucket");
    this.region = isBlank(config.s3Region()) ? DEFAULT_REGION : config.s3Region();
    this.endpoint = isBlank(config.s3Endpoint()) ? null : config.s3Endpoint();
    this.keyPrefix = builder.keyPrefix;
    this.pathStyle = config.s3PathStyle();
    this.checksumsWhenRequired = config.s3ChecksumsWhenRequired();
    this.multipartThreshold = builder.multipartThreshold;
    this.partSize = builder.partSize;
    this.listPageSize = builder.listPageSize;

    // Our own event loops: when the SDK owns them, close() blocks for a 2 s quiet period.
    // NioEventLoopGroup, deprecated in Netty 4.2, because the SDK accepts no other NIO group type.
    this.eventLoops = new NioEventLoopGroup(2, new DefaultThreadFactory("motiv8-s3", true));
    try {
      this.client = buildClient(builder, config);
    } catch (RuntimeException e) {
      eventLoops.shutdownGracefully(0, 0, TimeUnit.SECONDS);
      throw e;
    }
  }

  private S3AsyncClient buildClient(Builder builder, StorageConfig config) {
    NettyNioAsyncHttpClient.Builder http = NettyNioAsyncHttpClient.builder()
        .maxConcurrency(builder.maxConcurrency)
        .connectionTimeout(Duration.ofSeconds(10))
        .connectionAcquisitionTimeout(Duration.ofSeconds(30))
        .eventLoopGroup(SdkEventLoopGroup.create(eventLoops, NioSocketChannel::new));
    S3AsyncClientBuilder client = S3AsyncClient.builder()
        .httpClientBuilder(http)
        .region(Region.of(region))
        .credentialsProvider(builder.credentials != null
            ? builder.credentials
            : DefaultCredentialsProvider.builder().build())
        .overrideConfiguration(o -> o.apiCallTimeout(builder.apiCallTimeout))
        .forcePathStyle(config.s3PathStyle());
    if (endpoint != null) {
      client.endpointOverride(URI.create(endpoint));
    }
    if (config.s3ChecksumsWhenRequired()) {
      client.requestChecksumCalculation(RequestChecksumCalculation.WHEN_REQUIRED)
          .responseChecksumValidation(ResponseChecksumValidation.WHEN_REQUIRED);
    }
    return client.build();
  }

  public static Builder builder(Vertx vertx, StorageConfig config) {
    return new Builder(vertx, config);
  }

  @Override
  public Future<Void> putFile(String key, Path file, String contentType) {
    return withKey(key, k -> vertx.fileSystem().props(file.toString())
        .compose(props -> props.size() >= multipartThreshold
            ? putInParts(k, file, props.size(), contentType)
            : call(client.putObject(put(k, contentType), AsyncRequestBody.fromFile(file))).mapEmpty()));
  }

  @Override
  public Future<Void> putBytes(String key, Buffer bytes, String contentType) {
    return withKey(key, k -> call(client.putObject(put(k, contentType), AsyncRequestBody.fromBytesUnsafe(bytes.getBytes())))
        .mapEmpty());
  }

  @Override
  public Future<Blob> open(String key) {
    return withKey(key, k -> {
      Context context = vertx.getOrCreateContext();
      return Future.fromCompletionStage(client.getObject(get(k), AsyncResponseTransformer.toPublisher()), context)
          .recover(error -> Future.failedFuture(notFoundOr(error, k)))
          .map(publisher -> {
            var response = publisher.response();
            BlobInfo info = new BlobInfo(k, size(response.contentLength()), contentType(k, response.contentType()));
            return new Blob(info, new PublisherReadStream(context, publisher));
          });
    });
  }

  @Override
  public Future<BlobInfo> stat(String key) {
    return withKey(key, k -> call(client.headObject(b -> b.bucket(bucket).key(objectKey(k))))
        .map(head -> info(k, head))
        .recover(error -> isNotFound(error) ? Future.succeededFuture(null) : Future.failedFuture(unwrap(error))));
  }

  @Override
  public Future<Boolean> exists(String key) {
    return stat(key).map(Objects::nonNull);
  }

  @Override
  public Future<Void> delete(String key) {
    return withKey(key, k -> call(client.deleteObject(b -> b.bucket(bucket).key(objectKey(k))))
        .<Void>mapEmpty()
        .recover(error -> isNotFound(error) ? Future.succeededFuture() : Future.failedFuture(unwrap(error))));
  }

  @Override
  public Future<Path> downloadToTemp(String key, Path tempDir) {
    return withKey(key, k -> {
      Path target = tempDir.resolve("blob-" + UUID.randomUUID() + StorageKeys.suffix(k));
      return vertx.fileSystem().mkdirs(tempDir.toString())
          .compose(v -> call(client.getObject(get(k), AsyncResponseTransformer.toFile(target))))
          .map(response -> target)
          // The SDK deletes a partial file itself on most failures, but not on all of them.
          .recover(error -> vertx.fileSystem().delete(target.toString()).otherwiseEmpty()
              .compose(v -> Future.failedFuture(notFoundOr(error, k))));
    });
  }

  /** Pages through ListObjectsV2 ({@link Builder#listPageSize(int)} keys a request). */
  @Override
  public Future<List<BlobEntry>> list(String prefix) {
    try {
      String listed = keyPrefix + StorageKeys.validatePrefix(prefix) + "/";
      List<BlobEntry> entries = Collections.synchronizedList(new ArrayList<>());
      CompletableFuture<Void> done = client
          .listObjectsV2Paginator(b -> b.bucket(bucket).prefix(listed).maxKeys(listPageSize))
          .contents()
          .subscribe(object -> addEntry(entries, object));
      return call(done).map(v -> {
        List<BlobEntry> sorted = new ArrayList<>(entries);
        sorted.sort(Comparator.comparing(BlobEntry::key));
        return sorted;
      }).recover(error -> Future.failedFuture(unavailable(error, prefix)));
    } catch (RuntimeException e) {
      return Future.failedFuture(unwrap(e));
    }
  }

  private void addEntry(List<BlobEntry> entries, S3Object object) {
    String key = object.key().substring(keyPrefix.length());
    if (StorageKeys.isValid(key)) {
      entries.add(new BlobEntry(key, size(object.size()), unquote(object.eTag())));
    }
  }

  @Override
  public Future<Void> ping() {
    return call(client.headBucket(b -> b.bucket(bucket)))
        .<Void>mapEmpty()
        .recover(error -> Future.failedFuture(pingFailure(unwrap(error))));
  }

  @Override
  public String describe() {
    return "S3 storage: bucket=" + bucket + (keyPrefix.isEmpty() ? "" : ", prefix=" + keyPrefix)
        + ", region=" + region + (endpoint == null ? "" : ", endpoint=" + endpoint)
        + ", " + (pathStyle ? "path-style" : "virtual-hosted") + " addressing"
        + ", checksums " + (checksumsWhenRequired ? "only when required" : "on every request (SDK default)");
  }

  @Override
  public void close() {
    client.close();
    eventLoops.shutdownGracefully(0, 5, TimeUnit.SECONDS);
  }

  /**
   * Create, parts in order, complete; any failure aborts the upload, so that no parts are left
   * (and billed) in the bucket. Each part keeps whatever checksum the SDK computed for it, which
   * the completion has to repeat.
   */
  private Future<Void> putInParts(String key, Path file, long size, String contentType) {
    String objectKey = objectKey(key);
    return call(client.createMultipartUpload(b -> b.bucket(bucket).key(objectKey)
            .contentType(contentType != null ? contentType : ContentTypes.guess(key))))
        .compose(created -> uploadParts(objectKey, created.uploadId(), file, size)
            .compose(parts -> call(client.completeMultipartUpload(b -> b.bucket(bucket).key(objectKey)
                .uploadId(created.uploadId()).multipartUpload(m -> m.parts(parts)))))
            .<Void>mapEmpty()
            .recover(error -> call(client.abortMultipartUpload(b -> b.bucket(bucket).key(objectKey)
                    .uploadId(created.uploadId())))
                .otherwiseEmpty()
                .compose(v -> Future.failedFuture(unwrap(error)))));
  }

  private Future<List<CompletedPart>> uploadParts(String objectKey, String uploadId, Path file, long size) {
    List<CompletedPart> parts = new ArrayList<>();
    Future<Void> chain = Future.succeededFuture();
    long count = (size + partSize - 1) / partSize;
    for (int number = 1; number <= count; number++) {
      int partNumber = number;
      long position = (number - 1) * partSize;
      long length = Math.min(partSize, size - position);
      chain = chain.compose(v -> call(client.uploadPart(
              b -> b.bucket(bucket).key(objectKey).uploadId(uploadId).partNumber(partNumber).contentLength(length),
              AsyncRequestBody.fromFile(FileRequestBodyConfiguration.builder()
                  .path(file).position(position).numBytesToRead(length).build())))
          .map(uploaded -> {
            parts.add(completedPart(partNumber, uploaded));
            return null;
          }));
    }
    return chain.map(v -> parts);
  }

  private static CompletedPart completedPart(int number, UploadPartResponse uploaded) {
    return CompletedPart.builder().partNumber(number).eTag(uploaded.eTag())
        .checksumCRC32(uploaded.checksumCRC32())
        .checksumCRC32C(uploaded.checksumCRC32C())
        .checksumCRC64NVME(uploaded.checksumCRC64NVME())
        .checksumSHA1(uploaded.checksumSHA1())
        .checksumSHA256(uploaded.checksumSHA256())
        .build();
  }

  private String objectKey(String key) {
    return keyPrefix + key;
  }

  private PutObjectRequest put(String key, String contentType) {
    return PutObjectRequest.builder().bucket(bucket).key(objectKey(key))
        .contentType(contentType != null ? contentType : ContentTypes.guess(key))
        .build();
  }

  private GetObjectRequest get(String key) {
    return GetObjectRequest.builder().bucket(bucket).key(objectKey(key)).build();
  }

  /** Continues on the caller's context, not on an SDK thread. */
  private <T> Future<T> call(CompletableFuture<T> future) {
    return Future.fromCompletionStage(future, vertx.getOrCreateContext());
  }

  private IllegalStateException pingFailure(Throwable error) {
    if (error instanceof NoSuchBucketException || isStatus(error, 404)) {
      return new IllegalStateException("S3 bucket '" + bucket + "' does not exist", error);
    }
    if (isStatus(error, 403)) {
      return new IllegalStateException("Access denied to S3 bucket '" + bucket + "'", error);
    }
    return new IllegalStateException("S3 bucket '" + bucket + "' is not reachable: " + error.getMessage(), error);
  }

  /** Validates the key, then runs {@code action}; the SDK may also throw rather than fail its future. */
  private static <T> Future<T> withKey(String key, Function<String, Future<T>> action) {
    Future<T> result;
    try {
      result = action.apply(StorageKeys.validate(key));
    } catch (RuntimeException e) {
      result = Future.failedFuture(unwrap(e));
    }
    return result.recover(error -> Future.failedFuture(unavailable(error, key)));
  }

  /** A backend failure as a 503 that says what the S3 server answered (never the credentials). */
  private static Throwable unavailable(Throwable error, String key) {
    Throwable cause = unwrap(error);
    String reason;
    if (cause instanceof S3Exception s3) {
      String code = s3.awsErrorDetails() == null ? null : s3.awsErrorDetails().errorCode();
      String message = s3.awsErrorDetails() == null ? null : s3.awsErrorDetails().errorMessage();
      reason = "the S3 server answered " + s3.statusCode() + (isBlank(code) ? "" : " " + code)
          + (isBlank(message) ? "" : " (" + message + ")");
    } else if (cause instanceof SdkClientException) {
      reason = "the S3 server could not be reached (" + cause.getMessage() + ")";
    } else {
      reason = "S3 request failed (" + cause.getClass().getSimpleName() + ")";
    }
    return StorageFailures.unavailable(cause, "request", key, reason);
  }

  private static BlobInfo info(String key, HeadObjectResponse head) {
    return new BlobInfo(key, size(head.contentLength()), contentType(key, head.contentType()));
  }

  private static long size(Long contentLength) {
    return contentLength == null ? -1 : contentLength;
  }

  private static String contentType(String key, String stored) {
    return isBlank(stored) ? ContentTypes.guess(key) : stored;
  }

  private static Throwable notFoundOr(Throwable error, String key) {
    return isNotFound(error) ? new BlobNotFoundException(key) : unwrap(error);
  }

  /**
   * A missing key, not a missing bucket. HEAD answers carry no error code, so {@code stat} and
   * {@code exists} cannot tell the two apart; {@link #ping()} at start-up can.
   */
  private static boolean isNotFound(Throwable error) {
    Throwable cause = unwrap(error);
    if (cause instanceof NoSuchBucketException
        || cause instanceof S3Exception s3 && s3.awsErrorDetails() != null
        && "NoSuchBucket".equals(s3.awsErrorDetails().errorCode())) {
      return false;
    }
    return cause instanceof NoSuchKeyException || isStatus(cause, 404);
  }

  private static boolean isStatus(Throwable error, int status) {
    return error instanceof S3Exception s3 && s3.statusCode() == status;
  }

  private static Throwable unwrap(Throwable error) {
    Throwable t = error;
    while ((t instanceof CompletionException || t instanceof ExecutionException) && t.getCause() != null) {
      t = t.getCause();
    }
    return t;
  }

  private static boolean isBlank(String value) {
    return value == null || value.isBlank();
  }

  private static String unquote(String etag) {
    return etag != null && etag.length() >= 2 && etag.startsWith("\"") && etag.endsWith("\"")
        ? etag.substring(1, etag.length() - 1)
        : etag;
  }

  /** Options beyond {@link StorageConfig}: mostly for tests and S3-compatible servers. */
  public static final class Builder {
    private final Vertx vertx;
    private final StorageConfig config;
    private AwsCredentialsProvider credentials;
    private Duration apiCallTimeout = DEFAULT_API_CALL_TIMEOUT;
    private int maxConcurrency = DEFAULT_MAX_CONCURRENCY;
    private String keyPrefix = "";
    private long multipartThreshold = DEFAULT_MULTIPART_THRESHOLD;
    private long partSize = DEFAULT_PART_SIZE;
    private int listPageSize = DEFAULT_LIST_PAGE_SIZE;

    private Builder(Vertx vertx, StorageConfig config) {
      this.vertx = Objects.requireNonNull(vertx);
      this.config = Objects.requireNonNull(config);
    }

    /** Credentials to use instead of the default AWS chain (environment, profile, instance role...). */
    public Builder credentials(AwsCredentialsProvider credentials) {
      this.credentials = credentials;
      return this;
    }

    /**
     * Upper bound of one call, retries included: the whole transfer for puts and
     * {@code downloadToTemp}, up to the response headers for {@code open}.
     */
    public Builder apiCallTimeout(Duration apiCallTimeout) {
      this.apiCallTimeout = Objects.requireNonNull(apiCallTimeout);
      return this;
    }

    /** Most HTTP connections open at once. */
    public Builder maxConcurrency(int maxConcurrency) {
      if (maxConcurrency < 1) {
        throw new IllegalArgumentException("maxConcurrency must be at least 1");
      }
      this.maxConcurrency = maxConcurrency;
      return this;
    }

    /**
     * Keeps every object under {@code prefix/} in the bucket (e.g. {@code backups/2025-12-22}):
     * keys seen through the store stay {@code uploads/<name>}. Empty by default.
     */
    public Builder keyPrefix(String prefix) {
      String trimmed = prefix == null ? "" : prefix.replaceAll("^/+|/+$", "");
      if (!trimmed.isEmpty() && (trimmed.contains("//") || trimmed.contains(".."))) {
        throw new IllegalArgumentException("Invalid S3 key prefix: " + prefix);
      }
      this.keyPrefix = trimmed.isEmpty() ? "" : trimmed + "/";
      return this;
    }

    /** Files of this many bytes or more are uploaded in parts (16 MiB by default). */
    public Builder multipartThreshold(long bytes) {
      if (bytes < 1) {
        throw new IllegalArgumentException("multipartThreshold must be positive");
      }
      this.multipartThreshold = bytes;
      return this;
    }

    /** Size of each part but the last (8 MiB by default; S3 accepts no less than 5 MiB). */
    public Builder partSize(long bytes) {
      if (bytes < MIN_PART_SIZE) {
        throw new IllegalArgumentException("partSize must be at least 5 MiB");
      }
      this.partSize = bytes;
      return this;
    }

    /** Keys asked for in each ListObjectsV2 request (1000, the S3 maximum, by default). */
    public Builder listPageSize(int keys) {
      if (keys < 1 || keys > 1000) {
        throw new IllegalArgumentException("listPageSize must be between 1 and 1000");
      }
      this.listPageSize = keys;
      return this;
    }

    public S3BlobStore build() {
      return new S3BlobStore(this);
    }
  }
}
