package ai.motiv8.persistence;

import ai.motiv8.batch.DeliveryStore;
import ai.motiv8.common.NodeServices;
import ai.motiv8.config.AppConfig.DatabaseConfig;
import ai.motiv8.users.SendSchedule;
import ai.motiv8.users.UserCache;
import ai.motiv8.users.UserStore;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.eventbus.MessageConsumer;
import io.vertx.core.json.JsonObject;
import io.vertx.serviceproxy.ServiceBinder;
import io.vertx.sqlclient.Pool;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;

/**
 * Owns the database: migrates the schema, opens the pool and serves {@link UserStore} at
 * {@link UserStore#ADDRESS} and the daily batch's {@link DeliveryStore} at {@link DeliveryStore#ADDRESS},
 * to this process only (every node that needs the database has its own pool; PostgreSQL is the
 * shared state, not the event bus). This node's HTTP API calls the user store directly
 * ({@link NodeServices}): it is on every request's path. SQLite or PostgreSQL, as the configuration says.
 */
public final class PersistenceVerticle extends VerticleBase {

  private static final Logger LOG = LoggerFactory.getLogger(PersistenceVerticle.class);

  private final DatabaseConfig config;
  private Pool pool;
  private Pool readers;
  private SqliteWriter writer;
  private UserRepository users;
  private MessageConsumer<JsonObject> userStore;
  private MessageConsumer<JsonObject> deliveryStore;

  private final SendSchedule schedule;
  private final Clock clock;

  /** With the default schedule (07:00 UTC) and the system clock (tools and tests of the store). */
  public PersistenceVerticle(DatabaseConfig config) {
    this(config, new SendSchedule(java.time.ZoneOffset.UTC, java.time.LocalTime.of(7, 0)), Clock.systemUTC());
  }

  /**
   * @param schedule the batch's default zone and send time, for users' next sends
   * @param clock "now" of the next sends
   */
  public PersistenceVerticle(DatabaseConfig config, SendSchedule schedule, Clock clock) {
    this.config = config;
    this.schedule = schedule;
    this.clock = clock;
  }

  @Override
  public Future<?> start() {
    return migrateSchema()
        .compose(v -> openPool())
        .compose(v -> bindUserStore())
        .compose(v -> bindDeliveryStore())
        .onFailure(error -> closeWriter().eventually(this::closePool));
  }

  @Override
  public Future<?> stop() {
    if (users != null) {
      NodeServices.remove(vertx, UserStore.class, users);
    }
    Future<Void> users = userStore != null ? userStore.unregister() : Future.succeededFuture();
    Future<Void> deliveries = deliveryStore != null ? deliveryStore.unregister() : Future.succeededFuture();
    return Future.join(users, deliveries).eventually(this::closeWriter).eventually(this::closePool);
  }

  /** Flyway is blocking JDBC: it runs on a worker thread. */
  private Future<Void> migrateSchema() {
    return vertx.executeBlocking(() -> SchemaMigrations.migrate(config))
        .recover(error -> Future.failedFuture(new IllegalStateException(
            "Database migration failed on " + config.describe() + ": " + error.getMessage(), error)))
        .onSuccess(version -> LOG.info("Database schema at version {}", version))
        .mapEmpty();
  }

  private Future<Void> openPool() {
    pool = SqlPools.create(vertx, config);
    readers = SqlPools.createReaders(vertx, config, pool);
    return pool.query(UserSql.PING).execute()
        .compose(ping -> readers.query(UserSql.PING).execute())
        .compose(ping -> config.isPostgres() ? Future.succeededFuture()
            : vertx.executeBlocking(() -> writer = SqliteWriter.open(vertx, SqlPools.jdbcUrl(config))))
        .recover(error -> Future.failedFuture(
            new IllegalStateException("Cannot connect to " + config.describe() + ": " + error.getMessage(), error)))
        .onSuccess(ping -> LOG.info("Connected to {}", config.describe()))
        .mapEmpty();
  }

  /** On the event bus, and as a plain object to this node's HTTP API ({@link NodeServices}). */
  private Future<Void> bindUserStore() {
    users = new UserRepository(pool, readers, writer, schedule, clock, UserCache.of(vertx));
    userStore = new ServiceBinder(vertx)
        .setAddress(UserStore.ADDRESS)
        .registerLocal(UserStore.class, users);
    return userStore.completion().onSuccess(bound -> NodeServices.register(vertx, UserStore.class, users));
  }

  private Future<Void> bindDeliveryStore() {
    deliveryStore = new ServiceBinder(vertx)
        .setAddress(DeliveryStore.ADDRESS)
        .registerLocal(DeliveryStore.class, new DeliveryRepository(pool, writer));
    return deliveryStore.completion();
  }

  /** What is queued for SQLite's writer is written first. */
  private Future<Void> closeWriter() {
    return writer == null ? Future.succeededFuture() : vertx.executeBlocking(() -> {
      writer.close();
      return null;
    });
  }

  private Future<Void> closePool() {
    Future<Void> closedReaders = readers != null && readers != pool ? readers.close() : Future.succeededFuture();
    return closedReaders.eventually(() -> pool != null ? pool.close() : Future.succeededFuture());
  }
}
