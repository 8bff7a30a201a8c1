package ai.motiv8.persistence;

import ai.motiv8.config.AppConfig.DatabaseConfig;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.junit5.Timeout;
import io.vertx.junit5.VertxExtension;
import io.vertx.junit5.VertxTestContext;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.templates.SqlTemplate;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The SQLite pool leaves a transaction when it ends ({@link SqliteDataSource}): another connection
 * to the file (another process, e.g. {@code batch run} next to the service) can write afterwards
 * and sees the single statements that followed it.
 */
@ExtendWith(VertxExtension.class)
@Timeout(value = 60, timeUnit = TimeUnit.SECONDS)
class SqliteTransactionTest {

  private DatabaseConfig database;
  private Pool pool;

  @BeforeEach
  void openPool(Vertx vertx, VertxTestContext ctx) {
    database = TestDatabases.sqliteAt(TestDatabases.newSqliteFile());
    pool = SqlPools.create(vertx, database);
    pool.query("CREATE TABLE t (id INTEGER PRIMARY KEY)").execute().onComplete(ctx.succeedingThenComplete());
  }

  @AfterEach
  void closePool(VertxTestContext ctx) {
    pool.close().onComplete(ctx.succeedingThenComplete());
  }

  private Future<Void> insert(io.vertx.sqlclient.SqlClient client, int id) {
    return SqlTemplate.forUpdate(client, "INSERT INTO t (id) VALUES (#{id})").execute(Map.of("id", id)).mapEmpty();
  }

  @Test
  @DisplayName("After a committed and a rolled-back transaction, later statements are committed and the write lock"
      + " is free for another connection")
  void transactionsEnd(Vertx vertx, VertxTestContext ctx) {
    pool.withTransaction(connection -> insert(connection, 1))
        .compose(v -> pool.withTransaction(connection -> insert(connection, 2)
            .compose(inserted -> Future.failedFuture(new IllegalStateException("roll back")))).otherwiseEmpty())
        .compose(v -> insert(pool, 3))
        .compose(v -> vertx.executeBlocking(this::fromAnotherConnection))
        .onComplete(ctx.succeeding(rows -> ctx.verify(() -> {
          assertThat(rows).as("rows 1 and 3, seen and then written by another connection").isEqualTo(2);
          ctx.completeNow();
        })));
  }

  /** Counts the rows, then writes one in BEGIN IMMEDIATE with a short busy timeout. */
  private long fromAnotherConnection() throws SQLException {
    String url = SqlPools.jdbcUrl(database).replace("busy_timeout=5000", "busy_timeout=500");
    try (Connection connection = DriverManager.getConnection(url); Statement statement = connection.createStatement()) {
      long rows;
      try (ResultSet result = statement.executeQuery("SELECT COUNT(*) FROM t")) {
        result.next();
        rows = result.getLong(1);
      }
      statement.execute("BEGIN IMMEDIATE");
      statement.execute("INSERT INTO t (id) VALUES (4)");
      statement.execute("COMMIT");
      return rows;
    }
  }
}
