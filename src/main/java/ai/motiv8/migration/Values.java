package ai.motiv8.migration;

import io.vertx.core.json.DecodeException;
import io.vertx.core.json.Json;
import org.postgresql.util.PGobject;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoField;
import java.time.temporal.ChronoUnit;
import java.time.temporal.TemporalAccessor;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Objects;

/**
 * Column values in one canonical form per {@link ValueKind}, so that a row read from SQLite and the
 * same row read from PostgreSQL are {@code equals}: text is a {@code String}, integers a
 * {@code Long}, reals a {@code Double}, decimals a {@code BigDecimal} without trailing zeros,
 * booleans a {@code Boolean}, dates a {@code LocalDate}, timestamps an {@code Instant} to the
 * microsecond (what PostgreSQL keeps), JSON a {@link JsonText} (equal when the parsed values are)
 * and bytes {@link Bytes}.
 *
 * <p>SQLite values arrive as whatever was stored: the Python service wrote naive UTC timestamps
 * as text ({@code 2025-12-21 20:22:08.123456}), this service writes {@code CURRENT_TIMESTAMP}
 * text, and sqlite-jdbc writes epoch milliseconds. Naive timestamps are UTC. Writing to SQLite
 * uses the text forms that both services read back.
 */
final class Values {

  private static final DateTimeFormatter READ_TIMESTAMP = new DateTimeFormatterBuilder()
      .append(DateTimeFormatter.ISO_LOCAL_DATE)
      .optionalStart().appendLiteral(' ').optionalEnd()
      .optionalStart().appendLiteral('T').optionalEnd()
      .optionalStart().append(DateTimeFormatter.ISO_LOCAL_TIME).optionalEnd()
      .optionalStart().appendLiteral(' ').optionalEnd()
      .optionalStart().appendOffset("+HH:mm", "Z").optionalEnd()
      .optionalStart().appendOffset("+HHmm", "Z").optionalEnd()
      .parseDefaulting(ChronoField.HOUR_OF_DAY, 0)
      .toFormatter(Locale.ROOT);

  private static final DateTimeFormatter SQLITE_SECONDS = DateTimeFormatter.ofPattern("uuuu-MM-dd HH:mm:ss", Locale.ROOT);

  /** Epoch numbers below this are seconds, above it milliseconds (1e11 s is the year 5138). */
  private static final long SECONDS_LIMIT = 100_000_000_000L;

  private Values() {
  }

  /** JSON kept as written, equal to other JSON with the same parsed value. */
  record JsonText(String text, Object parsed, boolean valid) {

    static JsonText of(String text) {
      try {
        return new JsonText(text, Json.decodeValue(text), true);
      } catch (DecodeException | IllegalArgumentException notJson) {
        return new JsonText(text, null, false);
      }
    }

    @Override
    public boolean equals(Object other) {
      return other instanceof JsonText json && (valid && json.valid ? Objects.equals(parsed, json.parsed)
          : !valid && !json.valid && text.equals(json.text));
    }

    @Override
    public int hashCode() {
      return valid ? Objects.hashCode(parsed) : text.hashCode();
    }

    @Override
    public String toString() {
      return text;
    }
  }

  /** A byte array with value equality. */
  record Bytes(byte[] bytes) {

    @Override
    public boolean equals(Object other) {
      return other instanceof Bytes b && Arrays.equals(bytes, b.bytes);
    }

    @Override
    public int hashCode() {
      return Arrays.hashCode(bytes);
    }

    @Override
    public String toString() {
      return bytes.length <= 32 ? "0x" + HexFormat.of().formatHex(bytes) : bytes.length + " bytes";
    }
  }

  /** The column's value as the driver gives it, asking PostgreSQL for java.time types. */
  static Object read(ResultSet rows, int index, Column column, Dialect dialect) throws SQLException {
    if (dialect == Dialect.POSTGRESQL) {
      String type = column.typeName().toLowerCase(Locale.ROOT);
      switch (type) {
        case "timestamptz" -> {
          return rows.getObject(index, OffsetDateTime.class);
        }
        case "timestamp" -> {
          return rows.getObject(index, LocalDateTime.class);
        }
        case "date" -> {
          return rows.getObject(index, LocalDate.class);
        }
        default -> {
          return rows.getObject(index);
        }
      }
    }
    return rows.getObject(index);
  }

