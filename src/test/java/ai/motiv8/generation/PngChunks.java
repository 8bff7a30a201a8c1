package ai.motiv8.generation;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/** The {@code tEXt} entries of a PNG, read chunk by chunk. */
final class PngChunks {

  private PngChunks() {
  }

  static Map<String, String> text(byte[] png) {
    Map<String, String> entries = new LinkedHashMap<>();
    ByteBuffer in = ByteBuffer.wrap(png);
    in.position(8);
    while (in.remaining() >= 12) {
      int length = in.getInt();
      String type = new String(png, in.position(), 4, StandardCharsets.US_ASCII);
      int data = in.position() + 4;
      if (type.equals("tEXt")) {
        String chunk = new String(png, data, length, StandardCharsets.ISO_8859_1);
        int zero = chunk.indexOf('\0');
        entries.put(chunk.substring(0, zero), chunk.substring(zero + 1));
      }
      in.position(data + length + 4);
    }
    return entries;
  }
}
