package ai.motiv8.generation.poster;

import static org.assertj.core.api.Assertions.assertThat;

import ai.motiv8.generation.GenerationInput;
import ai.motiv8.generation.content.DailyContent;
import ai.motiv8.generation.content.Theme;
import ai.motiv8.users.Mode;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.time.LocalDate;
import java.util.concurrent.TimeUnit;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The poster engine with the day's content: the theme's backdrop once per run, the mode's words. */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class PosterThemesTest {

  private static final BufferedImage SELFIE = TestFaces.astronaut();
  private static final LocalDate JULY = LocalDate.of(2025, 7, 14);

  private static GenerationInput input(LocalDate date, long seed, Mode mode, String run) {
    return new GenerationInput(SELFIE, TestFaces.ASTRONAUT_FACE, date, seed, null)
        .withContent(DailyContent.forDate(date, mode, null), run);
  }

  @Test
  @DisplayName("Users of one run and theme share one rendered backdrop; another run or theme renders its own")
  void backdropOncePerRunAndTheme() throws IOException {
    PosterEngine engine = new PosterEngine();
    byte[] first = engine.generate(input(JULY, 1, Mode.TONED, "run-a"));
    engine.generate(input(JULY, 2, Mode.SHAME, "run-a"));
    engine.generate(input(JULY, 3, Mode.FURRY, "run-a"));
    assertThat(engine.backgrounds().renders()).isEqualTo(1);
    assertThat(engine.backgrounds().reuses()).isEqualTo(2);
    engine.generate(input(JULY, 1, Mode.TONED, "run-b"));
    engine.generate(input(LocalDate.of(2025, 10, 2), 1, Mode.TONED, "run-b"));
    assertThat(engine.backgrounds().renders()).isEqualTo(3);

    BufferedImage image = ImageIO.read(new ByteArrayInputStream(first));
    assertThat(image.getWidth()).isEqualTo(PosterEngine.WIDTH);
    assertThat(image.getHeight()).isEqualTo(PosterEngine.HEIGHT);
    assertThat(new PosterEngine().generate(input(JULY, 1, Mode.TONED, "run-z"))).as("deterministic").isEqualTo(first);
  }

  @Test
  @DisplayName("The theme sets the palette and the mode the headline and copy: shame and toned posters differ")
  void themeAndModeShowOnThePoster() {
    PosterEngine engine = new PosterEngine();
    BufferedImage wild = engine.render(input(JULY, 5, Mode.TONED, null));
    BufferedImage future = engine.render(input(LocalDate.of(2025, 10, 14), 5, Mode.TONED, null));
    BufferedImage shame = engine.render(input(JULY, 5, Mode.SHAME, null));
    assertThat(PosterTheme.of(Theme.WILD)).isNotEqualTo(PosterTheme.of(Theme.FUTURE));
    assertThat(wild.getRGB(4, 700)).isNotEqualTo(future.getRGB(4, 700));
    assertThat(differingPixels(wild, shame)).as("headline and copy differ").isGreaterThan(1000);
    assertThat(wild.getRGB(4, 300)).as("same backdrop for both modes").isEqualTo(shame.getRGB(4, 300));
  }

  private static int differingPixels(BufferedImage a, BufferedImage b) {
    int n = 0;
    for (int y = 0; y < a.getHeight(); y++) {
      for (int x = 0; x < a.getWidth(); x++) {
        if (a.getRGB(x, y) != b.getRGB(x, y)) {
          n++;
        }
      }
    }
    return n;
  }
}
