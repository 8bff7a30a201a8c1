package ai.motiv8.persistence;

import ai.motiv8.config.AppConfig.DatabaseConfig;
import io.vertx.core.Vertx;
import io.vertx.jdbcclient.JDBCConnectOptions;
import io.vertx.jdbcclient.JDBCPool;
import io.vertx.pgclient.PgBuilder;
import io.vertx.pgclient.PgConnectOptions;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.PoolOptions;

/** The Vert.x pool for the configured database, and the JDBC URL that Flyway migrates. */
final class SqlPools {

  /**
   * WAL lets readers run beside the writer; IMMEDIATE makes every transaction take the write lock
   * when it begins, so it waits (busy_timeout) instead of failing with SQLITE_BUSY_SNAPSHOT when it
   * turns from reading to writing.
   */
  private static final String SQLITE_PARAMETERS =
      "journal_mode=WAL&busy_timeout=5000&transaction_mode=IMMEDIATE&foreign_keys=true";

  /**
   * SQLite has one writer at a time, so one connection: statements queue in the pool instead of in
   * SQLite's lock. Measured with four: concurrent selfie-swap transactions failed with SQLITE_BUSY
   * after the 5 s busy timeout, because a connection waiting in BEGIN IMMEDIATE holds up the worker
   * queue that the lock holder needs to commit (STACK.md saw the same with read-then-write).
   */
  static final int SQLITE_POOL_SIZE = 1;

  private SqlPools() {
  }

  static String jdbcUrl(DatabaseConfig config) {
    return config.isPostgres()
        ? "jdbc:postgresql://" + config.host() + ":" + config.port() + "/" + config.name()
        : "jdbc:sqlite:" + config.sqlitePath() + "?" + SQLITE_PARAMETERS;
  }

  /** A pool that runs no blocking call on the caller's thread: pg-client is async, JDBC runs on workers. */
  static Pool create(Vertx vertx, DatabaseConfig config) {
    if (config.isPostgres()) {
      PgConnectOptions connect = new PgConnectOptions()
          .setHost(config.host())
          .setPort(config.port())
          .setDatabase(config.name())
          .setUser(config.username())
          .setPassword(config.password());
      return PgBuilder.pool()
          .with(new PoolOptions().setMaxSize(config.poolSize()))
          .connectingTo(connect)
          .using(vertx)
          .build();
    }
    return JDBCPool.pool(vertx,
        new JDBCConnectOptions().setJdbcUrl(jdbcUrl(config)),
        new PoolOptions().setMaxSize(SQLITE_POOL_SIZE));
  }
}
