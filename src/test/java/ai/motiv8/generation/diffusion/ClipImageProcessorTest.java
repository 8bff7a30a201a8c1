package ai.motiv8.generation.diffusion;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import ai.motiv8.faces.RgbImage;
import ai.motiv8.generation.diffusion.ClipImageProcessor.ChannelOrder;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class ClipImageProcessorTest {

  private static RgbImage filled(int w, int h, int r, int g, int b) {
    byte[] rgb = new byte[w * h * 3];
    for (int i = 0; i < w * h; i++) {
      rgb[3 * i] = (byte) r;
      rgb[3 * i + 1] = (byte) g;
      rgb[3 * i + 2] = (byte) b;
    }
    return new RgbImage(w, h, rgb);
  }

  @Test
  @DisplayName("A 224 crop is only rescaled and normalised with CLIP's mean and std, channels first")
  void normalisation() {
    byte[] rgb = new byte[224 * 224 * 3];
    rgb[0] = (byte) 255; // pixel (0,0) red
    rgb[(224 * 5 + 7) * 3 + 2] = (byte) 128; // pixel (7,5) blue 128
    float[] values = ClipImageProcessor.pixelValues(new RgbImage(224, 224, rgb), 224, ChannelOrder.RGB);
    int plane = 224 * 224;
    assertThat(values).hasSize(3 * plane);
    assertThat(values[0]).isCloseTo((1f - 0.48145466f) / 0.26862954f, within(1e-5f));
    assertThat(values[plane]).isCloseTo(-0.4578275f / 0.26130258f, within(1e-5f));
    assertThat(values[2 * plane + 5 * 224 + 7]).isCloseTo((128f / 255f - 0.40821073f) / 0.27577711f, within(1e-5f));

    float[] bgr = ClipImageProcessor.pixelValues(new RgbImage(224, 224, rgb), 224, ChannelOrder.BGR);
    assertThat(bgr[2 * plane]).as("red byte now in the third channel").isCloseTo((1f - 0.40821073f) / 0.27577711f,
        within(1e-5f));
  }

  @Test
  @DisplayName("Other sizes: shorter side resized to 224 (bicubic), then centre-cropped")
  void resizeAndCrop() {
    RgbImage wide = filled(300, 200, 10, 200, 90);
    RgbImage resized = ClipImageProcessor.resizeShortestEdge(wide, 224);
    assertThat(resized.width()).isEqualTo(336);
    assertThat(resized.height()).isEqualTo(224);
    assertThat(resized.at(100, 100, 1)).isEqualTo(200);
    RgbImage cropped = ClipImageProcessor.centerCrop(resized, 224);
    assertThat(cropped.width()).isEqualTo(224);
    float[] values = ClipImageProcessor.pixelValues(wide, 224, ChannelOrder.RGB);
    assertThat(values[224 * 224 + 1000]).isCloseTo((200f / 255f - 0.4578275f) / 0.26130258f, within(1e-5f));

    // a vertical edge stays an edge, in the middle of the crop
    RgbImage half = filled(448, 448, 0, 0, 0);
    for (int y = 0; y < 448; y++) {
      for (int x = 224; x < 448; x++) {
        half.rgb()[(y * 448 + x) * 3] = (byte) 255;
      }
    }
    RgbImage small = ClipImageProcessor.resizeShortestEdge(half, 224);
    assertThat(small.at(50, 10, 0)).isEqualTo(0);
    assertThat(small.at(170, 10, 0)).isEqualTo(255);
    assertThat(small.at(111, 10, 0)).isLessThan(small.at(112, 10, 0));
  }
}
