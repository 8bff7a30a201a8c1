package ai.motiv8.generation.content;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The 365 daily entries (a person's pose, a background scene, a short line) in twelve themed
 * sets, read once from {@value #RESOURCE} and checked: 365 entries, each theme's set contiguous,
 * in cycle order and of its {@link #setSize(Theme) size}, no field blank.
 *
 * <p>The entry of a date: {@code setStart(theme) + (day − 1) mod setSize(theme)}, where the theme
 * is the month's ({@link Theme#ofDate}, cycle from April). A 31st day in a 30-entry month takes
 * the set's first entry again; a 31-entry set's last entry is reached on the 31st only.
 */
public final class DailyCatalogue {

  public static final String RESOURCE = "/content/daily.tsv";
  public static final int DAYS = 365;

  /** Entries per theme, in cycle order (April first): 7 sets of 30 and 5 of 31. */
  private static final int[] SET_SIZES = {30, 30, 31, 31, 31, 31, 31, 30, 30, 30, 30, 30};
  private static final int[] SET_STARTS = starts(SET_SIZES);

  private static final class Holder {
    static final DailyCatalogue INSTANCE = loadResource();
  }

  private final List<Entry> entries;

  private DailyCatalogue(List<Entry> entries) {
    this.entries = List.copyOf(entries);
  }

  /**
   * One day of the cycle.
   *
   * @param index 0..364, the position in the catalogue
   * @param theme the set it belongs to
   * @param pose what the person does, e.g. {@code hitting a two-handed tennis backhand}
   * @param background the scene behind them, without people
   * @param line a short motivational line in the theme's spirit
   */
  public record Entry(int index, Theme theme, String pose, String background, String line) {
  }

  /** The bundled catalogue (loaded and validated on first use). */
  public static DailyCatalogue get() {
    return Holder.INSTANCE;
  }

  public List<Entry> entries() {
    return entries;
  }

  public Entry entry(int index) {
    return entries.get(index);
  }

  public Entry forDate(LocalDate date) {
    return entries.get(index(date));
  }

  /** {@code setStart(theme) + (day − 1) mod setSize(theme)} for the month's theme. */
  public static int index(LocalDate date) {
    Theme theme = Theme.ofDate(Objects.requireNonNull(date, "date"));
    return setStart(theme) + (date.getDayOfMonth() - 1) % setSize(theme);
  }

  public static int setStart(Theme theme) {
    return SET_STARTS[theme.cycleMonth()];
  }

  public static int setSize(Theme theme) {
    return SET_SIZES[theme.cycleMonth()];
  }

  private static DailyCatalogue loadResource() {
    try (InputStream in = DailyCatalogue.class.getResourceAsStream(RESOURCE)) {
      if (in == null) {
        throw new IllegalStateException("The daily content " + RESOURCE + " is missing from the class path");
      }
      return parse(new String(in.readAllBytes(), StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot read " + RESOURCE, e);
    }
  }

  /**
   * Reads and validates a catalogue: {@code theme id TAB pose TAB background TAB line} per line,
   * lines starting with {@code #} and blank lines ignored.
   *
   * @throws IllegalStateException naming the line or theme that is wrong
   */
  static DailyCatalogue parse(String text) {
    List<Entry> entries = new ArrayList<>(DAYS);
    String[] lines = text.split("\r?\n", -1);
    for (int number = 1; number <= lines.length; number++) {
      String line = lines[number - 1];
      if (line.isBlank() || line.startsWith("#")) {
        continue;
      }
      String[] fields = line.split("\t", -1);
      if (fields.length != 4) {
        throw new IllegalStateException(RESOURCE + " line " + number + ": expected 4 tab-separated fields, got "
            + fields.length);
      }
      Theme theme = themeOf(fields[0].trim(), number);
      for (int f = 1; f < 4; f++) {
        if (fields[f].isBlank()) {
          throw new IllegalStateException(RESOURCE + " line " + number + ": field " + (f + 1) + " is blank");
        }
      }
      entries.add(new Entry(entries.size(), theme, fields[1].trim(), fields[2].trim(), fields[3].trim()));
    }
    validate(entries);
    return new DailyCatalogue(entries);
  }

  private static Theme themeOf(String id, int number) {
    for (Theme theme : Theme.values()) {
      if (theme.id().equals(id)) {
        return theme;
      }
    }
    throw new IllegalStateException(RESOURCE + " line " + number + ": unknown theme '" + id + "'");
  }

  private static void validate(List<Entry> entries) {
    if (entries.size() != DAYS) {
      throw new IllegalStateException(RESOURCE + " has " + entries.size() + " entries, expected " + DAYS);
    }
    Map<Theme, Integer> counts = new EnumMap<>(Theme.class);
    for (Entry entry : entries) {
      Theme expected = themeAt(entry.index());
      if (entry.theme() != expected) {
        throw new IllegalStateException(RESOURCE + " entry " + entry.index() + " is in theme " + entry.theme().id()
            + ", expected " + expected.id() + " (sets are contiguous, in cycle order from April)");
      }
      counts.merge(entry.theme(), 1, Integer::sum);
    }
    for (Theme theme : Theme.values()) {
      if (counts.getOrDefault(theme, 0) != setSize(theme)) {
        throw new IllegalStateException(RESOURCE + " theme " + theme.id() + " has " + counts.getOrDefault(theme, 0)
            + " entries, expected " + setSize(theme));
      }
    }
  }

  private static Theme themeAt(int index) {
    for (int i = SET_STARTS.length - 1; i >= 0; i--) {
      if (index >= SET_STARTS[i]) {
        return Theme.values()[i];
      }
    }
    throw new IllegalArgumentException("index " + index);
  }

  private static int[] starts(int[] sizes) {
    int[] starts = new int[sizes.length];
    for (int i = 1; i < sizes.length; i++) {
      starts[i] = starts[i - 1] + sizes[i - 1];
    }
    return starts;
  }
}
