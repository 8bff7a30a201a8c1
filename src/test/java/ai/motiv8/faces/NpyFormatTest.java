package ai.motiv8.faces;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class NpyFormatTest {

  private static float[] ramp() {
    float[] values = new float[512];
    for (int i = 0; i < values.length; i++) {
      values[i] = (i - 256) / 64f;
    }
    return values;
  }

  @Test
  @DisplayName("a 512-float vector is written byte for byte as numpy.save writes it")
  void matchesNumpyFixture() {
    byte[] fixture = TestImages.resource("/npy/ramp512.npy");

    assertThat(NpyFormat.writeFloat32(ramp())).isEqualTo(fixture);
  }

  @Test
  @DisplayName("the header is format 1.0, padded with spaces to a 64-byte multiple and ends in a newline")
  void headerLayout() {
    byte[] npy = NpyFormat.writeFloat32(new float[512]);
    int headerLength = ByteBuffer.wrap(npy, 8, 2).order(ByteOrder.LITTLE_ENDIAN).getShort();
    String header = new String(npy, 10, headerLength, StandardCharsets.US_ASCII);

    assertThat(npy[6]).isEqualTo((byte) 1);
    assertThat(npy[7]).isEqualTo((byte) 0);
    assertThat((10 + headerLength) % 64).isZero();
    assertThat(header).startsWith("{'descr': '<f4', 'fortran_order': False, 'shape': (512,), }").endsWith(" \n");
    assertThat(npy).hasSize(10 + headerLength + 512 * 4);
  }

  @Test
  @DisplayName("the NumPy fixture reads back to its values")
  void readsNumpyFixture() {
    assertThat(NpyFormat.readFloat32(TestImages.resource("/npy/ramp512.npy"))).containsExactly(ramp());
  }

  @Test
  @DisplayName("other arrays and other files are refused")
  void refusesOthers() {
    byte[] npy = NpyFormat.writeFloat32(new float[4]);
    npy[20] = '>';

    assertThatThrownBy(() -> NpyFormat.readFloat32(npy)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> NpyFormat.readFloat32("PK\u0003\u0004".getBytes(StandardCharsets.ISO_8859_1)))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
