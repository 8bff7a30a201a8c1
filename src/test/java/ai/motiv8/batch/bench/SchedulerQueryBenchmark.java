package ai.motiv8.batch.bench;

import ai.motiv8.config.AppConfig.DatabaseConfig;
import ai.motiv8.persistence.PersistenceVerticle;
import ai.motiv8.persistence.TestDatabases;
import ai.motiv8.users.SendSchedule;
import ai.motiv8.users.SendSchedule.NextSend;
import ai.motiv8.users.User;
import ai.motiv8.users.UserStore;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;

import java.nio.file.Files;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

/**
 * Times the scheduler's one query per tick ({@link UserStore#usersDueBetween}, through the real
 * persistence verticle and event bus, rows mapped to users) on SQLite and PostgreSQL. Not a test;
 * run it with {@code scripts/bench-scheduler.sh}; the method is written in the script's header.
 *
 * <p>Arguments: {@code [users=100000] [ticks=200] [databases=sqlite,postgres]}.
 */
public final class SchedulerQueryBenchmark {

  /** Forty IANA zones, from UTC-11 to UTC+14, half-hour and quarter-hour offsets included. */
  static final List<String> ZONES = List.of("Pacific/Pago_Pago", "Pacific/Honolulu", "America/Anchorage",
      "America/Los_Angeles", "America/Denver", "America/Phoenix", "America/Chicago", "America/Mexico_City",
      "America/New_York", "America/Toronto", "America/Bogota", "America/Caracas", "America/Halifax",
      "America/St_Johns", "America/Sao_Paulo", "America/Argentina/Buenos_Aires", "Atlantic/Azores", "UTC",
      "Europe/London", "Europe/Lisbon", "Europe/Paris", "Europe/Berlin", "Africa/Lagos", "Europe/Athens",
      "Africa/Cairo", "Europe/Moscow", "Asia/Tehran", "Asia/Dubai", "Asia/Kabul", "Asia/Karachi", "Asia/Kolkata",
      "Asia/Kathmandu", "Asia/Dhaka", "Asia/Bangkok", "Asia/Shanghai", "Asia/Tokyo", "Australia/Adelaide",
      "Australia/Sydney", "Pacific/Auckland", "Pacific/Kiritimati");

  static final Instant START = Instant.parse("2025-03-27T00:00:00Z");
  static final long TICK_MS = 60_000;
  static final long CATCH_UP_MS = TimeUnit.HOURS.toMillis(6);

  private SchedulerQueryBenchmark() {
  }

  public static void main(String[] args) throws Exception {
    int users = args.length > 0 ? Integer.parseInt(args[0]) : 100_000;
    int ticks = args.length > 1 ? Integer.parseInt(args[1]) : 200;
    List<String> databases = Arrays.asList((args.length > 2 ? args[2] : "sqlite,postgres").split(","));
    System.out.printf(Locale.ROOT, "motiv8 scheduler query benchmark: %d users over %d zones, %d ticks, %d CPU(s),"
        + " Java %s%n", users, ZONES.size(), ticks, Runtime.getRuntime().availableProcessors(),
        System.getProperty("java.version"));
    System.out.println("database  window  median ms  p99 ms  max ms  users/tick (mean)");
    for (String name : databases) {
      DatabaseConfig database = name.equals("postgres") ? TestDatabases.postgres()
          : new DatabaseConfig(Files.createTempDirectory("bench-scheduler").resolve("motiv8.db").toString(), null,
              5432, null, null, null, 4);
      run(name, database, users, ticks);
    }
    System.exit(0);
  }

  private static void run(String name, DatabaseConfig database, int users, int ticks) throws Exception {
    Vertx vertx = Vertx.vertx();
    try {
      await(vertx.deployVerticle(new PersistenceVerticle(database)));
      insert(database, users);
      UserStore store = UserStore.createProxy(vertx);
      // Warm-up: 50 ticks of the day before.
      for (int i = 0; i < 50; i++) {
        long now = START.toEpochMilli() - TimeUnit.DAYS.toMillis(1) + i * TICK_MS;
        await(store.usersDueBetween(now - TICK_MS, now, 10_000));
      }
      measure(name, "1 min", store, ticks, TICK_MS);
      measure(name, "6 h", store, ticks, CATCH_UP_MS);
    } finally {
      await(vertx.close());
    }
  }

