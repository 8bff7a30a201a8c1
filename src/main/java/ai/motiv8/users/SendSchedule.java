package ai.motiv8.users;

import ai.motiv8.config.AppConfig.BatchConfig;

import java.time.DateTimeException;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.zone.ZoneOffsetTransition;
import java.util.Optional;

/**
 * When a person gets their daily image: at their send time ({@code users.send_time}, else the
 * batch's {@code batch.schedule.time}) on each of their workout days, in their time zone
 * ({@code users.time_zone}, else {@code batch.schedule.zone}).
 *
 * <p>Daylight saving: a local time that a day skips (spring forward, e.g. 02:30 in Europe/Paris on
 * the last Sunday of March) is sent at the first instant after the gap (03:00 local); a local time
 * that a day has twice (autumn) is sent at its first occurrence. Either way each local day has
 * exactly one send instant, and deliveries are keyed on the local date, so nobody gets two.
 *
 * @param defaultZone {@code batch.schedule.zone}
 * @param defaultTime {@code batch.schedule.time}
 */
public record SendSchedule(ZoneId defaultZone, LocalTime defaultTime) {

  private static final DateTimeFormatter HH_MM = DateTimeFormatter.ofPattern("HH:mm");

  /** The defaults of {@code batch.schedule.*}. */
  public static SendSchedule of(BatchConfig batch) {
    return new SendSchedule(batch.zone(), batch.time());
  }

  /** The next send: the local day it is for and its instant. */
  public record NextSend(LocalDate date, Instant at) {
  }

  public ZoneId zoneOf(User user) {
    if (user.timeZone() != null) {
      try {
        return ZoneId.of(user.timeZone());
      } catch (DateTimeException unreadable) {
        return defaultZone;
      }
    }
    return defaultZone;
  }

  public LocalTime sendTimeOf(User user) {
    if (user.sendTime() != null) {
      try {
        return LocalTime.parse(user.sendTime(), HH_MM);
      } catch (DateTimeParseException unreadable) {
        return defaultTime;
      }
    }
    return defaultTime;
  }

  /** {@code HH:mm} of the person's send time, as {@code /auth/me} shows it. */
  public String sendTimeText(User user) {
    return HH_MM.format(sendTimeOf(user));
  }

  /** The person's own date at {@code now}: the day of {@code /api/daily-motivation} and of on-demand images. */
  public LocalDate localDate(User user, Instant now) {
    return now.atZone(zoneOf(user)).toLocalDate();
  }

  /** The instant of the person's send time on their local {@code date} (see the class comment for DST). */
  public Instant sendInstant(User user, LocalDate date) {
    return instantOf(LocalDateTime.of(date, sendTimeOf(user)), zoneOf(user));
  }

  /**
   * The person's next send at or after {@code from}, on a local date not before {@code notBefore}
   * (null: any); empty when they get none (no selfie, unsubscribed, being deleted, no workout day).
   * A selfie without an embedding (a row of the original) is served: the batch finds the face first.
   */
  public Optional<NextSend> next(User user, Instant from, LocalDate notBefore) {
    if (user.selfieFilename() == null || user.emailOptOut() || user.isBeingDeleted() || !anyWorkoutDay(user)) {
      return Optional.empty();
    }
    LocalDate date = localDate(user, from);
    if (notBefore != null && notBefore.isAfter(date)) {
      date = notBefore;
    }
    // Today's send may be past already: eight days always hold the next workout day's.
    for (int i = 0; i < 8; i++, date = date.plusDays(1)) {
      if (isWorkoutDay(user, date.getDayOfWeek())) {
        Instant at = sendInstant(user, date);
        if (!at.isBefore(from)) {
          return Optional.of(new NextSend(date, at));
        }
      }
    }
    return Optional.empty();
  }

  public static boolean isWorkoutDay(User user, DayOfWeek day) {
    return user.worksOutOn(day);
  }

  private static boolean anyWorkoutDay(User user) {
    for (DayOfWeek day : DayOfWeek.values()) {
      if (isWorkoutDay(user, day)) {
        return true;
      }
    }
    return false;
  }

  /** Validates an IANA zone id ({@code Europe/Paris}); fixed offsets and abbreviations are refused. */
  public static Optional<ZoneId> parseZone(String text) {
    if (text == null || !text.contains("/") && !"UTC".equals(text)) {
      return Optional.empty();
    }
    try {
      return Optional.of(ZoneId.of(text));
    } catch (DateTimeException invalid) {
      return Optional.empty();
    }
  }

  /** Validates {@code HH:mm} (00:00 to 23:59). */
  public static Optional<LocalTime> parseTime(String text) {
    if (text == null || !text.matches("([01]\\d|2[0-3]):[0-5]\\d")) {
      return Optional.empty();
    }
    try {
      return Optional.of(LocalTime.parse(text, HH_MM));
    } catch (DateTimeParseException invalid) {
      return Optional.empty();
    }
  }

  /** A skipped local time maps to the end of the gap; a repeated one to its first occurrence. */
  static Instant instantOf(LocalDateTime local, ZoneId zone) {
    ZoneOffsetTransition transition = zone.getRules().getTransition(local);
    if (transition != null && transition.isGap()) {
      return transition.getInstant();
    }
    return local.atZone(zone).toInstant();
  }
}
