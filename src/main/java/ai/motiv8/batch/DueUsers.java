package ai.motiv8.batch;

import ai.motiv8.users.User;

import java.time.DayOfWeek;
import java.time.LocalDate;

/**
 * Who the operator's batch of a date serves: users with a selfie and an embedding whose
 * {@code workout_days} has that date's weekday set (the date is each user's local date; the
 * scheduler finds its users by their next send instead, see {@link ai.motiv8.users.SendSchedule}).
 */
final class DueUsers {

  private DueUsers() {
  }

  static boolean isDue(User user, LocalDate batchDate) {
    if (!user.hasSelfie()) {
      return false;
    }
    return user.workoutDays().getBoolean(dayKey(batchDate.getDayOfWeek()), false);
  }

  /** {@code monday} ... {@code sunday}, the keys of {@code workout_days}. */
  static String dayKey(DayOfWeek day) {
    return User.DAYS.get(day.getValue() - 1);
  }
}
