package ai.motiv8.persistence;

import ai.motiv8.users.GeneratedImage;
import ai.motiv8.users.User;
import ai.motiv8.users.WorkoutDays;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Row;

import java.time.DateTimeException;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.time.temporal.TemporalAccessor;
import java.util.function.Function;

/** Rows of {@link UserSql}'s queries as data objects, whichever database produced them. */
final class UserRows {

  /**
   * Timestamp text as the databases write it: SQLite {@code 2025-12-21 20:22:08} (CURRENT_TIMESTAMP)
   * or {@code 2025-12-21 20:22:08.123456} (Python, naive UTC); PostgreSQL
   * {@code 2025-12-21 20:22:08.123456+00}. A {@code T} separator and {@code +00:00}/{@code Z} are
   * accepted too.
   */
  private static final DateTimeFormatter STORED_TIMESTAMP = new DateTimeFormatterBuilder()
      .append(DateTimeFormatter.ISO_LOCAL_DATE)
      .optionalStart().appendLiteral(' ').optionalEnd()
      .optionalStart().appendLiteral('T').optionalEnd()
      .append(DateTimeFormatter.ISO_LOCAL_TIME)
      .optionalStart().appendOffset("+HH:mm", "Z").optionalEnd()
      .optionalStart().appendOffset("+HHmm", "Z").optionalEnd()
      .toFormatter();

  /** What the API shows: {@code 2025-12-21T20:22:08+00:00}. */
  private static final DateTimeFormatter API_TIMESTAMP = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ssxxx");

  private UserRows() {
  }

  static User user(Row row) {
    return user(row::getValue);
  }

  /** @param column a row's value by column name (a Vert.x row's, or a JDBC row's on SQLite's writer) */
  static User user(Function<String, Object> column) {
    return User.builder()
        .id(text(column.apply("id")))
        .email(text(column.apply("email")))
        .name(text(column.apply("name")))
        .googleId(text(column.apply("google_id")))
        .appleId(text(column.apply("apple_id")))
        .selfieFilename(text(column.apply("selfie_filename")))
        .selfieEmbeddingFilename(text(column.apply("selfie_embedding_filename")))
        .embeddingModel(text(column.apply("embedding_model")))
        .gender(text(column.apply("gender")))
        .antiMotivationMode(flag(column.apply("anti_motivation_mode")))
        .mode(text(column.apply("mode")))
        .emailOptOut(flag(column.apply("email_opt_out")))
        .timeZone(text(column.apply("time_zone")))
        .sendTime(text(column.apply("send_time")))
        .deletionRequestedAtMillis(millis(column.apply("deletion_requested_at_millis")))
        .nextSendAtMillis(millis(column.apply("next_send_at_millis")))
        .nextSendDate(text(column.apply("next_send_date")))
        .workoutDays(workoutDays(column.apply("workout_days")))
        .createdAt(isoTimestamp(column.apply("created_at")))
        .updatedAt(isoTimestamp(column.apply("updated_at")))
        .build();
  }

  private static String text(Object value) {
    return value == null ? null : value.toString();
  }

  /** PostgreSQL's boolean arrives as a {@code Boolean}, SQLite's as 0/1 (or the text the Python service wrote). */
  static boolean flag(Object value) {
    if (value instanceof Boolean bool) {
      return bool;
    }
    if (value instanceof Number number) {
      return number.intValue() != 0;
    }
    return value != null && (value.toString().equalsIgnoreCase("true") || value.toString().equals("1"));
  }

  static Long millis(Object value) {
    if (value instanceof Number number) {
      return number.longValue();
    }
    return value == null ? null : Long.valueOf(value.toString());
  }

  static GeneratedImage generatedImage(Row row) {
    Object millis = row.getValue("generated_at_millis");
    return new GeneratedImage(
        row.getString("id"),
        row.getString("user_id"),
        row.getString("s3_key"),
        String.valueOf(row.getValue("generation_date")),
        millis instanceof Number number ? number.longValue() : Long.parseLong(String.valueOf(millis)),
        row.getString("mode"),
        row.getString("source"),
        score(row.getValue("identity_score")));
  }

  private static Double score(Object value) {
    if (value instanceof Number number) {
      return number.doubleValue();
    }
    return value == null ? null : Double.valueOf(value.toString());
  }

  /**
   * PostgreSQL's json column arrives as a {@code JsonObject}, SQLite's as text (the Python service's
   * has spaces, may be NULL or {@code null}). Anything unreadable counts as no workout days.
   */
  static JsonObject workoutDays(Object value) {
    if (value instanceof JsonObject days) {
      return days;
    }
    return value instanceof String text ? WorkoutDays.fromStored(text) : null;
  }

  /** ISO-8601 in UTC with offset, to the second; naive stored values are UTC. */
  static String isoTimestamp(Object value) {
    if (value == null) {
      return null;
    }
    OffsetDateTime instant;
    if (value instanceof OffsetDateTime odt) {
      instant = odt;
    } else if (value instanceof LocalDateTime naive) {
      instant = naive.atOffset(ZoneOffset.UTC);
    } else {
      try {
        instant = parseStored(value.toString().trim());
      } catch (DateTimeParseException unreadable) {
        return value.toString();
      }
    }
    return instant.withOffsetSameInstant(ZoneOffset.UTC).truncatedTo(ChronoUnit.SECONDS).format(API_TIMESTAMP);
  }

  private static OffsetDateTime parseStored(String text) {
    LocalDateTime naive = naiveToTheSecond(text);
    if (naive != null) {
      return naive.atOffset(ZoneOffset.UTC);
    }
    TemporalAccessor parsed = STORED_TIMESTAMP.parseBest(text, OffsetDateTime::from, LocalDateTime::from);
    return parsed instanceof OffsetDateTime odt ? odt : ((LocalDateTime) parsed).atOffset(ZoneOffset.UTC);
  }

  /**
   * The usual stored form, {@code 2025-12-21 20:22:08} with an optional fraction and no offset, read
   * without the general formatter (a fifth of the SQLite writer's time went to it); null for any other.
   */
  private static LocalDateTime naiveToTheSecond(String text) {
    int length = text.length();
    if (length < 19 || text.charAt(4) != '-' || text.charAt(7) != '-' || text.charAt(13) != ':'
        || text.charAt(16) != ':' || (text.charAt(10) != ' ' && text.charAt(10) != 'T')) {
      return null;
    }
    if (length > 19 && (length == 20 || text.charAt(19) != '.' || !digits(text, 20, length))) {
      return null;
    }
    if (!digits(text, 0, 4) || !digits(text, 5, 7) || !digits(text, 8, 10) || !digits(text, 11, 13)
        || !digits(text, 14, 16) || !digits(text, 17, 19)) {
      return null;
    }
    try {
      return LocalDateTime.of(number(text, 0, 4), number(text, 5, 7), number(text, 8, 10),
          number(text, 11, 13), number(text, 14, 16), number(text, 17, 19));
    } catch (DateTimeException impossible) {
      return null;
    }
  }

  private static boolean digits(String text, int from, int to) {
    for (int i = from; i < to; i++) {
      char c = text.charAt(i);
      if (c < '0' || c > '9') {
        return false;
      }
    }
    return true;
  }

  private static int number(String text, int from, int to) {
    int value = 0;
    for (int i = from; i < to; i++) {
      value = value * 10 + (text.charAt(i) - '0');
    }
    return value;
  }
}
