package ai.motiv8.persistence;

import ai.motiv8.users.SendSchedule;
import ai.motiv8.users.SendSchedule.NextSend;
import ai.motiv8.users.User;
import io.vertx.core.Future;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.templates.SqlTemplate;

import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

import static ai.motiv8.persistence.SqlStore.params;
import static ai.motiv8.persistence.SqlStore.update;

/**
 * Keeps {@code users.next_send_at_millis} / {@code next_send_date} right ({@link SendSchedule}):
 * recomputed from now whenever what it depends on changes, moved to the next workout day after a
 * delivery, and read by the scheduler one window at a time.
 */
final class UserSchedules {

  private final SendSchedule schedule;
  private final Clock clock;

  UserSchedules(SendSchedule schedule, Clock clock) {
    this.schedule = schedule;
    this.clock = clock;
  }

  /** Recomputes the user's next send from now, on {@code client} (the caller's transaction); the user after. */
  Future<User> refresh(SqlClient client, String userId) {
    return find(client, userId).compose(user -> {
      if (user == null) {
        return Future.succeededFuture(null);
      }
      Optional<NextSend> next = schedule.next(user, clock.instant(), null);
      return write(client, userId, next).compose(changed -> find(client, userId));
    });
  }

  /** Writes {@code user}'s next send from now, on the caller's transaction; the user with it. */
  Future<User> reschedule(SqlClient client, User user) {
    Optional<NextSend> next = schedule.next(user, clock.instant(), null);
    return write(client, user.id(), next).map(written -> withNext(user, next));
  }

  /** The same on SQLite's writer, in a unit of its group commit. */
  User reschedule(SqliteWriter.Session session, User user) throws SQLException {
    Optional<NextSend> next = schedule.next(user, clock.instant(), null);
    session.update(ScheduleSql.SET_NEXT, nextParams(user.id(), next));
    return withNext(user, next);
  }

  /** The users whose next send lies in {@code [fromMillis, toMillis]}, earliest first. */
  Future<List<User>> due(SqlClient client, long fromMillis, long toMillis, int limit) {
    return SqlTemplate.forQuery(client, ScheduleSql.DUE)
        .mapTo(UserRows::user)
        .execute(params("from", fromMillis, "to", toMillis, "limit", limit))
        .map(UserSchedules::listOf);
  }

  /** After the delivery of {@code servedDate}: the first workout day after it, unless a change of preferences came first. */
  Future<Boolean> advance(SqlClient client, String userId, String servedDate, long nowMillis) {
    return find(client, userId).compose(user -> {
      if (user == null || !servedDate.equals(user.nextSendDate())) {
        return Future.succeededFuture(false);
      }
      Optional<NextSend> next = schedule.next(user, Instant.ofEpochMilli(nowMillis),
          LocalDate.parse(servedDate).plusDays(1));
      return update(client, ScheduleSql.SET_NEXT_IF_DATE, params("id", userId, "servedDate", servedDate,
          "at", next.map(n -> n.at().toEpochMilli()).orElse(null),
          "date", next.map(n -> n.date().toString()).orElse(null))).map(n -> n > 0);
    });
  }

  Future<Boolean> postpone(SqlClient client, String userId, String date, long untilMillis) {
    return update(client, ScheduleSql.POSTPONE, params("id", userId, "date", date, "at", untilMillis))
        .map(n -> n > 0);
  }

  /**
   * The start-up sweep ({@link ScheduleSql#TO_RESCHEDULE}): recomputes those users from now and
   * writes the ones that changed; how many did.
   */
  Future<Integer> reschedule(SqlClient client, long nowMillis, long staleBeforeMillis) {
    Instant now = Instant.ofEpochMilli(nowMillis);
    return SqlTemplate.forQuery(client, ScheduleSql.TO_RESCHEDULE)
        .mapTo(UserRows::user)
        .execute(params("now", nowMillis, "staleBefore", staleBeforeMillis))
        .compose(rows -> {
          Future<Integer> chain = Future.succeededFuture(0);
          for (User user : rows) {
            Optional<NextSend> next = schedule.next(user, now, null);
            Long at = next.map(n -> n.at().toEpochMilli()).orElse(null);
            String date = next.map(n -> n.date().toString()).orElse(null);
            if (Objects.equals(at, user.nextSendAtMillis()) && Objects.equals(date, user.nextSendDate())) {
              continue;
            }
            chain = chain.compose(count -> write(client, user.id(), next).map(changed -> count + changed));
          }
          return chain;
        });
  }

  private static Future<Integer> write(SqlClient client, String userId, Optional<NextSend> next) {
    return update(client, ScheduleSql.SET_NEXT, nextParams(userId, next));
  }

  private static Map<String, Object> nextParams(String userId, Optional<NextSend> next) {
    return params("id", userId,
        "at", next.map(n -> n.at().toEpochMilli()).orElse(null),
        "date", next.map(n -> n.date().toString()).orElse(null));
  }

  private static User withNext(User user, Optional<NextSend> next) {
    return user.withNextSend(next.map(n -> n.at().toEpochMilli()).orElse(null),
        next.map(n -> n.date().toString()).orElse(null));
  }

  private static Future<User> find(SqlClient client, String userId) {
    return SqlTemplate.forQuery(client, UserSql.FIND_BY_ID)
        .mapTo(UserRows::user)
        .execute(params("id", userId))
        .map(rows -> rows.iterator().hasNext() ? rows.iterator().next() : null);
  }

  private static <T> List<T> listOf(Iterable<T> rows) {
    List<T> all = new ArrayList<>();
    rows.forEach(all::add);
    return all;
  }
}
