package ai.motiv8.generation.poster;

import ai.motiv8.generation.FaceGeometry;
import ai.motiv8.generation.GenerationException;
import ai.motiv8.generation.GenerationInput;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import javax.imageio.ImageIO;
import java.awt.geom.AffineTransform;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

@Timeout(value = 60, unit = TimeUnit.SECONDS)
class PosterEngineTest {

  private static final LocalDate DAY = LocalDate.of(2025, 1, 14);
  private static final PosterEngine ENGINE = new PosterEngine();
  private static final BufferedImage SELFIE = TestFaces.astronaut();

  private static GenerationInput input(LocalDate date, long seed) {
    return new GenerationInput(SELFIE, TestFaces.ASTRONAUT_FACE, date, seed, "ignored prompt");
  }

  @Test
  @DisplayName("A poster is a 600x900 PNG with no metadata chunks")
  void posterIsPlainPng() throws IOException {
    byte[] png = ENGINE.generate(input(DAY, 42));
    TestFaces.keepSample("astronaut.png", png);

    BufferedImage image = ImageIO.read(new ByteArrayInputStream(png));
    assertThat(image.getWidth()).isEqualTo(600);
    assertThat(image.getHeight()).isEqualTo(900);
    assertThat(pngChunkTypes(png)).containsOnly("IHDR", "IDAT", "IEND");
  }

  @Test
  @DisplayName("The same input and seed give byte-identical posters, also on concurrent threads")
  void sameSeedSameBytes() {
    byte[] first = ENGINE.generate(input(DAY, 7));
    CompletableFuture<byte[]> a = CompletableFuture.supplyAsync(() -> new PosterEngine().generate(input(DAY, 7)));
    CompletableFuture<byte[]> b = CompletableFuture.supplyAsync(() -> ENGINE.generate(input(DAY, 7)));

    assertThat(a.join()).isEqualTo(first);
    assertThat(b.join()).isEqualTo(first);
  }

  @Test
  @DisplayName("The selfie's pixel layout (RGB or BGR) does not change the poster")
  void pixelLayoutDoesNotMatter() {
    BufferedImage bgr = TestFaces.convert(SELFIE, BufferedImage.TYPE_3BYTE_BGR);
    byte[] fromBgr = ENGINE.generate(new GenerationInput(bgr, TestFaces.ASTRONAUT_FACE, DAY, 3, null));

    assertThat(fromBgr).isEqualTo(ENGINE.generate(input(DAY, 3)));
  }

  @Test
  @DisplayName("Another seed or another day gives another poster")
  void otherSeedOrDayOtherPoster() {
    byte[] base = ENGINE.generate(input(DAY, 1));

    assertThat(ENGINE.generate(input(DAY, 2))).isNotEqualTo(base);
    assertThat(ENGINE.generate(input(DAY.plusDays(1), 1))).isNotEqualTo(base);
  }

  @Test
  @DisplayName("The portrait is never drawn larger than 1.25x the selfie's pixels, at any face size")
  void portraitNeverEnlargedPastLimit() {
    for (double factor : new double[] {0.25, 0.55, 1.0, 2.0}) {
      int size = (int) Math.round(512 * factor);
      TestFaces.Transformed scaled = TestFaces.transform(SELFIE, TestFaces.ASTRONAUT_FACE,
          AffineTransform.getScaleInstance(factor, factor), size, size);
      PosterEngine.Rendered rendered = ENGINE.render(new GenerationInput(scaled.image(), scaled.face(), DAY, 3, null),
          PosterVariant.DESIGNED, 1);
      assertThat(rendered.portraitScale()).as("scale for %s", factor).isLessThanOrEqualTo(PosterLayout.MAX_SCALE);
      assertThat(rendered.face().width).as("face width for %s", factor)
          .isLessThanOrEqualTo(scaled.face().boxWidth() * PosterLayout.MAX_SCALE + 1);
    }
  }

  @Test
  @DisplayName("A smaller face gets a smaller portrait and more room for the headline")
  void smallFaceGetsBiggerType() {
    PosterLayout small = PosterLayout.of(150, 175, 1);
    PosterLayout large = PosterLayout.of(600, 700, 1);
    assertThat(small.portrait().width).isLessThan(large.portrait().width);
    assertThat(small.headline().height).isGreaterThan(large.headline().height);
    assertThat(small.portraitScale()).isEqualTo(PosterLayout.MAX_SCALE);
    assertThat(large.portraitScale()).isLessThan(1);
  }

