package ai.motiv8.faces.buffalo;

import static org.assertj.core.api.Assertions.assertThat;

import ai.motiv8.faces.RgbImage;
import ai.motiv8.faces.TestImages;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("Letterbox into the SCRFD canvas")
class LetterboxTest {

  @Test
  @DisplayName("puts a 1280x720 image at the top-left of 640x640 at scale 0.5, black below")
  void landscape() {
    RgbImage image = TestImages.pattern(1280, 720);
    Letterbox box = Letterbox.fit(image, 640, 640);

    assertThat(box.scale()).isEqualTo(0.5f);
    assertThat(box.newWidth()).isEqualTo(640);
    assertThat(box.newHeight()).isEqualTo(360);
    assertThat(box.canvas().width()).isEqualTo(640);
    assertThat(box.canvas().height()).isEqualTo(640);
    for (int x = 0; x < 640; x++) {
      for (int c = 0; c < 3; c++) {
        assertThat(box.canvas().at(x, 360, c)).isZero();
        assertThat(box.canvas().at(x, 639, c)).isZero();
      }
    }
  }

  @Test
  @DisplayName("halving with half-pixel centres averages each 2x2 block, as OpenCV INTER_LINEAR")
  void halvingAveragesBlocks() {
    RgbImage image = TestImages.pattern(1280, 720);
    RgbImage canvas = Letterbox.fit(image, 640, 640).canvas();
    for (int y = 0; y < 360; y += 37) {
      for (int x = 0; x < 640; x += 41) {
        for (int c = 0; c < 3; c++) {
          double mean = (image.at(2 * x, 2 * y, c) + image.at(2 * x + 1, 2 * y, c)
              + image.at(2 * x, 2 * y + 1, c) + image.at(2 * x + 1, 2 * y + 1, c)) / 4.0;
          assertThat(canvas.at(x, y, c)).as("(%d, %d, %d)", x, y, c).isEqualTo((int) Math.round(mean));
        }
      }
    }
  }

  @Test
  @DisplayName("fits a 360x720 portrait image to 320x640 at scale 640/720, black to the right")
  void portrait() {
    Letterbox box = Letterbox.fit(TestImages.uniform(360, 720, 10, 20, 30), 640, 640);

    assertThat(box.newWidth()).isEqualTo(320);
    assertThat(box.newHeight()).isEqualTo(640);
    assertThat(box.scale()).isEqualTo((float) (640.0 / 720));
    assertThat(box.canvas().at(319, 639, 2)).isEqualTo(30);
    assertThat(box.canvas().at(320, 0, 0)).isZero();
  }

  @Test
  @DisplayName("enlarges a small image to fill the width")
  void enlarges() {
    Letterbox box = Letterbox.fit(TestImages.uniform(64, 48, 200, 100, 50), 640, 640);

    assertThat(box.newWidth()).isEqualTo(640);
    assertThat(box.newHeight()).isEqualTo(480);
    assertThat(box.scale()).isEqualTo(10f);
    assertThat(box.canvas().at(639, 479, 0)).isEqualTo(200);
  }
}
