package ai.motiv8.migration;

import ai.motiv8.config.AppConfig.DatabaseConfig;
import ai.motiv8.support.S3TestServer;
import ai.motiv8.support.TestPostgres;
import io.vertx.core.Vertx;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A {@link DevDeployment} and the empty PostgreSQL database and S3 bucket it moves to, with the
 * command-line arguments that name them.
 */
final class MovedDeployment {

  final DevDeployment source;
  final DatabaseConfig database;
  final String bucket;
  final S3TestServer server;

  private MovedDeployment(DevDeployment source, DatabaseConfig database, String bucket, S3TestServer server) {
    this.source = source;
    this.database = database;
    this.bucket = bucket;
    this.server = server;
  }

  static MovedDeployment create(Vertx vertx, Path dir, S3TestServer server, String bucket) throws Exception {
    server.createBucket(bucket);
    return new MovedDeployment(DevDeployment.create(vertx, dir), TestPostgres.newDatabase("moved"), bucket, server);
  }

  String targetUrl() {
    return TestPostgres.jdbcUrl(database);
  }

  DatabaseLocation target() {
    return DatabaseLocation.of(database);
  }

  DatabaseLocation sourceDatabase() {
    return DatabaseLocation.sqlite(source.database);
  }

  List<String> s3Flags() {
    return List.of("--s3-endpoint", server.endpoint(), "--s3-region", "eu-west-1", "--s3-path-style",
        "--s3-checksums-when-required");
  }

  String[] migrateDb() {
    return new String[] {"migrate", "db", "--from", source.sqliteUrl(), "--to", targetUrl()};
  }

  String[] syncStorage() {
    List<String> args = new ArrayList<>(List.of("storage", "sync", "--from", source.localStorage(), "--to", "s3://" + bucket));
    args.addAll(s3Flags());
    return args.toArray(String[]::new);
  }

  String[] verify() {
    List<String> args = new ArrayList<>(List.of("migrate", "verify", "--from", source.sqliteUrl(), "--to", targetUrl(),
        "--storage-from", source.localStorage(), "--storage-to", "s3://" + bucket));
    args.addAll(s3Flags());
    return args.toArray(String[]::new);
  }

  /** The variables that point the service at the new database and bucket. */
  Map<String, String> serviceEnvironment() {
    return Map.of(
        "DB_HOST", "localhost",
        "DB_PORT", String.valueOf(database.port()),
        "DB_NAME", database.name(),
        "DB_USERNAME", TestPostgres.USER,
        "DB_PASSWORD", TestPostgres.PASSWORD,
        "S3_BUCKET", bucket,
        "AWS_REGION", "eu-west-1",
        "S3_ENDPOINT", server.endpoint(),
        "S3_PATH_STYLE", "true",
        "S3_CHECKSUMS_WHEN_REQUIRED", "true");
  }
}
