package ai.motiv8.generation.poster;

import ai.motiv8.faces.Face;
import ai.motiv8.faces.RgbImage;
import ai.motiv8.faces.TestModels;
import ai.motiv8.faces.pack.DefaultFacePack;
import ai.motiv8.generation.FaceEmbedding;
import ai.motiv8.generation.FaceGeometry;
import ai.motiv8.generation.GenerationInput;
import ai.motiv8.generation.ImageEncoding;
import ai.motiv8.generation.content.DailyContent;
import ai.motiv8.generation.content.Theme;
import ai.motiv8.generation.diffusion.FacePackIdentityCheck;
import ai.motiv8.generation.diffusion.IdentityCheck;
import ai.motiv8.generation.diffusion.Pixels;
import ai.motiv8.segmentation.PersonSegmenter;
import ai.motiv8.segmentation.SegmentationPack;
import ai.motiv8.users.Mode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import javax.imageio.ImageIO;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.geom.AffineTransform;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Renders every theme × every mode × three selfie sizes (the astronaut at 0.55×, 1× and 2×: faces
 * of about 60, 110 and 220 pixels) with the real segmentation model and the real default face
 * pack, checks each poster's geometry and identity, and writes the contact sheet
 * {@code target/contact-sheet.png} (and the scores, {@code target/contact-sheet.txt}) for a person to
 * look at.
 */
class PosterContactSheetTest {

  private static final Logger LOG = LoggerFactory.getLogger(PosterContactSheetTest.class);
  private static final double[] SIZES = {0.55, 1.0, 2.0};
  private static final String[] SIZE_NAMES = {"small", "medium", "large"};
  private static final int THUMB_WIDTH = 150;
  private static final int THUMB_HEIGHT = 225;
  /** A band above the posters for the column labels. */
  private static final int LABEL_HEIGHT = 18;

  private static DefaultFacePack pack;
  private static PersonSegmenter segmenter;
  private static PosterEngine engine;

  @BeforeAll
  static void load() {
    pack = DefaultFacePack.load(TestModels.defaultPackDir(), 1);
    segmenter = SegmentationPack.load(TestModels.modelsDir(), 1);
    engine = new PosterEngine(PosterFonts.bundled(), segmenter, new FacePackIdentityCheck(pack),
        pack.embeddingModel());
  }

  @AfterAll
  static void close() {
    segmenter.close();
    pack.close();
  }

  @Test
  @DisplayName("Every theme, mode and selfie size: the face is never enlarged past 1.25x and is still the person's")
  void contactSheet() throws IOException {
    List<Selfie> selfies = new ArrayList<>();
    for (int s = 0; s < SIZES.length; s++) {
      selfies.add(selfie(SIZES[s], SIZE_NAMES[s]));
    }
    int columns = Mode.values().length * selfies.size();
    BufferedImage sheet = new BufferedImage(columns * THUMB_WIDTH,
        LABEL_HEIGHT + Theme.values().length * THUMB_HEIGHT, BufferedImage.TYPE_INT_RGB);
    Graphics2D g = sheet.createGraphics();
    g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BILINEAR);
    g.setRenderingHint(RenderingHints.KEY_RENDERING, RenderingHints.VALUE_RENDER_QUALITY);
    Map<Theme, List<Double>> scores = new EnumMap<>(Theme.class);
    Map<PosterVariant, Integer> variants = new EnumMap<>(PosterVariant.class);
    StringBuilder report = new StringBuilder("theme mode size variant scale face_px identity\n");
    for (Theme theme : Theme.values()) {
      LocalDate day = LocalDate.of(2026, 4, 14).plusMonths(theme.ordinal());
      assertEquals(theme, Theme.ofDate(day));
      for (Mode mode : Mode.values()) {
        for (int s = 0; s < selfies.size(); s++) {
          Selfie selfie = selfies.get(s);
          long seed = theme.ordinal() * 31L + mode.ordinal() * 7L + s;
          GenerationInput input = new GenerationInput(selfie.image(), selfie.face(), day, seed, null, null,
              selfie.embedding(), null).withContent(DailyContent.forDate(day, mode, null), "contact-sheet");
          PosterEngine.Rendered rendered = engine.renderChecked(input);

          assertTrue(rendered.segmented(), "the person model cut the portrait out");
          assertTrue(rendered.portraitScale() <= PosterLayout.MAX_SCALE + 1e-9,
              "portrait scale " + rendered.portraitScale());
          assertTrue(rendered.face().width <= selfie.face().boxWidth() * PosterLayout.MAX_SCALE + 1,
              "face drawn " + rendered.face().width + " px wide from " + selfie.face().boxWidth());
          assertTrue(rendered.identity().isPresent(), "a face is found on the poster");
          double score = rendered.identity().getAsDouble();
          assertTrue(score >= IdentityCheck.SAME_PERSON, theme + " " + mode + " " + selfie.name() + ": " + score);
          scores.computeIfAbsent(theme, t -> new ArrayList<>()).add(score);
          variants.merge(rendered.variant(), 1, Integer::sum);
          report.append(String.format(Locale.ROOT, "%s %s %s %s %.3f %.0f %.3f%n", theme.id(), mode.wireName(),
              selfie.name(), rendered.variant(), rendered.portraitScale(), rendered.face().width, score));

          if (mode == Mode.SHAME && (theme == Theme.ATHLETICS || theme == Theme.WILD)) {
            TestFaces.keepSample("sheet-" + theme.id() + "-" + selfie.name() + ".png", PngEncoder.encode(rendered.image()));
          }
          int column = mode.ordinal() * selfies.size() + s;
          g.drawImage(rendered.image(), column * THUMB_WIDTH, LABEL_HEIGHT + theme.ordinal() * THUMB_HEIGHT,
              THUMB_WIDTH, THUMB_HEIGHT, null);
        }
      }
    }
    labelColumns(g, selfies);
    g.dispose();

