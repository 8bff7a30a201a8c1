package ai.motiv8.persistence;

import ai.motiv8.common.ApiException;
import ai.motiv8.common.ServiceErrors;
import io.vertx.core.Future;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.SqlConnection;
import io.vertx.sqlclient.SqlResult;
import io.vertx.sqlclient.templates.SqlTemplate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Function;

/** What the stores share: their pool, transactions, statements, parameters and the boundary of their services. */
abstract class SqlStore {

  protected final Pool pool;
  /** Single-statement reads that need no transaction (SqlPools#createReaders); may be {@link #pool}. */
  protected final Pool reads;
  /** SQLite's one writer (null on PostgreSQL): short writes commit there together, the others take turns with them. */
  protected final SqliteWriter writer;
  private final boolean postgres;
  private final Logger log;

  /**
   * @param reads the pool of reads outside transactions
   * @param writer SQLite's writer; null for PostgreSQL
   */
  SqlStore(Pool pool, Pool reads, SqliteWriter writer) {
    this.pool = pool;
    this.reads = reads;
    this.writer = writer;
    this.postgres = writer == null;
    this.log = LoggerFactory.getLogger(getClass());
  }

  /**
   * Runs a write on the pool: on SQLite in its turn with the writer's group commits
   * ({@link SqliteWriter#exclusive}), so that the two connections never wait for each other's lock.
   */
  protected <T> Future<T> writing(Function<SqlClient, Future<T>> write) {
    return writer == null ? write.apply(pool) : writer.exclusive(() -> write.apply(pool));
  }

  /**
   * Runs {@code work} in a transaction begun and ended by SQL statements. Not
   * {@code Pool.withTransaction}: vertx-jdbc-client 5.0.7 leaves a pooled connection with
   * autocommit off afterwards (vert-x3/vertx-jdbc-client#356), and sqlite-jdbc then opens the next
   * transaction at once and holds the database's write lock, so other processes (the batch or
   * migration commands) could not write. Single statements run in autocommit mode. On SQLite the
   * transaction takes the write lock at once, so that it never fails half-way on a busy database.
   */
  protected <T> Future<T> inTransaction(Function<SqlConnection, Future<T>> work) {
    return writing(client -> pool.withConnection(connection -> connection.query(postgres ? "BEGIN" : "BEGIN IMMEDIATE")
        .execute()
        .compose(begun -> work.apply(connection))
        .compose(
            result -> connection.query("COMMIT").execute().map(result),
            error -> connection.query("ROLLBACK").execute()
                .otherwiseEmpty()
                .compose(rolledBack -> Future.<T>failedFuture(error)))));
  }

  /** Runs an insert, update or delete; the number of rows it changed. */
  static Future<Integer> update(SqlClient client, String sql, Map<String, Object> params) {
    return SqlTemplate.forUpdate(client, sql).execute(params).map(SqlResult::rowCount);
  }

  /** A logical day ({@code YYYY-MM-DD}), or a 400 naming the bad value. */
  static Future<LocalDate> day(String date) {
    try {
      return Future.succeededFuture(LocalDate.parse(String.valueOf(date)));
    } catch (DateTimeParseException badDate) {
      return Future.failedFuture(ApiException.badRequest("Invalid date, expected YYYY-MM-DD: " + date));
    }
  }

  /** Parameters by name; unlike {@code Map.of} it takes nulls, which SQL needs, and callers may add to it. */
  static Map<String, Object> params(Object... namesAndValues) {
    Map<String, Object> params = new HashMap<>();
    for (int i = 0; i < namesAndValues.length; i += 2) {
      params.put((String) namesAndValues[i], namesAndValues[i + 1]);
    }
    return params;
  }

  /**
   * The boundary of a store's service: failures leave as ServiceExceptions with HTTP-like codes;
   * those that are not the caller's fault are logged.
   */
  protected <T> Future<T> served(Future<T> result) {
    return result.recover(error -> {
      Throwable translated = SqlFailures.translate(error);
      if (!(translated instanceof ApiException)) {
        log.error("Store operation failed", error);
      }
      return Future.failedFuture(ServiceErrors.toServiceException(translated));
    });
  }
}
