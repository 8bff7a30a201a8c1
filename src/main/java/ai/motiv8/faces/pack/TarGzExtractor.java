package ai.motiv8.faces.pack;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.zip.GZIPInputStream;

/**
 * Copies chosen regular files out of a {@code .tgz} (ustar, as {@code npm pack} writes it) without
 * unpacking the rest. Entry names are only matched, never used as paths.
 */
public final class TarGzExtractor {

  private static final int BLOCK = 512;

  private TarGzExtractor() {
  }

  /**
   * @param wanted entry name (e.g. {@code package/model/fr_detect.onnx}) → target file
   * @return the entries that were not found
   */
  public static Set<String> extract(Path tgz, Map<String, Path> wanted) throws IOException {
    Map<String, Path> missing = new HashMap<>(wanted);
    try (InputStream in = new GZIPInputStream(Files.newInputStream(tgz), 1 << 16)) {
      byte[] header = new byte[BLOCK];
      while (!missing.isEmpty() && readBlock(in, header)) {
        if (isZeroBlock(header)) {
          break;
        }
        String name = entryName(header);
        long size = octal(header, 124, 12);
        char type = (char) header[156];
        Path target = (type == '0' || type == '\0') ? missing.remove(name) : null;
        if (target != null) {
          try (OutputStream out = Files.newOutputStream(target)) {
            copy(in, out, size);
          }
          skip(in, padding(size));
        } else {
          skip(in, size + padding(size));
        }
      }
    }
    return missing.keySet();
  }

  private static String entryName(byte[] header) {
    String name = text(header, 0, 100);
    String prefix = text(header, 345, 155);
    boolean ustar = text(header, 257, 6).startsWith("ustar");
    return ustar && !prefix.isEmpty() ? prefix + "/" + name : name;
  }

  private static String text(byte[] header, int offset, int length) {
    int end = offset;
    while (end < offset + length && header[end] != 0) {
      end++;
    }
    return new String(header, offset, end - offset, StandardCharsets.UTF_8);
  }

  private static long octal(byte[] header, int offset, int length) {
    String digits = text(header, offset, length).trim();
    return digits.isEmpty() ? 0 : Long.parseLong(digits, 8);
  }

  private static long padding(long size) {
    return (BLOCK - size % BLOCK) % BLOCK;
  }

  private static boolean isZeroBlock(byte[] block) {
    for (byte b : block) {
      if (b != 0) {
        return false;
      }
    }
    return true;
  }

  private static boolean readBlock(InputStream in, byte[] block) throws IOException {
    int read = in.readNBytes(block, 0, BLOCK);
    if (read == 0) {
      return false;
    }
    if (read < BLOCK) {
      throw new EOFException("Truncated tar header");
    }
    return true;
  }

  private static void copy(InputStream in, OutputStream out, long size) throws IOException {
    byte[] buffer = new byte[1 << 16];
    long left = size;
    while (left > 0) {
      int n = in.read(buffer, 0, (int) Math.min(buffer.length, left));
      if (n < 0) {
        throw new EOFException("Truncated tar entry");
      }
      out.write(buffer, 0, n);
      left -= n;
    }
  }

  private static void skip(InputStream in, long count) throws IOException {
    long left = count;
    while (left > 0) {
      long skipped = in.skip(left);
      if (skipped <= 0) {
        if (in.read() < 0) {
          throw new EOFException("Truncated tar archive");
        }
        skipped = 1;
      }
      left -= skipped;
    }
  }
}
