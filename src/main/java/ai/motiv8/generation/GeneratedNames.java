package ai.motiv8.generation;

import java.security.SecureRandom;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.HexFormat;

/**
 * Names of generated images: {@code <yyyyMMdd_HHmmss>_<32 hex digits>_generated.png} (UTC time
 * stamp, 128 random bits). The name is the capability that {@code GET /api/generated/{name}}
 * serves without a token, so the random part comes from {@link SecureRandom}.
 */
final class GeneratedNames {

  private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd_HHmmss").withZone(ZoneOffset.UTC);
  private static final SecureRandom RANDOM = new SecureRandom();
  static final String SUFFIX = "_generated.png";

  private GeneratedNames() {
  }

  static String next(Instant now) {
    byte[] random = new byte[16];
    RANDOM.nextBytes(random);
    return STAMP.format(now) + "_" + HexFormat.of().formatHex(random) + SUFFIX;
  }
}
