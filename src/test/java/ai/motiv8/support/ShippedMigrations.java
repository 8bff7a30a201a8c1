package ai.motiv8.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The schema versions this build ships, read from the PostgreSQL migration folder (every version
 * exists there as SQL; SQLite has the same versions, some as Java migrations), so that upgrade tests
 * need no edit when a migration is added.
 */
public final class ShippedMigrations {

  private static final Pattern VERSIONED = Pattern.compile("V(\\d+)__.*\\.sql");

  private ShippedMigrations() {
  }

  public static List<String> versions() {
    try (Stream<Path> files = Files.list(Path.of(ShippedMigrations.class.getClassLoader()
        .getResource("db/migration/postgresql").toURI()))) {
      return files.map(file -> VERSIONED.matcher(file.getFileName().toString()))
          .filter(Matcher::matches)
          .map(match -> Integer.parseInt(match.group(1)))
          .sorted(Comparator.naturalOrder())
          .map(String::valueOf)
          .toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }

  /** The versions a database made by the Python service ends with: its baseline, then every migration. */
  public static List<String> versionsAfterPythonBaseline() {
    return Stream.concat(Stream.of("0"), versions().stream()).toList();
  }
}
