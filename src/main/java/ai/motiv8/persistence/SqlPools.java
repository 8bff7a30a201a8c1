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

  /**
   * Reads need no write lock: in WAL mode each reader connection sees the last commit and runs beside
   * the writer and the other readers, so single-statement reads (the user of every authenticated
   * request) do not queue behind the one writer connection. More than the cores only adds threads.
   */
  static final int SQLITE_READER_POOL_SIZE = Math.max(2, Runtime.getRuntime().availableProcessors());

  /**
   * synchronous=NORMAL is SQLite's recommended setting for WAL: a commit is written to the WAL but not
   * fsynced; the WAL is synced at checkpoints. The database can never be corrupted by it, and a crash
   * of the process loses nothing; a power cut or kernel crash may lose the last commits before the
   * checkpoint. FULL (the default) fsyncs every commit and caps writes at the disk's sync rate.
   */
  private static final String SQLITE_DURABILITY = "&synchronous=NORMAL";

  private SqlPools() {
  }

  static String jdbcUrl(DatabaseConfig config) {
    return config.isPostgres()
        ? "jdbc:postgresql://" + config.host() + ":" + config.port() + "/" + config.name()
        : "jdbc:sqlite:" + config.sqlitePath() + "?" + SQLITE_PARAMETERS + SQLITE_DURABILITY;
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

  /**
   * The pool for single-statement reads: on PostgreSQL {@code writer} itself (its pool already runs
   * statements side by side); on SQLite a pool of its own, never used in a transaction.
   */
  static Pool createReaders(Vertx vertx, DatabaseConfig config, Pool writer) {
    if (config.isPostgres()) {
      return writer;
    }
    return JDBCPool.pool(vertx,
        new JDBCConnectOptions().setJdbcUrl(jdbcUrl(config)),
        new PoolOptions().setMaxSize(SQLITE_READER_POOL_SIZE));
  }
}
