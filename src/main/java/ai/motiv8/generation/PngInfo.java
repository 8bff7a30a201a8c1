package ai.motiv8.generation;

import java.nio.ByteBuffer;
import java.util.Arrays;

/** Width and height from a PNG's header, to check what an engine returned without decoding it. */
record PngInfo(int width, int height) {

  private static final byte[] SIGNATURE = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'};
  private static final byte[] IHDR = {'I', 'H', 'D', 'R'};

  /**
   * @throws GenerationException unless {@code png} starts with the PNG signature and an IHDR chunk
   *     of a non-empty image
   */
  static PngInfo of(byte[] png) {
    if (png == null || png.length < 24 || !Arrays.equals(png, 0, 8, SIGNATURE, 0, 8)
        || !Arrays.equals(png, 12, 16, IHDR, 0, 4)) {
      throw new GenerationException("The engine did not return a PNG");
    }
    ByteBuffer header = ByteBuffer.wrap(png, 16, 8);
    int width = header.getInt();
    int height = header.getInt();
    if (width <= 0 || height <= 0) {
      throw new GenerationException("The engine returned an empty PNG");
    }
    return new PngInfo(width, height);
  }
}
