package ai.motiv8.batch;

import ai.motiv8.users.User;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.util.List;
import java.util.Locale;

/**
 * Who a batch of a date serves: users with a selfie (with or without an embedding: the batch finds
 * the face first) whose {@code workout_days} has that date's weekday set; with
 * {@code batch.emailFilter}, the users of the filter whatever their days. The date is each user's
 * local date; the scheduler finds its users by their next send instead, see
 * {@link ai.motiv8.users.SendSchedule}.
 */
final class DueUsers {

  private DueUsers() {
  }

  /** @param emailFilter lower-case e-mails; empty: no filter */
  static boolean isSelected(User user, LocalDate localDate, List<String> emailFilter) {
    if (emailFilter.isEmpty()) {
      return isDue(user, localDate);
    }
    return isInFilter(user, emailFilter);
  }

  /** Whether the user's e-mail is one of the filter's (and they have a selfie to draw from). */
  static boolean isInFilter(User user, List<String> emailFilter) {
    return user.selfieFilename() != null && user.email() != null
        && emailFilter.contains(user.email().trim().toLowerCase(Locale.ROOT));
  }

  static boolean isDue(User user, LocalDate localDate) {
    if (user.selfieFilename() == null) {
      return false;
    }
    return user.workoutDays().getBoolean(dayKey(localDate.getDayOfWeek()), false);
  }

  /** {@code monday} ... {@code sunday}, the keys of {@code workout_days}. */
  static String dayKey(DayOfWeek day) {
    return User.DAYS.get(day.getValue() - 1);
  }
}
