package ai.motiv8.users;

import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.util.HashSet;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

class WorkoutDaysTest {

  @Test
  @DisplayName("Every week of ticked days has one shared object holding all seven days")
  void sharedWeeks() {
    Set<JsonObject> weeks = new HashSet<>();
    for (int mask = 0; mask < 128; mask++) {
      JsonObject ticked = new JsonObject();
      for (int day = 0; day < 7; day++) {
        if ((mask & (1 << day)) != 0) {
          ticked.put(User.DAYS.get(day), true);
        }
      }
      JsonObject week = WorkoutDays.shared(ticked);
      assertThat(week).isEqualTo(User.normalizeDays(ticked));
      assertThat(week.fieldNames()).containsExactlyInAnyOrderElementsOf(User.DAYS);
      assertThat(WorkoutDays.shared(ticked.copy())).isSameAs(week);
      weeks.add(week);
    }
    assertThat(weeks).hasSize(128);
    assertThat(WorkoutDays.shared(null)).isEqualTo(User.normalizeDays(null));
    assertThat(WorkoutDays.shared(new JsonObject().put("monday", "yes").put("friday", true)))
        .isEqualTo(User.normalizeDays(new JsonObject().put("friday", true)));
  }

  @Test
  @DisplayName("Encoding a shared week gives the JSON text that reads back as the same week")
  void encodeAndRead() {
    JsonObject week = WorkoutDays.shared(new JsonObject().put("tuesday", true).put("sunday", true));
    String text = WorkoutDays.encode(week);
    assertThat(new JsonObject(text)).isEqualTo(week);
    assertThat(WorkoutDays.fromStored(text)).isSameAs(week);

    JsonObject other = new JsonObject().put("tuesday", true).put("note", "not a week");
    assertThat(new JsonObject(WorkoutDays.encode(other))).isEqualTo(other);
  }

  @Test
  @DisplayName("Stored text of the Python service (with spaces, missing days) and broken text are read safely")
  void storedText() {
    assertThat(WorkoutDays.fromStored("{\"monday\": true, \"wednesday\": true}"))
        .isSameAs(WorkoutDays.shared(new JsonObject().put("monday", true).put("wednesday", true)));
    assertThat(WorkoutDays.fromStored("{}")).isSameAs(WorkoutDays.shared(null));
    assertThat(WorkoutDays.fromStored("null")).isNull();
    assertThat(WorkoutDays.fromStored("")).isNull();
    assertThat(WorkoutDays.fromStored("{broken")).isNull();
  }

  @Test
  @DisplayName("A user's days cannot be changed through what the user hands out")
  void usersHandOutCopies() {
    User user = User.builder().id("u1").email("a@example.com")
        .workoutDays(new JsonObject().put("monday", true)).build();
    user.workoutDays().put("monday", false).put("friday", true);
    user.toJson().getJsonObject("workout_days").put("monday", false);
    assertThat(user.workoutDays()).isEqualTo(User.normalizeDays(new JsonObject().put("monday", true)));
    assertThat(WorkoutDays.shared(new JsonObject().put("monday", true)).getBoolean("friday")).isFalse();
  }
}