    report.append("\ntheme min median\n");
    for (Map.Entry<Theme, List<Double>> entry : scores.entrySet()) {
      double[] values = entry.getValue().stream().mapToDouble(Double::doubleValue).sorted().toArray();
      report.append(String.format(Locale.ROOT, "%s %.3f %.3f%n", entry.getKey().id(), values[0],
          median(values)));
    }
    report.append("\nvariants ").append(variants).append('\n');
    Path target = Path.of("target");
    Files.createDirectories(target);
    ImageIO.write(sheet, "png", target.resolve("contact-sheet.png").toFile());
    // The half-size copy kept in docs/ for the README.
    Files.write(target.resolve("contact-sheet.jpg"),
        ImageEncoding.jpeg(ImageEncoding.downscale(sheet, sheet.getWidth() / 2), 0.82f));
    Files.writeString(target.resolve("contact-sheet.txt"), report);
    LOG.info("Contact sheet written to {}\n{}", target.resolve("contact-sheet.png").toAbsolutePath(), report);
    assertFalse(scores.isEmpty());
  }

  private static void labelColumns(Graphics2D g, List<Selfie> selfies) {
    g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 11));
    for (Mode mode : Mode.values()) {
      for (int s = 0; s < selfies.size(); s++) {
        int x = (mode.ordinal() * selfies.size() + s) * THUMB_WIDTH + 4;
        g.setColor(Color.WHITE);
        g.drawString(mode.wireName() + " / " + selfies.get(s).name(), x, LABEL_HEIGHT - 5);
      }
    }
  }

  static double median(double[] sorted) {
    int n = sorted.length;
    return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
  }

  /** The astronaut scaled by {@code factor}, its face found by the real pack, its embedding the user's. */
  static Selfie selfie(double factor, String name) {
    BufferedImage astronaut = TestFaces.astronaut();
    int size = (int) Math.round(astronaut.getWidth() * factor);
    BufferedImage image = TestFaces.transform(astronaut, TestFaces.ASTRONAUT_FACE,
        AffineTransform.getScaleInstance(factor, factor), size, size).image();
    RgbImage rgb = Pixels.rgbOf(image);
    List<Face> faces = pack.detect(rgb);
    assertFalse(faces.isEmpty(), "a face in the " + name + " selfie");
    Face face = faces.get(0);
    FaceGeometry geometry = new FaceGeometry(new float[] {face.x1(), face.y1(), face.x2(), face.y2()},
        face.keypoints());
    float[] embedding = pack.embed(rgb, face);
    LOG.info("{} selfie: {}x{}, face {} px, keypoints {}", name, size, size, Math.round(face.width()),
        Arrays.toString(face.keypoints()));
    return new Selfie(name, image, geometry, new FaceEmbedding(pack.embeddingModel(), embedding));
  }

  record Selfie(String name, BufferedImage image, FaceGeometry face, FaceEmbedding embedding) {
  }
}
