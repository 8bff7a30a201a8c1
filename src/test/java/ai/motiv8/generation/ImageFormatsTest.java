package ai.motiv8.generation;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class ImageFormatsTest {

  @Test
  @DisplayName("JPEG only when Accept weighs it above PNG; the most specific range decides")
  void negotiation() {
    assertThat(ImageFormats.prefersJpeg(null)).isFalse();
    assertThat(ImageFormats.prefersJpeg("")).isFalse();
    assertThat(ImageFormats.prefersJpeg("*/*")).isFalse();
    assertThat(ImageFormats.prefersJpeg("image/*")).isFalse();
    assertThat(ImageFormats.prefersJpeg("image/webp,image/apng,image/*,*/*;q=0.8")).isFalse();
    assertThat(ImageFormats.prefersJpeg("image/jpeg")).isTrue();
    assertThat(ImageFormats.prefersJpeg("image/jpeg, image/png;q=0.5")).isTrue();
    assertThat(ImageFormats.prefersJpeg("image/png, image/jpeg")).isFalse();
    assertThat(ImageFormats.prefersJpeg("image/*;q=0.9, image/png;q=0.1")).isTrue();
    assertThat(ImageFormats.prefersJpeg("image/jpeg;q=0, */*")).isFalse();
    assertThat(ImageFormats.prefersJpeg("IMAGE/JPEG; Q=0.9, image/png;q=0.4")).isTrue();
    assertThat(ImageFormats.prefersJpeg("image/jpeg;q=abc, image/png;q=0.2")).isFalse();
    assertThat(ImageFormats.prefersJpeg("image/jpeg;q=7")).isFalse();
  }

  @Test
  @DisplayName("The JDK writes JPEG but not WebP, so no WebP variant is promised")
  void writers() {
    assertThat(ImageEncoding.canWrite("jpeg")).isTrue();
    assertThat(ImageEncoding.canWrite("webp")).isFalse();
  }
}
