package ai.motiv8.selfies;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.HexFormat;

/**
 * Names the server gives stored files: a UTC time stamp, 64 random bits and a safe extension,
 * e.g. {@code 20251221_202208_9f86d081884c7d65.jpg}. Client file names never become names.
 */
public final class StoredNames {

  private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd_HHmmss");
  private static final SecureRandom RANDOM = new SecureRandom();

  private final Clock clock;

  public StoredNames(Clock clock) {
    this.clock = clock;
  }

  /** A new base name without extension. */
  public String next() {
    byte[] random = new byte[8];
    RANDOM.nextBytes(random);
    return LocalDateTime.now(clock).format(STAMP) + "_" + HexFormat.of().formatHex(random);
  }
}