  /**
   * The canonical form of {@code raw} for {@code kind}; canonical values of any kind are accepted
   * too (an {@code Instant} for a text column becomes its ISO-8601 text).
   *
   * @throws IllegalArgumentException when the value cannot be read as that kind
   */
  static Object canonical(Object raw, ValueKind kind) {
    Object value = raw instanceof PGobject pg ? pg.getValue() : raw;
    if (value == null) {
      return null;
    }
    try {
      return switch (kind) {
        case TEXT -> text(value);
        case INTEGER -> integer(value);
        case REAL -> real(value);
        case DECIMAL -> decimal(value);
        case BOOLEAN -> bool(value);
        case DATE -> date(value);
        case TIMESTAMP -> timestamp(value);
        case JSON -> value instanceof JsonText json ? json : JsonText.of(text(value));
        case BYTES -> value instanceof Bytes bytes ? bytes
            : new Bytes(value instanceof byte[] b ? b : text(value).getBytes(StandardCharsets.UTF_8));
      };
    } catch (DateTimeParseException | ArithmeticException | NumberFormatException | ClassCastException e) {
      throw new IllegalArgumentException("cannot read " + display(value) + " as " + kind.name().toLowerCase(Locale.ROOT), e);
    }
  }

  /** Binds {@code value} (canonical, any kind) for {@code column} of a {@code dialect} database. */
  static void bind(PreparedStatement statement, int index, Object value, Column column, Dialect dialect)
      throws SQLException {
    ValueKind kind = column.kind();
    Object v = canonical(value, kind);
    if (v == null) {
      statement.setNull(index, sqlType(kind));
      return;
    }
    switch (kind) {
      case TEXT -> statement.setString(index, (String) v);
      case INTEGER -> statement.setLong(index, (Long) v);
      case REAL -> statement.setDouble(index, (Double) v);
      case DECIMAL -> statement.setBigDecimal(index, (BigDecimal) v);
      case BOOLEAN -> {
        if (dialect == Dialect.SQLITE) {
          statement.setInt(index, (Boolean) v ? 1 : 0);
        } else {
          statement.setBoolean(index, (Boolean) v);
        }
      }
      case DATE -> {
        if (dialect == Dialect.SQLITE) {
          statement.setString(index, v.toString());
        } else {
          statement.setObject(index, v);
        }
      }
      case TIMESTAMP -> {
        Instant instant = (Instant) v;
        if (dialect == Dialect.SQLITE) {
          statement.setString(index, sqliteTimestamp(instant));
        } else if (column.typeName().equalsIgnoreCase("timestamp")) {
          statement.setObject(index, LocalDateTime.ofInstant(instant, ZoneOffset.UTC));
        } else {
          statement.setObject(index, instant.atOffset(ZoneOffset.UTC));
        }
      }
      case JSON -> statement.setString(index, ((JsonText) v).text());
      case BYTES -> statement.setBytes(index, ((Bytes) v).bytes());
      default -> throw new IllegalStateException("unhandled kind " + kind);
    }
  }

  /** {@code ?}, or a cast where PostgreSQL will not take text for the column's type. */
  static String placeholder(Column column, Dialect dialect) {
    String type = column.typeName().toLowerCase(Locale.ROOT);
    if (dialect == Dialect.POSTGRESQL && (column.kind() == ValueKind.JSON || type.equals("uuid"))) {
      return "CAST(? AS " + type + ")";
    }
    return "?";
  }

  /** A short form for logs. */
  static String display(Object value) {
    if (value == null) {
      return "NULL";
    }
    String text = value instanceof String s ? "'" + s + "'" : String.valueOf(value);
    return text.length() > 120 ? text.substring(0, 117) + "..." : text;
  }

  /** {@code 2025-12-21 20:22:08} or {@code 2025-12-21 20:22:08.123456}, naive UTC, as both services write. */
  static String sqliteTimestamp(Instant instant) {
    LocalDateTime utc = LocalDateTime.ofInstant(instant, ZoneOffset.UTC);
    String seconds = SQLITE_SECONDS.format(utc);
    return utc.getNano() == 0 ? seconds : seconds + String.format(Locale.ROOT, ".%06d", utc.getNano() / 1000);
  }

  private static int sqlType(ValueKind kind) {
    return switch (kind) {
      case TEXT, JSON -> Types.VARCHAR;
      case INTEGER -> Types.BIGINT;
      case REAL -> Types.DOUBLE;
      case DECIMAL -> Types.NUMERIC;
      case BOOLEAN -> Types.BOOLEAN;
      case DATE -> Types.DATE;
      case TIMESTAMP -> Types.TIMESTAMP_WITH_TIMEZONE;
      case BYTES -> Types.BINARY;
    };
  }

