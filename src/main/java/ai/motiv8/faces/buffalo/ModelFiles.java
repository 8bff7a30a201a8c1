package ai.motiv8.faces.buffalo;

import ai.motiv8.faces.buffalo.ModelManifest.ModelFile;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Finds a pack's model files and checks them against their manifest entries. */
final class ModelFiles {

  private static final Logger LOG = LoggerFactory.getLogger(ModelFiles.class);

  private ModelFiles() {
  }

  /**
   * The path of {@code expected} in {@code dir}, after checking its size and SHA-256 (when the
   * manifest gives them).
   *
   * @throws IllegalStateException naming the file when it is missing, has the wrong size or the
   *     wrong checksum
   */
  static Path verify(Path dir, ModelFile expected, String installHint) {
    Path file = dir.resolve(expected.name());
    if (!Files.isRegularFile(file)) {
      throw new IllegalStateException("Model file missing: " + file.toAbsolutePath() + ". " + installHint);
    }
    try {
      long size = Files.size(file);
      if (expected.bytes() >= 0 && size != expected.bytes()) {
        throw new IllegalStateException("Model file " + file.toAbsolutePath() + " has " + size
            + " bytes, expected " + expected.bytes() + " (incomplete download or another version?). "
            + installHint);
      }
      long start = System.nanoTime();
      String actual = sha256(file);
      long ms = (System.nanoTime() - start) / 1_000_000;
      if (expected.sha256() == null) {
        LOG.warn("Model file {} is not checked: its manifest gives no SHA-256; actual SHA-256 {} ({} bytes)",
            file.toAbsolutePath(), actual, size);
      } else if (!expected.sha256().equals(actual)) {
        throw new IllegalStateException("Model file " + file.toAbsolutePath() + " has SHA-256 " + actual
            + ", expected " + expected.sha256() + ". " + installHint);
      } else {
        LOG.info("Model file {} verified: {} bytes, SHA-256 {} ({} ms)", file.toAbsolutePath(), size, actual, ms);
      }
      return file;
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot read model file " + file.toAbsolutePath(), e);
    }
  }

  /** Lower-case hex SHA-256 of a file's bytes. */
  static String sha256(Path file) throws IOException {
    MessageDigest digest;
    try {
      digest = MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("This JVM lacks SHA-256", e);
    }
    byte[] buffer = new byte[1 << 20];
    try (InputStream in = Files.newInputStream(file)) {
      for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
        digest.update(buffer, 0, n);
      }
    }
    return HexFormat.of().formatHex(digest.digest());
  }
}
