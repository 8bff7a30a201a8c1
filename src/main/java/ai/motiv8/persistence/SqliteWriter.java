package ai.motiv8.persistence;

import ai.motiv8.common.ApiException;
import ai.motiv8.users.WorkoutDays;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The one writer of a SQLite database: a thread of its own with one connection. SQLite writes one
 * transaction at a time, so writes queue here instead of in SQLite's lock, and the short ones
 * ({@link #write}) commit together: the thread takes every unit queued meanwhile, runs each in a
 * savepoint of one {@code BEGIN IMMEDIATE} transaction (a unit that fails is rolled back alone)
 * and commits once (a unit with nobody queued behind it needs no savepoint). The statements are
 * plain JDBC, prepared once: on the pool every statement is a hop to a worker and back, and six of
 * them serialised each change of a setting (PUT /api/workout-days, 600 req/s; see docs/perf/).
 *
 * <p>The store's other writes run on the Vert.x pool's own connection; {@link #exclusive} runs them
 * in turn with the units, so that two connections never wait for each other's lock. Writers in
 * other processes (the batch and migration commands) still meet SQLite's busy timeout.
 */
final class SqliteWriter {

  /** What one unit does on the writer's connection, inside the batch's transaction. */
  @FunctionalInterface
  interface Work<T> {
    T run(Session session) throws Exception;
  }

  /** Statements with {@code #{name}} parameters, as in {@code SqlTemplate}. */
  interface Session {
    /** The rows, each as its columns by label. */
    <T> List<T> query(String sql, Map<String, Object> params, Function<Function<String, Object>, T> row)
        throws SQLException;

    /** How many rows an insert, update or delete changed. */
    int update(String sql, Map<String, Object> params) throws SQLException;
  }

  private static final Logger LOG = LoggerFactory.getLogger(SqliteWriter.class);
  private static final Pattern PARAMETER = Pattern.compile("#\\{(\\w+)}");
  /** Units committed together at most; more wait for the next commit. */
  static final int MAX_BATCH = 256;
  /** Beyond this many waiting writes the store answers 503 at once instead of queueing. */
  static final int MAX_QUEUED = 10_000;
  /** How long one exclusive write on the pool may hold the writer before the queue goes on. */
  private static final long EXCLUSIVE_TIMEOUT_MS = 30_000;

  private final Vertx vertx;
  private final BlockingQueue<Task> queue = new ArrayBlockingQueue<>(MAX_QUEUED);
  private final Connection connection;
  private final Map<String, Prepared> prepared = new HashMap<>();
  private final Thread thread;
  private volatile boolean closing;
  private volatile long commits;

  private SqliteWriter(Vertx vertx, Connection connection, String name) {
    this.vertx = vertx;
    this.connection = connection;
    this.thread = new Thread(this::loop, name);
    thread.setDaemon(true);
  }

  /** Opens the writer's connection (blocking: call it off the event loop) and starts its thread. */
  static SqliteWriter open(Vertx vertx, String jdbcUrl) throws SQLException {
    SqliteWriter writer = new SqliteWriter(vertx, DriverManager.getConnection(jdbcUrl), "sqlite-writer");
    writer.thread.start();
    return writer;
  }

  /** Runs {@code work} in the next group commit; the future completes on the caller's context after the commit. */
  <T> Future<T> write(Work<T> work) {
    return write(work, committed -> {
    });
  }

  /**
   * As {@link #write(Work)}; {@code committed} is told the unit's result on the writer's thread right
   * after the commit, in commit order (the callers' contexts hear of their results in no order).
   */
  <T> Future<T> write(Work<T> work, Consumer<T> committed) {
    Unit<T> unit = new Unit<>(vertx.getOrCreateContext(), work, committed);
    return enqueue(unit) ? unit.promise.future() : Future.failedFuture(busy());
  }

  /**
   * Runs a write on the Vert.x pool while the writer waits: {@code write} is started on the caller's
   * context when its turn comes, and the next units commit after it ends (or after 30 s).
   */
  <T> Future<T> exclusive(Supplier<Future<T>> write) {
    Exclusive<T> task = new Exclusive<>(vertx.getOrCreateContext(), write);
    return enqueue(task) ? task.promise.future() : Future.failedFuture(busy());
  }

  /** Lets what is queued finish, then closes the connection (blocking: call it off the event loop). */
  void close() throws InterruptedException {
    closing = true;
    thread.interrupt();
    thread.join(TimeUnit.SECONDS.toMillis(EXCLUSIVE_TIMEOUT_MS / 1000 + 5));
  }

  /** Transactions committed so far (each holds one or more units). */
  long commits() {
    return commits;
  }

  private boolean enqueue(Task task) {
    return !closing && queue.offer(task);
  }

  private static ApiException busy() {
    return ApiException.unavailable("Database busy, try again");
  }

  private void loop() {
    List<Unit<?>> batch = new ArrayList<>();
    while (true) {
      Task first;
      try {
        first = closing ? queue.poll() : queue.take();
      } catch (InterruptedException interrupted) {
        continue;
      }
      if (first == null) {
        break;
      }
      if (first instanceof Exclusive<?> exclusive) {
        runExclusive(exclusive);
        continue;
      }
      batch.add((Unit<?>) first);
      while (batch.size() < MAX_BATCH && queue.peek() instanceof Unit<?>) {
        batch.add((Unit<?>) queue.poll());
      }
      commit(batch);
      batch.clear();
    }
    refuseLateArrivals();
    closeConnection();
  }

  /** A write offered while the queue was read for the last time. */
  private void refuseLateArrivals() {
    for (Task late = queue.poll(); late != null; late = queue.poll()) {
      Task task = late;
      if (task instanceof Unit<?> unit) {
        unit.context.runOnContext(v -> unit.promise.tryFail(busy()));
      } else if (task instanceof Exclusive<?> exclusive) {
        exclusive.context.runOnContext(v -> exclusive.promise.tryFail(busy()));
      }
    }
  }

  private void commit(List<Unit<?>> batch) {
    if (batch.size() == 1) {
      commitAlone(batch.get(0));
      return;
    }
    Map<Context, List<Runnable>> answers = new IdentityHashMap<>();
    try {
      execute("BEGIN IMMEDIATE");
      List<Runnable> outcomes = new ArrayList<>(batch.size());
      for (Unit<?> unit : batch) {
        outcomes.add(unit.runInSavepoint(this));
      }
      execute("COMMIT");
      commits++;
      for (Unit<?> unit : batch) {
        unit.tellCommitted();
      }
      for (int i = 0; i < batch.size(); i++) {
        answers.computeIfAbsent(batch.get(i).context, c -> new ArrayList<>()).add(outcomes.get(i));
      }
    } catch (Exception commitFailed) {
      LOG.warn("SQLite group commit of {} writes failed: {}", batch.size(), commitFailed.toString());
      rollbackQuietly();
      for (Unit<?> unit : batch) {
        answers.computeIfAbsent(unit.context, c -> new ArrayList<>()).add(() -> unit.promise.tryFail(commitFailed));
      }
    }
    answers.forEach((context, outcomes) -> context.runOnContext(v -> outcomes.forEach(Runnable::run)));
  }

  /** A unit with nothing queued behind it: its transaction is its savepoint. */
  private void commitAlone(Unit<?> unit) {
    Runnable outcome;
    try {
      execute("BEGIN IMMEDIATE");
      try {
        outcome = unit.run(session);
      } catch (Exception failed) {
        rollbackQuietly();
        unit.context.runOnContext(v -> unit.promise.tryFail(failed));
        return;
      }
      execute("COMMIT");
      commits++;
      unit.tellCommitted();
    } catch (Exception commitFailed) {
      LOG.warn("SQLite commit of one write failed: {}", commitFailed.toString());
      unit.succeeded = false;
      rollbackQuietly();
      outcome = () -> unit.promise.tryFail(commitFailed);
    }
    Runnable answer = outcome;
    unit.context.runOnContext(v -> answer.run());
  }

  private <T> void runExclusive(Exclusive<T> task) {
    CountDownLatch done = new CountDownLatch(1);
    task.context.runOnContext(v -> {
      Future<T> result;
      try {
        result = task.write.get();
      } catch (RuntimeException e) {
        result = Future.failedFuture(e);
      }
      result.onComplete(outcome -> {
        done.countDown();
        task.promise.handle(outcome);
      });
    });
    try {
      if (!done.await(EXCLUSIVE_TIMEOUT_MS, TimeUnit.MILLISECONDS)) {
        LOG.warn("A write on the pool held the SQLite writer for {} ms; going on", EXCLUSIVE_TIMEOUT_MS);
      }
    } catch (InterruptedException interrupted) {
      // close(): the write in flight still ends on its own; the queue drains after it.
      awaitQuietly(done);
    }
  }

  private static void awaitQuietly(CountDownLatch done) {
    try {
      done.await(EXCLUSIVE_TIMEOUT_MS, TimeUnit.MILLISECONDS);
    } catch (InterruptedException again) {
      Thread.currentThread().interrupt();
    }
  }

  private void execute(String sql) throws SQLException {
    statement(sql).statement.execute();
  }

  /** After a failure in the batch's transaction; "no transaction is active" when it had not begun. */
  private void rollbackQuietly() {
    try {
      execute("ROLLBACK");
    } catch (SQLException e) {
      LOG.debug("ROLLBACK after a failed group commit: {}", e.toString());
    }
  }

  private void closeConnection() {
    try {
      for (Prepared statement : prepared.values()) {
        statement.statement.close();
      }
      connection.close();
    } catch (SQLException e) {
      LOG.warn("Closing the SQLite writer: {}", e.toString());
    }
  }

  private Prepared statement(String sql) throws SQLException {
    Prepared statement = prepared.get(sql);
    if (statement == null) {
      List<String> names = new ArrayList<>();
      Matcher parameter = PARAMETER.matcher(sql);
      StringBuilder jdbc = new StringBuilder();
      while (parameter.find()) {
        names.add(parameter.group(1));
        parameter.appendReplacement(jdbc, "?");
      }
      parameter.appendTail(jdbc);
      statement = new Prepared(connection.prepareStatement(jdbc.toString()), names);
      prepared.put(sql, statement);
    }
    return statement;
  }

  private final Session session = new Session() {
    @Override
    public <T> List<T> query(String sql, Map<String, Object> params, Function<Function<String, Object>, T> row)
        throws SQLException {
      Prepared prepared = statement(sql);
      List<T> rows = new ArrayList<>();
      try (ResultSet results = prepared.bind(params).executeQuery()) {
        Columns columns = prepared.columns(results.getMetaData());
        Object[] values = new Object[columns.count()];
        Function<String, Object> column = name -> {
          int index = columns.index(name);
          return index < 0 ? null : values[index];
        };
        while (results.next()) {
          for (int i = 0; i < values.length; i++) {
            values[i] = results.getObject(i + 1);
          }
          rows.add(row.apply(column));
        }
      }
      return rows;
    }

    @Override
    public int update(String sql, Map<String, Object> params) throws SQLException {
      return statement(sql).bind(params).executeUpdate();
    }
  };

  private static final class Prepared {
    final PreparedStatement statement;
    final List<String> names;
    private Columns columns;

    Prepared(PreparedStatement statement, List<String> names) {
      this.statement = statement;
      this.names = names;
    }

    /** Its result's columns, read from the driver once (each label is a native call and a new string). */
    Columns columns(ResultSetMetaData meta) throws SQLException {
      if (columns == null || columns.count() != meta.getColumnCount()) {
        columns = Columns.of(meta);
      }
      return columns;
    }

    PreparedStatement bind(Map<String, Object> params) throws SQLException {
      for (int i = 0; i < names.size(); i++) {
        if (!params.containsKey(names.get(i))) {
          throw new SQLException("No value for parameter " + names.get(i));
        }
        Object value = params.get(names.get(i));
        statement.setObject(i + 1, value instanceof JsonObject json ? WorkoutDays.encode(json)
            : value instanceof JsonArray array ? array.encode() : value);
      }
      return statement;
    }
  }

  /** A result's column labels and where each stands. */
  private record Columns(Map<String, Integer> positions, int count) {
    static Columns of(ResultSetMetaData meta) throws SQLException {
      Map<String, Integer> positions = new HashMap<>();
      for (int i = 1; i <= meta.getColumnCount(); i++) {
        positions.put(meta.getColumnLabel(i), i - 1);
      }
      return new Columns(positions, meta.getColumnCount());
    }

    /** -1 when the result has no such column (read as null, as a row's missing value). */
    int index(String label) {
      Integer position = positions.get(label);
      return position == null ? -1 : position;
    }
  }

  private sealed interface Task permits Unit, Exclusive {
  }

  private static final class Unit<T> implements Task {
    final Context context;
    final Work<T> work;
    final Consumer<T> committed;
    final Promise<T> promise = Promise.promise();
    private boolean succeeded;
    private T result;

    Unit(Context context, Work<T> work, Consumer<T> committed) {
      this.context = context;
      this.work = work;
      this.committed = committed;
    }

    void tellCommitted() {
      if (succeeded) {
        try {
          committed.accept(result);
        } catch (RuntimeException e) {
          LOG.warn("After a committed SQLite write: {}", e.toString());
        }
      }
    }

    /** Runs the work; what to tell the caller once it is committed. */
    Runnable run(Session session) throws Exception {
      result = work.run(session);
      succeeded = true;
      return () -> promise.tryComplete(result);
    }

    /** Runs the work in a savepoint; what to tell the caller once the batch is committed. */
    Runnable runInSavepoint(SqliteWriter writer) throws SQLException {
      writer.execute("SAVEPOINT unit");
      try {
        Runnable done = run(writer.session);
        writer.execute("RELEASE unit");
        return done;
      } catch (Exception failed) {
        succeeded = false;
        writer.execute("ROLLBACK TO unit");
        writer.execute("RELEASE unit");
        return () -> promise.tryFail(failed);
      }
    }
  }

  private static final class Exclusive<T> implements Task {
    final Context context;
    final Supplier<Future<T>> write;
    final Promise<T> promise = Promise.promise();

    Exclusive(Context context, Supplier<Future<T>> write) {
      this.context = context;
      this.write = write;
    }
  }
}
