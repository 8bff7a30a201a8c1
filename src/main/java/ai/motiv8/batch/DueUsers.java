package ai.motiv8.batch;

import ai.motiv8.users.User;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.util.List;
import java.util.Locale;

/**
 * Who the daily batch serves on a logical day: users with a selfie (with or without an embedding:
 * the batch finds the face first) whose {@code workout_days} has that day's weekday set; with
 * {@code batch.emailFilter}, the users of the filter whatever their days.
 *
 * <p>Every user's logical day is the batch's date for now. Per-user time zones would change only
 * {@link #logicalDay}: the user's own date at the moment the batch runs (and a scheduler that runs
 * once per zone); claims, records and mails already key on the date this returns.
 */
final class DueUsers {

  private DueUsers() {
  }

  /** The day whose image the user gets from the batch of {@code batchDate}. */
  static LocalDate logicalDay(User user, LocalDate batchDate) {
    return batchDate;
  }

  /** @param emailFilter lower-case e-mails; empty: no filter */
  static boolean isSelected(User user, LocalDate batchDate, List<String> emailFilter) {
    if (emailFilter.isEmpty()) {
      return isDue(user, batchDate);
    }
    return user.selfieFilename() != null && user.email() != null
        && emailFilter.contains(user.email().trim().toLowerCase(Locale.ROOT));
  }

  static boolean isDue(User user, LocalDate batchDate) {
    if (user.selfieFilename() == null) {
      return false;
    }
    return user.workoutDays().getBoolean(dayKey(logicalDay(user, batchDate).getDayOfWeek()), false);
  }

  /** {@code monday} ... {@code sunday}, the keys of {@code workout_days}. */
  static String dayKey(DayOfWeek day) {
    return User.DAYS.get(day.getValue() - 1);
  }
}
