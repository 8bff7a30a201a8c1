package ai.motiv8.users;

import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;

import static org.assertj.core.api.Assertions.assertThat;

class SendScheduleTest {

  private static final SendSchedule DEFAULTS = new SendSchedule(ZoneId.of("UTC"), LocalTime.of(7, 0));

  private static User user(String zone, String time, String... days) {
    JsonObject workoutDays = new JsonObject();
    for (String day : days) {
      workoutDays.put(day, true);
    }
    return User.builder().id("u").email("u@motiv8.test").selfieFilename("s.jpg").selfieEmbeddingFilename("s.npy")
        .timeZone(zone).sendTime(time).workoutDays(workoutDays).build();
  }

  private static final String[] EVERY_DAY = User.DAYS.toArray(String[]::new);

  @Test
  @DisplayName("07:00 in Europe/Paris is 07:00 local on both sides of the spring and autumn switches")
  void wallClockTimeAcrossSwitches() {
    User paris = user("Europe/Paris", "07:00", EVERY_DAY);
    assertThat(DEFAULTS.sendInstant(paris, LocalDate.of(2025, 3, 29))).isEqualTo(Instant.parse("2025-03-29T06:00:00Z"));
    assertThat(DEFAULTS.sendInstant(paris, LocalDate.of(2025, 3, 30))).isEqualTo(Instant.parse("2025-03-30T05:00:00Z"));
    assertThat(DEFAULTS.sendInstant(paris, LocalDate.of(2025, 10, 25))).isEqualTo(Instant.parse("2025-10-25T05:00:00Z"));
    assertThat(DEFAULTS.sendInstant(paris, LocalDate.of(2025, 10, 26))).isEqualTo(Instant.parse("2025-10-26T06:00:00Z"));
  }

  @Test
  @DisplayName("A skipped local time sends at the end of the gap; a repeated one at its first occurrence; once each")
  void gapAndOverlap() {
    User gap = user("Europe/Paris", "02:30", EVERY_DAY);
    assertThat(DEFAULTS.sendInstant(gap, LocalDate.of(2025, 3, 30))).isEqualTo(Instant.parse("2025-03-30T01:00:00Z"));
    User overlap = user("America/Los_Angeles", "01:30", EVERY_DAY);
    // 01:30 happens at 08:30Z (PDT) and again at 09:30Z (PST): the first one.
    assertThat(DEFAULTS.sendInstant(overlap, LocalDate.of(2025, 11, 2))).isEqualTo(Instant.parse("2025-11-02T08:30:00Z"));
    // From just after that first occurrence, the next send is the next day's, not the repeated 01:30.
    assertThat(DEFAULTS.next(overlap, Instant.parse("2025-11-02T08:30:01Z"), null).orElseThrow().date())
        .isEqualTo(LocalDate.of(2025, 11, 3));
    assertThat(DEFAULTS.next(gap, Instant.parse("2025-03-30T00:59:00Z"), null).orElseThrow())
        .isEqualTo(new SendSchedule.NextSend(LocalDate.of(2025, 3, 30), Instant.parse("2025-03-30T01:00:00Z")));
  }

  @Test
  @DisplayName("The next send is the next local workout day's, from the person's own date (Kiritimati is UTC+14)")
  void nextWorkoutDayInOwnZone() {
    // Friday 2025-03-28 12:00Z is already Saturday 02:00 in Kiritimati.
    User kiritimati = user("Pacific/Kiritimati", "07:00", "saturday", "monday");
    assertThat(DEFAULTS.localDate(kiritimati, Instant.parse("2025-03-28T12:00:00Z"))).isEqualTo(LocalDate.of(2025, 3, 29));
    assertThat(DEFAULTS.next(kiritimati, Instant.parse("2025-03-28T12:00:00Z"), null).orElseThrow())
        .isEqualTo(new SendSchedule.NextSend(LocalDate.of(2025, 3, 29), Instant.parse("2025-03-28T17:00:00Z")));
    assertThat(DEFAULTS.next(kiritimati, Instant.parse("2025-03-28T12:00:00Z"), LocalDate.of(2025, 3, 30))
        .orElseThrow().date()).isEqualTo(LocalDate.of(2025, 3, 31));
    User defaults = user(null, null, "friday");
    assertThat(DEFAULTS.next(defaults, Instant.parse("2025-03-28T07:00:00Z"), null).orElseThrow().at())
        .isEqualTo(Instant.parse("2025-03-28T07:00:00Z"));
    assertThat(DEFAULTS.sendTimeText(defaults)).isEqualTo("07:00");
  }

  @Test
  @DisplayName("Nobody is scheduled without a selfie, a workout day, a subscription; bad zones and times are refused")
  void noSendAndValidation() {
    User noDays = user("UTC", "07:00");
    assertThat(DEFAULTS.next(noDays, Instant.EPOCH, null)).isEmpty();
    User unsubscribed = User.builder().id("u").selfieFilename("s").selfieEmbeddingFilename("e").emailOptOut(true)
        .workoutDays(new JsonObject().put("monday", true)).build();
    assertThat(DEFAULTS.next(unsubscribed, Instant.EPOCH, null)).isEmpty();
    assertThat(SendSchedule.parseZone("Asia/Kolkata")).contains(ZoneId.of("Asia/Kolkata"));
    assertThat(SendSchedule.parseZone("Mars/Olympus")).isEmpty();
    assertThat(SendSchedule.parseZone("+02:00")).isEmpty();
    assertThat(SendSchedule.parseTime("07:00")).contains(LocalTime.of(7, 0));
    assertThat(SendSchedule.parseTime("24:00")).isEmpty();
    assertThat(SendSchedule.parseTime("7:00")).isEmpty();
  }
}