  private static String text(Object value) {
    if (value instanceof String s) {
      return s;
    }
    if (value instanceof byte[] bytes) {
      return new String(bytes, StandardCharsets.UTF_8);
    }
    if (value instanceof Bytes bytes) {
      return new String(bytes.bytes(), StandardCharsets.UTF_8);
    }
    if (value instanceof Instant instant) {
      return DateTimeFormatter.ISO_OFFSET_DATE_TIME.format(instant.atOffset(ZoneOffset.UTC));
    }
    if (value instanceof BigDecimal decimal) {
      return decimal.toPlainString();
    }
    return value.toString();
  }

  private static Long integer(Object value) {
    if (value instanceof Long l) {
      return l;
    }
    if (value instanceof Integer || value instanceof Short || value instanceof Byte) {
      return ((Number) value).longValue();
    }
    if (value instanceof BigInteger big) {
      return big.longValueExact();
    }
    if (value instanceof BigDecimal decimal) {
      return decimal.longValueExact();
    }
    if (value instanceof Number number) {
      return new BigDecimal(number.toString()).longValueExact();
    }
    if (value instanceof Boolean b) {
      return b ? 1L : 0L;
    }
    return new BigDecimal(text(value).trim()).longValueExact();
  }

  private static Double real(Object value) {
    if (value instanceof Number number) {
      return number.doubleValue();
    }
    return Double.parseDouble(text(value).trim());
  }

  private static BigDecimal decimal(Object value) {
    BigDecimal decimal = value instanceof BigDecimal d ? d : new BigDecimal(text(value).trim());
    return decimal.signum() == 0 ? BigDecimal.ZERO : decimal.stripTrailingZeros();
  }

  private static Boolean bool(Object value) {
    if (value instanceof Boolean b) {
      return b;
    }
    if (value instanceof Number number) {
      return number.doubleValue() != 0;
    }
    return switch (text(value).trim().toLowerCase(Locale.ROOT)) {
      case "1", "true", "t", "yes", "y", "on" -> true;
      case "0", "false", "f", "no", "n", "off" -> false;
      default -> throw new IllegalArgumentException("cannot read " + display(value) + " as boolean");
    };
  }

  private static LocalDate date(Object value) {
    if (value instanceof LocalDate date) {
      return date;
    }
    if (value instanceof java.sql.Date date) {
      return date.toLocalDate();
    }
    if (value instanceof LocalDateTime dateTime) {
      return dateTime.toLocalDate();
    }
    if (value instanceof Instant || value instanceof OffsetDateTime || value instanceof java.util.Date
        || value instanceof ZonedDateTime || value instanceof Number) {
      return LocalDate.ofInstant(timestamp(value), ZoneOffset.UTC);
    }
    String text = text(value).trim();
    return text.length() > 10 ? LocalDate.ofInstant(timestamp(text), ZoneOffset.UTC) : LocalDate.parse(text);
  }

  private static Instant timestamp(Object value) {
    Instant instant;
    if (value instanceof Instant i) {
      instant = i;
    } else if (value instanceof OffsetDateTime odt) {
      instant = odt.toInstant();
    } else if (value instanceof ZonedDateTime zdt) {
      instant = zdt.toInstant();
    } else if (value instanceof LocalDateTime naive) {
      instant = naive.toInstant(ZoneOffset.UTC);
    } else if (value instanceof LocalDate date) {
      instant = date.atStartOfDay(ZoneOffset.UTC).toInstant();
    } else if (value instanceof java.util.Date date) {
      // java.sql.Timestamp keeps its nanoseconds through toInstant().
      instant = date instanceof java.sql.Timestamp ts ? ts.toInstant() : Instant.ofEpochMilli(date.getTime());
    } else if (value instanceof Number number) {
      long epoch = number.longValue();
      instant = Math.abs(epoch) < SECONDS_LIMIT ? Instant.ofEpochSecond(epoch) : Instant.ofEpochMilli(epoch);
    } else {
      instant = parseTimestamp(text(value).trim());
    }
    return instant.truncatedTo(ChronoUnit.MICROS);
  }

  private static Instant parseTimestamp(String text) {
    TemporalAccessor parsed = READ_TIMESTAMP.parseBest(text, OffsetDateTime::from, LocalDateTime::from);
    return parsed instanceof OffsetDateTime odt ? odt.toInstant() : ((LocalDateTime) parsed).toInstant(ZoneOffset.UTC);
  }
}