  /**
   * {@code ticks} ticks one minute apart from 05:00Z (the morning of Europe and Africa, evening of
   * Asia): each is one query for the users due in {@code [now - window, now]}.
   */
  private static void measure(String name, String label, UserStore store, int ticks, long window) throws Exception {
    long[] nanos = new long[ticks];
    long rows = 0;
    for (int i = 0; i < ticks; i++) {
      long now = START.toEpochMilli() + TimeUnit.HOURS.toMillis(5) + i * TICK_MS;
      long t0 = System.nanoTime();
      List<User> due = await(store.usersDueBetween(now - window, now, 10_000));
      nanos[i] = System.nanoTime() - t0;
      rows += due.size();
    }
    Arrays.sort(nanos);
    System.out.printf(Locale.ROOT, "%-8s  %6s  %9.2f  %6.2f  %6.2f  %.1f%n", name, label, nanos[ticks / 2] / 1e6,
        nanos[(int) Math.min(ticks - 1, Math.ceil(ticks * 0.99) - 1)] / 1e6, nanos[ticks - 1] / 1e6,
        rows / (double) ticks);
  }

  /** Users with a selfie, random zone (of 40), send time (quarter hours) and workout days; next sends computed. */
  private static void insert(DatabaseConfig database, int users) throws Exception {
    boolean postgres = database.isPostgres();
    String url = postgres ? "jdbc:postgresql://" + database.host() + ":" + database.port() + "/" + database.name()
        : "jdbc:sqlite:" + database.sqlitePath();
    SendSchedule schedule = new SendSchedule(ZoneOffset.UTC, LocalTime.of(7, 0));
    Random random = new Random(42);
    try (Connection connection = DriverManager.getConnection(url, database.username(), database.password())) {
      connection.setAutoCommit(false);
      String sql = "INSERT INTO users (id, email, selfie_filename, selfie_embedding_filename, workout_days,"
          + " anti_motivation_mode, mode, email_opt_out, time_zone, send_time, next_send_at_millis, next_send_date,"
          + " created_at, updated_at) VALUES (?, ?, 's.jpg', 's.npy', " + (postgres ? "CAST(? AS json)" : "?")
          + ", false, 'toned', false, ?, ?, ?, ?, CURRENT_TIMESTAMP, CURRENT_TIMESTAMP)";
      try (PreparedStatement insert = connection.prepareStatement(sql)) {
        for (int i = 0; i < users; i++) {
          JsonObject days = new JsonObject();
          for (String day : User.DAYS) {
            days.put(day, random.nextInt(7) < 4);
          }
          String zone = ZONES.get(random.nextInt(ZONES.size()));
          String time = String.format(Locale.ROOT, "%02d:%02d", 5 + random.nextInt(5), 15 * random.nextInt(4));
          String id = UUID.randomUUID().toString();
          User user = User.builder().id(id).selfieFilename("s.jpg").selfieEmbeddingFilename("s.npy").timeZone(zone)
              .sendTime(time).workoutDays(days).build();
          Optional<NextSend> next = schedule.next(user, START, null);
          insert.setString(1, id);
          insert.setString(2, "bench-" + i + "@motiv8.test");
          insert.setString(3, days.encode());
          insert.setString(4, zone);
          insert.setString(5, time);
          if (next.isPresent()) {
            insert.setLong(6, next.get().at().toEpochMilli());
            insert.setString(7, next.get().date().toString());
          } else {
            insert.setNull(6, java.sql.Types.BIGINT);
            insert.setNull(7, java.sql.Types.VARCHAR);
          }
          insert.addBatch();
          if (i % 5_000 == 4_999) {
            insert.executeBatch();
          }
        }
        insert.executeBatch();
      }
      connection.commit();
      try (var statement = connection.createStatement()) {
        statement.execute(postgres ? "ANALYZE users" : "ANALYZE");
      }
    }
  }

  private static <T> T await(Future<T> future) throws Exception {
    return future.toCompletionStage().toCompletableFuture().get(10, TimeUnit.MINUTES);
  }
}
