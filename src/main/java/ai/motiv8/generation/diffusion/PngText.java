package ai.motiv8.generation.diffusion;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.zip.CRC32;

/**
 * Adds a {@code tEXt} chunk to PNG bytes, so that a stored image says what made it. Written by
 * hand after the header because the JDK writer's metadata API needs a DOM tree for one line.
 */
final class PngText {

  /** Signature (8 bytes) + IHDR chunk (4 length + 4 type + 13 data + 4 CRC). */
  private static final int AFTER_HEADER = 8 + 25;

  private PngText() {
  }

  /**
   * {@code png} with a {@code tEXt} chunk {@code keyword}: {@code text} right after its header.
   *
   * @param keyword 1 to 79 Latin-1 characters, e.g. {@code Software}
   * @param text Latin-1 text
   */
  static byte[] with(byte[] png, String keyword, String text) {
    byte[] key = keyword.getBytes(StandardCharsets.ISO_8859_1);
    byte[] value = text.getBytes(StandardCharsets.ISO_8859_1);
    ByteBuffer typeAndData = ByteBuffer.allocate(4 + key.length + 1 + value.length)
        .put("tEXt".getBytes(StandardCharsets.US_ASCII)).put(key).put((byte) 0).put(value);
    CRC32 crc = new CRC32();
    crc.update(typeAndData.array());
    ByteBuffer chunk = ByteBuffer.allocate(4 + typeAndData.capacity() + 4)
        .putInt(typeAndData.capacity() - 4).put(typeAndData.array()).putInt((int) crc.getValue());
    ByteArrayOutputStream out = new ByteArrayOutputStream(png.length + chunk.capacity());
    out.write(png, 0, AFTER_HEADER);
    out.write(chunk.array(), 0, chunk.capacity());
    out.write(png, AFTER_HEADER, png.length - AFTER_HEADER);
    return out.toByteArray();
  }
}
