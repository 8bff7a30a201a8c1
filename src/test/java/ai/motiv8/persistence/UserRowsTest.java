package ai.motiv8.persistence;

import ai.motiv8.users.User;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.time.LocalDateTime;
import java.time.OffsetDateTime;

import static org.assertj.core.api.Assertions.assertThat;

@DisplayName("Stored values read back")
class UserRowsTest {

  @Test
  @DisplayName("Time stamps of SQLite, the Python service and PostgreSQL become ISO-8601 in UTC with offset")
  void timestamps() {
    assertThat(UserRows.isoTimestamp("2025-12-21 20:22:08")).isEqualTo("2025-12-21T20:22:08+00:00");
    assertThat(UserRows.isoTimestamp("2025-12-21 20:22:08.123456")).isEqualTo("2025-12-21T20:22:08+00:00");
    assertThat(UserRows.isoTimestamp("2025-12-21 20:22:08.999999")).isEqualTo("2025-12-21T20:22:08+00:00");
    assertThat(UserRows.isoTimestamp("2025-12-21 20:22:08.123456+00")).isEqualTo("2025-12-21T20:22:08+00:00");
    assertThat(UserRows.isoTimestamp("2025-12-21 21:22:08+01")).isEqualTo("2025-12-21T20:22:08+00:00");
    assertThat(UserRows.isoTimestamp("2025-12-22 01:52:08.5+05:30")).isEqualTo("2025-12-21T20:22:08+00:00");
    assertThat(UserRows.isoTimestamp("2025-12-21T20:22:08Z")).isEqualTo("2025-12-21T20:22:08+00:00");
    assertThat(UserRows.isoTimestamp("2025-12-21T20:22:08+00:00")).isEqualTo("2025-12-21T20:22:08+00:00");
    assertThat(UserRows.isoTimestamp(LocalDateTime.parse("2025-12-21T20:22:08"))).isEqualTo("2025-12-21T20:22:08+00:00");
    assertThat(UserRows.isoTimestamp(OffsetDateTime.parse("2025-12-21T22:22:08+02:00"))).isEqualTo("2025-12-21T20:22:08+00:00");
    assertThat(UserRows.isoTimestamp(null)).isNull();
    assertThat(UserRows.isoTimestamp("yesterday")).isEqualTo("yesterday");
    assertThat(UserRows.isoTimestamp("2025-12-21 24:22:08.5")).isEqualTo("2025-12-21 24:22:08.5");
  }

  @Test
  @DisplayName("Workout days are read from JSON objects or text, and anything else counts as none")
  void workoutDays() {
    assertThat(UserRows.workoutDays(new JsonObject().put("monday", true))).isEqualTo(new JsonObject().put("monday", true));
    assertThat(UserRows.workoutDays("{\"monday\": true, \"tuesday\": false}"))
        .isEqualTo(User.normalizeDays(new JsonObject().put("monday", true)));
    assertThat(UserRows.workoutDays(null)).isNull();
    assertThat(UserRows.workoutDays("null")).isNull();
    assertThat(UserRows.workoutDays("")).isNull();
    assertThat(UserRows.workoutDays("{broken")).isNull();
  }
}
