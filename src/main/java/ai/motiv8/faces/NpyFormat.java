package ai.motiv8.faces;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * NumPy {@code .npy} files of one float32 vector, as {@code numpy.save} writes them (format 1.0):
 * magic {@code \x93NUMPY}, version 1.0, a little-endian uint16 header length, the header dict
 * {@code {'descr': '<f4', 'fortran_order': False, 'shape': (512,), }} padded with spaces to a
 * 64-byte multiple ending in a newline, then the little-endian float32 values.
 */
public final class NpyFormat {

  private static final byte[] MAGIC = {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y'};
  private static final int ALIGN = 64;
  private static final Pattern FLOAT32_VECTOR = Pattern.compile(
      "\\{'descr': '<f4', 'fortran_order': False, 'shape': \\((\\d+),\\), }\\s*");

  private NpyFormat() {
  }

  /** The bytes of {@code numpy.save(f, np.asarray(values, dtype='<f4'))}. */
  public static byte[] writeFloat32(float[] values) {
    String dict = "{'descr': '<f4', 'fortran_order': False, 'shape': (" + values.length + ",), }";
    int unpadded = MAGIC.length + 2 + 2 + dict.length() + 1;
    int padding = (ALIGN - unpadded % ALIGN) % ALIGN;
    String header = dict + " ".repeat(padding) + "\n";
    ByteBuffer out = ByteBuffer.allocate(MAGIC.length + 4 + header.length() + 4 * values.length)
        .order(ByteOrder.LITTLE_ENDIAN);
    out.put(MAGIC).put((byte) 1).put((byte) 0).putShort((short) header.length());
    out.put(header.getBytes(StandardCharsets.US_ASCII));
    for (float value : values) {
      out.putFloat(value);
    }
    return out.array();
  }

  /**
   * Reads a file written by {@link #writeFloat32} or by NumPy for a 1-D little-endian float32 array.
   *
   * @throws IllegalArgumentException for anything else
   */
  public static float[] readFloat32(byte[] npy) {
    ByteBuffer in = ByteBuffer.wrap(npy).order(ByteOrder.LITTLE_ENDIAN);
    for (byte b : MAGIC) {
      if (!in.hasRemaining() || in.get() != b) {
        throw new IllegalArgumentException("Not a .npy file");
      }
    }
    if (in.remaining() < 4 || in.get() != 1) {
      throw new IllegalArgumentException("Only .npy format 1.x is read");
    }
    in.get();
    int headerLength = Short.toUnsignedInt(in.getShort());
    if (in.remaining() < headerLength) {
      throw new IllegalArgumentException("Truncated .npy header");
    }
    String header = new String(npy, in.position(), headerLength, StandardCharsets.US_ASCII);
    Matcher matcher = FLOAT32_VECTOR.matcher(header);
    if (!matcher.matches()) {
      throw new IllegalArgumentException("Not a 1-D little-endian float32 array: " + header.strip());
    }
    int count = Integer.parseInt(matcher.group(1));
    in.position(in.position() + headerLength);
    if (in.remaining() != 4L * count) {
      throw new IllegalArgumentException("Expected " + count + " float32 values, found " + in.remaining() + " bytes");
    }
    float[] values = new float[count];
    in.asFloatBuffer().get(values);
    return values;
  }
}