  @Test
  @DisplayName("A 60 px face: never past 1.25x at 1x or 2x, and a layout that still reads as designed")
  void sixtyPixelFace() {
    double factor = 60.0 / TestFaces.ASTRONAUT_FACE.boxWidth();
    int size = (int) Math.round(512 * factor);
    TestFaces.Transformed small = TestFaces.transform(SELFIE, TestFaces.ASTRONAUT_FACE,
        AffineTransform.getScaleInstance(factor, factor), size, size);
    assertThat((double) small.face().boxWidth()).isBetween(58.0, 62.0);
    GenerationInput input = new GenerationInput(small.image(), small.face(), DAY, 3, null);
    for (int density : new int[] {1, 2}) {
      PosterEngine.Rendered rendered = ENGINE.render(input, PosterVariant.DESIGNED, density);
      assertThat(rendered.image().getWidth()).isEqualTo(PosterEngine.WIDTH * density);
      assertThat(rendered.portraitScale()).as("density %s", density).isLessThanOrEqualTo(PosterLayout.MAX_SCALE);
      assertThat(rendered.face().width).as("density %s", density)
          .isLessThanOrEqualTo(small.face().boxWidth() * PosterLayout.MAX_SCALE + 1);
    }

    double[] source = PersonCutout.sourceSize(small.face());
    PosterLayout layout = PosterLayout.of(source[0], source[1], 1);
    double[] largeSource = PersonCutout.sourceSize(TestFaces.transform(SELFIE, TestFaces.ASTRONAUT_FACE,
        AffineTransform.getScaleInstance(2, 2), 1024, 1024).face());
    PosterLayout large = PosterLayout.of(largeSource[0], largeSource[1], 1);
    assertThat(layout.portraitScale()).isEqualTo(PosterLayout.MAX_SCALE);
    assertThat(layout.portrait().width).as("a portrait, not a stamp").isGreaterThan(150);
    assertThat(layout.portrait().getCenterX()).isEqualTo(PosterLayout.WIDTH / 2.0);
    assertThat(layout.frame().width).as("the frame stands behind the whole head")
        .isGreaterThanOrEqualTo(layout.portrait().width * 0.86);
    assertThat(layout.portrait().getMaxY()).as("tucked under the copy panel, no floating head")
        .isGreaterThan(layout.copy().y);
    assertThat(layout.headline().height).as("the headline takes the room").isGreaterThan(large.headline().height);
    assertThat(layout.headline().x).isGreaterThanOrEqualTo(PosterLayout.MARGIN);
    assertThat(layout.headline().getMaxX()).isLessThanOrEqualTo(PosterLayout.WIDTH - PosterLayout.MARGIN);
    assertThat(layout.headline().getMaxY()).isLessThan(layout.portrait().y);
  }

  @Test
  @DisplayName("A face at the image border still makes a poster")
  void faceAtBorder() throws IOException {
    AffineTransform shiftLeftUp = AffineTransform.getTranslateInstance(-200, -90);
    TestFaces.Transformed cut = TestFaces.transform(SELFIE, TestFaces.ASTRONAUT_FACE, shiftLeftUp, 300, 300);
    assertThat(cut.face().box()[0]).isLessThan(0);

    byte[] png = ENGINE.generate(new GenerationInput(cut.image(), cut.face(), DAY, 9, null));
    TestFaces.keepSample("border.png", png);

    assertThat(ImageIO.read(new ByteArrayInputStream(png)).getHeight()).isEqualTo(PosterEngine.HEIGHT);
  }

  @Test
  @DisplayName("A tiny face still makes a full poster, its portrait small rather than blown up")
  void tinyFace() throws IOException {
    TestFaces.Transformed small = TestFaces.transform(SELFIE, TestFaces.ASTRONAUT_FACE,
        AffineTransform.getScaleInstance(0.125, 0.125), 64, 64);
    assertThat(small.face().boxWidth()).isLessThan(16);

    byte[] png = ENGINE.generate(new GenerationInput(small.image(), small.face(), DAY, 9, null));
    TestFaces.keepSample("tiny.png", png);

    assertThat(ImageIO.read(new ByteArrayInputStream(png)).getWidth()).isEqualTo(PosterEngine.WIDTH);
  }

  @Test
  @DisplayName("A face known only by its box still makes a poster")
  void boxOnlyFace() throws IOException {
    float[] box = TestFaces.ASTRONAUT_FACE.box();
    FaceGeometry face = FaceGeometry.ofBox(box[0], box[1], box[2], box[3]);

    byte[] png = ENGINE.generate(new GenerationInput(SELFIE, face, DAY, 9, null));

    assertThat(ImageIO.read(new ByteArrayInputStream(png)).getWidth()).isEqualTo(PosterEngine.WIDTH);
  }

  @Test
  @DisplayName("A face outside the image is refused with a GenerationException")
  void faceOutsideImage() {
    FaceGeometry elsewhere = FaceGeometry.ofBox(5000, 5000, 5100, 5120);

    assertThatThrownBy(() -> ENGINE.generate(new GenerationInput(SELFIE, elsewhere, DAY, 1, null)))
        .isInstanceOf(GenerationException.class);
  }

  @Test
  @DisplayName("Missing fonts fall back to the logical sans-serif font instead of failing")
  void missingFontsFallBack() throws IOException {
    PosterFonts missing = PosterFonts.load("/fonts/no-such-font.otf", "/fonts/no-such-font.ttf");
    assertThat(missing.displayBundled()).isFalse();
    assertThat(missing.textBundled()).isFalse();

    byte[] png = new PosterEngine(missing).generate(input(DAY, 11));
    TestFaces.keepSample("fallback-fonts.png", png);

    assertThat(ImageIO.read(new ByteArrayInputStream(png)).getHeight()).isEqualTo(PosterEngine.HEIGHT);
  }

  @Test
  @DisplayName("The bundled fonts load")
  void bundledFontsLoad() {
    assertThat(PosterFonts.bundled().displayBundled()).isTrue();
    assertThat(PosterFonts.bundled().textBundled()).isTrue();
  }

  private static List<String> pngChunkTypes(byte[] png) throws IOException {
    List<String> types = new ArrayList<>();
    try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(png))) {
      in.skipNBytes(8);
      while (in.available() > 0) {
        int length = in.readInt();
        types.add(new String(in.readNBytes(4), StandardCharsets.US_ASCII));
        in.skipNBytes(length + 4L);
      }
    }
    return types;
  }
}
