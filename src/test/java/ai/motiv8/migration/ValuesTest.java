package ai.motiv8.migration;

import ai.motiv8.migration.Values.JsonText;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.math.BigDecimal;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

@Timeout(10)
@DisplayName("Column values in canonical form")
class ValuesTest {

  private static final Instant ADA_CREATED = Instant.parse("2025-12-21T20:22:08.123456Z");

  @Test
  @DisplayName("a timestamp written by Python, by PostgreSQL, as ISO-8601 or as a java.time value is the same instant")
  void timestampsFromEverySource() {
    assertThat(Values.canonical("2025-12-21 20:22:08.123456", ValueKind.TIMESTAMP)).isEqualTo(ADA_CREATED);
    assertThat(Values.canonical("2025-12-21 20:22:08.123456+00", ValueKind.TIMESTAMP)).isEqualTo(ADA_CREATED);
    assertThat(Values.canonical("2025-12-21 21:22:08.123456+01:00", ValueKind.TIMESTAMP)).isEqualTo(ADA_CREATED);
    assertThat(Values.canonical("2025-12-21T20:22:08.123456Z", ValueKind.TIMESTAMP)).isEqualTo(ADA_CREATED);
    assertThat(Values.canonical(OffsetDateTime.of(2025, 12, 21, 22, 22, 8, 123_456_000, ZoneOffset.ofHours(2)),
        ValueKind.TIMESTAMP)).isEqualTo(ADA_CREATED);
    assertThat(Values.canonical(LocalDateTime.of(2025, 12, 21, 20, 22, 8, 123_456_000), ValueKind.TIMESTAMP))
        .isEqualTo(ADA_CREATED);
    assertThat(Values.canonical(Timestamp.from(ADA_CREATED), ValueKind.TIMESTAMP)).isEqualTo(ADA_CREATED);
  }

  @Test
  @DisplayName("SQLite's CURRENT_TIMESTAMP text, epoch milliseconds and epoch seconds are read as UTC")
  void sqliteTimestamps() {
    Instant second = Instant.parse("2026-01-02T08:00:00Z");
    assertThat(Values.canonical("2026-01-02 08:00:00", ValueKind.TIMESTAMP)).isEqualTo(second);
    assertThat(Values.canonical(second.toEpochMilli(), ValueKind.TIMESTAMP)).isEqualTo(second);
    assertThat(Values.canonical(second.getEpochSecond(), ValueKind.TIMESTAMP)).isEqualTo(second);
    assertThat(Values.canonical("2026-01-02", ValueKind.TIMESTAMP)).isEqualTo(Instant.parse("2026-01-02T00:00:00Z"));
  }

  @Test
  @DisplayName("timestamps keep microseconds, as PostgreSQL does, and are written to SQLite as both services write them")
  void timestampPrecision() {
    assertThat(Values.canonical("2025-12-21 20:22:08.123456789", ValueKind.TIMESTAMP)).isEqualTo(ADA_CREATED);
    assertThat(Values.sqliteTimestamp(ADA_CREATED)).isEqualTo("2025-12-21 20:22:08.123456");
    assertThat(Values.sqliteTimestamp(Instant.parse("2026-01-02T08:00:00Z"))).isEqualTo("2026-01-02 08:00:00");
  }

  @Test
  @DisplayName("JSON is equal by value, whatever its spacing and key order, and keeps its text")
  void json() {
    Object python = Values.canonical("{\"monday\": true, \"friday\": false}", ValueKind.JSON);
    Object compact = Values.canonical("{\"friday\":false,\"monday\":true}", ValueKind.JSON);
    assertThat(python).isEqualTo(compact).hasSameHashCodeAs(compact);
    assertThat(((JsonText) python).text()).isEqualTo("{\"monday\": true, \"friday\": false}");
    assertThat(python).isNotEqualTo(Values.canonical("{\"monday\": false, \"friday\": false}", ValueKind.JSON));
    assertThat(Values.canonical("not json", ValueKind.JSON)).isEqualTo(Values.canonical("not json", ValueKind.JSON));
  }

  @Test
  @DisplayName("booleans, dates, integers and decimals are read from whatever SQLite stored")
  void looselyStoredValues() {
    assertThat(Values.canonical(1, ValueKind.BOOLEAN)).isEqualTo(true);
    assertThat(Values.canonical("0", ValueKind.BOOLEAN)).isEqualTo(false);
    assertThat(Values.canonical("true", ValueKind.BOOLEAN)).isEqualTo(true);
    assertThat(Values.canonical("2025-12-21", ValueKind.DATE)).isEqualTo(LocalDate.of(2025, 12, 21));
    assertThat(Values.canonical("2025-12-21 00:00:00", ValueKind.DATE)).isEqualTo(LocalDate.of(2025, 12, 21));
    assertThat(Values.canonical(1766300000000L, ValueKind.DATE)).isEqualTo(LocalDate.of(2025, 12, 21));
    assertThat(Values.canonical(7, ValueKind.INTEGER)).isEqualTo(7L);
    assertThat(Values.canonical("1766300000000", ValueKind.INTEGER)).isEqualTo(1766300000000L);
    assertThat(Values.canonical(new BigDecimal("2.50"), ValueKind.DECIMAL)).isEqualTo(Values.canonical("2.5", ValueKind.DECIMAL));
  }

  @Test
  @DisplayName("a value that cannot be read as its kind is refused with the value in the message")
  void unreadable() {
    assertThatThrownBy(() -> Values.canonical("maybe", ValueKind.BOOLEAN))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("'maybe'");
    assertThatThrownBy(() -> Values.canonical("yesterday", ValueKind.TIMESTAMP))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("'yesterday'").hasMessageContaining("timestamp");
    assertThatThrownBy(() -> Values.canonical(1.5, ValueKind.INTEGER)).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  @DisplayName("type names of both databases map to the same kinds")
  void kinds() {
    assertThat(ValueKind.ofTypeName("DATETIME")).isEqualTo(ValueKind.TIMESTAMP);
    assertThat(ValueKind.ofTypeName("timestamptz")).isEqualTo(ValueKind.TIMESTAMP);
    assertThat(ValueKind.ofTypeName("JSON")).isEqualTo(ValueKind.JSON);
    assertThat(ValueKind.ofTypeName("jsonb")).isEqualTo(ValueKind.JSON);
    assertThat(ValueKind.ofTypeName("DATE")).isEqualTo(ValueKind.DATE);
    assertThat(ValueKind.ofTypeName("BIGINT")).isEqualTo(ValueKind.INTEGER);
    assertThat(ValueKind.ofTypeName("int8")).isEqualTo(ValueKind.INTEGER);
    assertThat(ValueKind.ofTypeName("BOOLEAN")).isEqualTo(ValueKind.BOOLEAN);
    assertThat(ValueKind.ofTypeName("bool")).isEqualTo(ValueKind.BOOLEAN);
    assertThat(ValueKind.ofTypeName("VARCHAR")).isEqualTo(ValueKind.TEXT);
    assertThat(ValueKind.ofTypeName("bytea")).isEqualTo(ValueKind.BYTES);
    assertThat(ValueKind.combine(ValueKind.TEXT, ValueKind.JSON)).isEqualTo(ValueKind.JSON);
    assertThat(ValueKind.combine(ValueKind.TIMESTAMP, ValueKind.TEXT)).isEqualTo(ValueKind.TIMESTAMP);
  }
}
