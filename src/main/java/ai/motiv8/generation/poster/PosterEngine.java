package ai.motiv8.generation.poster;

import ai.motiv8.generation.BackgroundCache;
import ai.motiv8.generation.FaceEmbedding;
import ai.motiv8.generation.GenerationEngine;
import ai.motiv8.generation.GenerationInput;
import ai.motiv8.generation.ImageEncoding;
import ai.motiv8.generation.content.DailyContent;
import ai.motiv8.generation.content.Theme;
import ai.motiv8.generation.diffusion.IdentityCheck;
import ai.motiv8.segmentation.PersonSegmenter;
import ai.motiv8.storage.ImageVariant;
import ai.motiv8.users.Mode;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.geom.Rectangle2D;
import java.awt.image.BufferedImage;
import java.util.EnumMap;
import java.util.Map;
import java.util.OptionalDouble;

/**
 * The {@code poster} engine: a 600×900 poster of the person's own head and shoulders (cut out
 * with the person segmentation model, graded to the month's {@link Theme}, never enlarged past
 * {@link PosterLayout#MAX_SCALE}× the selfie's pixels) in front of the theme's background art and
 * a frame, with the day's headline and line set in the bundled fonts. Rendering is headless
 * Java2D and deterministic: the same input gives the same bytes.
 *
 * <p>Theme and words come from the day's {@link DailyContent} ({@link GenerationInput#content()}:
 * the month's theme, the mode's headline and copy); an input without content gets the day's
 * content in {@link Mode#TONED}. The theme's art ({@link ThemeArt}) is rendered once per run, day
 * and size through a {@link BackgroundCache} and shared by every poster of that run.
 *
 * <p>With an {@link IdentityCheck} every poster is checked after rendering: the face found in it
 * must match the user's stored embedding with cosine ≥ {@link IdentityCheck#SAME_PERSON}, else it
 * is drawn again lighter ({@link PosterVariant#LIGHTER}), else in the safest variant, whose score
 * is reported either way.
 *
 * <p>Thread-safe: one instance serves every worker thread.
 */
public final class PosterEngine implements GenerationEngine {

  private static final Logger LOG = LoggerFactory.getLogger(PosterEngine.class);

  public static final String NAME = "poster";
  public static final int WIDTH = PosterLayout.WIDTH;
  public static final int HEIGHT = PosterLayout.HEIGHT;

  private final PosterFonts fonts;
  private final PersonSegmenter segmenter;
  private final IdentityCheck identity;
  private final String identityModel;
  private final BackgroundCache backgrounds;

  /** An engine with the bundled fonts, the oval cut-out and no identity check. */
  public PosterEngine() {
    this(PosterFonts.bundled(), null, null, null);
  }

  public PosterEngine(PosterFonts fonts) {
    this(fonts, null, null, null);
  }

  /**
   * @param segmenter the person model, or null for the oval cut-out
   * @param identity the check of every poster, or null for none
   * @param identityModel the embedding model the check computes (e.g. {@code default/fr_feature});
   *     users whose stored embedding comes from another model are not checked
   */
  public PosterEngine(PosterFonts fonts, PersonSegmenter segmenter, IdentityCheck identity, String identityModel) {
    this(fonts, segmenter, identity, identityModel, new BackgroundCache());
  }

  public PosterEngine(PosterFonts fonts, PersonSegmenter segmenter, IdentityCheck identity, String identityModel,
                      BackgroundCache backgrounds) {
    this.fonts = fonts;
    this.segmenter = segmenter;
    this.identity = identity;
    this.identityModel = identityModel;
    this.backgrounds = backgrounds;
  }

  @Override
  public String name() {
    return NAME;
  }

  /** The theme art kept on this worker (rendered once per run, day and size). */
  public BackgroundCache backgrounds() {
    return backgrounds;
  }

  @Override
  public boolean needsFaceEmbedding() {
    return identity != null;
  }

  /** The standard 600×900 PNG only (checked like {@link #generateReported}), without its variants. */
  @Override
  public byte[] generate(GenerationInput input) {
    return PngEncoder.encode(renderChecked(input).image());
  }

  /**
   * The checked poster as PNG and its variants: the same poster as JPEG, drawn again at density 2
   * (1200×1800, PNG and JPEG; the layout is chosen for that density, so its portrait too stays
   * within {@link PosterLayout#MAX_SCALE} of the selfie's pixels) in the variant that passed the
   * check, and a {@value ImageVariant#PREVIEW_WIDTH}-pixel-wide JPEG preview.
   */
  @Override
  public EngineOutput generateReported(GenerationInput input) {
    Rendered rendered = renderChecked(input);
    BufferedImage doubled = render(input, rendered.variant(), 2).image();
    return new EngineOutput(PngEncoder.encode(rendered.image()), rendered.identity(),
        variants(rendered.image(), doubled));
  }

  /** The variants of a poster drawn at densities 1 and 2. */
  static Map<ImageVariant, byte[]> variants(BufferedImage standard, BufferedImage doubled) {
    Map<ImageVariant, byte[]> variants = new EnumMap<>(ImageVariant.class);
    variants.put(ImageVariant.JPEG, ImageEncoding.jpeg(standard, ImageEncoding.JPEG_QUALITY));
    variants.put(ImageVariant.PNG_2X, PngEncoder.encode(doubled));
    variants.put(ImageVariant.JPEG_2X, ImageEncoding.jpeg(doubled, ImageEncoding.JPEG_QUALITY));
    variants.put(ImageVariant.PREVIEW, ImageEncoding.jpeg(
        ImageEncoding.downscale(standard, ImageVariant.PREVIEW_WIDTH), ImageEncoding.PREVIEW_QUALITY));
    return variants;
  }

  /**
   * The poster as an image, identity-checked when the engine has a check and the input an
   * embedding of the check's model: the first variant whose face scores ≥ the threshold, else the
   * safest variant with its score.
   */
  public Rendered renderChecked(GenerationInput input) {
    FaceEmbedding embedding = input.faceEmbedding();
    if (identity == null || embedding == null || !embedding.model().equals(identityModel)) {
      return render(input, PosterVariant.DESIGNED, 1);
    }
    Rendered last = null;
    for (PosterVariant variant : PosterVariant.values()) {
      Rendered rendered = render(input, variant, 1);
      OptionalDouble score = identity.similarity(rendered.image(), embedding.vector());
      last = rendered.withIdentity(score);
      if (score.isPresent() && score.getAsDouble() >= IdentityCheck.SAME_PERSON) {
        return last;
      }
      LOG.info("Poster variant {} scored {} against the user's face (threshold {}), drawing it again",
          variant, score.isPresent() ? String.format("%.3f", score.getAsDouble()) : "no face",
          IdentityCheck.SAME_PERSON);
    }
    return last;
  }

  /** The designed poster at 600×900, unchecked, before encoding. */
  public BufferedImage render(GenerationInput input) {
    return render(input, PosterVariant.DESIGNED, 1).image();
  }

  /** The poster in {@code variant} at {@code density} (1: 600×900, 2: 1200×1800), unchecked. */
  public Rendered render(GenerationInput input, PosterVariant variant, double density) {
    DailyContent content = contentOf(input);
    Theme theme = content.theme();
    PosterTheme look = PosterTheme.of(theme);
    double[] source = segmenter != null ? PersonCutout.sourceSize(input.face())
        : new double[] {FaceCutout.TILE_WIDTH_UNITS * FaceCutout.Alignment.of(input.face()).unit(),
            FaceCutout.TILE_HEIGHT_UNITS * FaceCutout.Alignment.of(input.face()).unit()};
    PosterLayout layout = PosterLayout.of(source[0], source[1], density);
    PersonCutout.Cutout cutout = PersonCutout.cut(input.selfie(), input.face(), layout.portraitScale(), segmenter);
    ColourGrade.apply(cutout.tile(), look, variant.grade());

    BufferedImage poster = new BufferedImage(layout.width(), layout.height(), BufferedImage.TYPE_INT_RGB);
    Graphics2D g = poster.createGraphics();
    Rectangle2D.Double faceOnPoster;
    try {
      applyQualityHints(g);
      g.drawImage(background(input, content, look, layout.width(), layout.height()), 0, 0, null);
      g.scale(density, density);
      boolean ring = (Seeds.random(input.date(), input.seed(), FRAME).nextBoolean()) ^ variant.otherFrame();
      if (variant.decorated()) {
        PosterFrame.paint(g, layout, look, ring);
      } else {
        PosterFrame.paintQuiet(g, layout, look);
      }
      // The portrait is drawn in output pixels (no further scaling): its size is the layout's.
      g.scale(1 / density, 1 / density);
      int x = (layout.width() - cutout.tile().getWidth()) / 2;
      int y = (int) Math.round(layout.portrait().getMaxY() * density) - cutout.tile().getHeight();
      g.drawImage(cutout.tile(), x, y, null);
      faceOnPoster = new Rectangle2D.Double(x + cutout.faceBox().x, y + cutout.faceBox().y,
          cutout.faceBox().width, cutout.faceBox().height);
      g.scale(density, density);
      new PosterType(fonts, layout, look).draw(g, input.date(), theme, content.headline(), content.copy());
    } finally {
      g.dispose();
    }
    return new Rendered(poster, variant, cutout.scale(), faceOnPoster, cutout.segmented(), OptionalDouble.empty());
  }

  /** The input's content, or the day's in {@link Mode#TONED} (no mode known). */
  static DailyContent contentOf(GenerationInput input) {
    return input.content() != null ? input.content() : DailyContent.forDate(input.date(), Mode.TONED, null);
  }

  private BufferedImage background(GenerationInput input, DailyContent content, PosterTheme look, int width,
                                   int height) {
    BackgroundCache.Key key = new BackgroundCache.Key(input.backgroundScope(), content.index(), content.theme(), NAME,
        width, height);
    return backgrounds.get(key, () -> ThemeArt.render(look, content.index(), width, height));
  }

  /** Salt of the seed's frame choice. */
  private static final long FRAME = 0x4652L;

  private static void applyQualityHints(Graphics2D g) {
    g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
    g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
    g.setRenderingHint(RenderingHints.KEY_FRACTIONALMETRICS, RenderingHints.VALUE_FRACTIONALMETRICS_ON);
    g.setRenderingHint(RenderingHints.KEY_RENDERING, RenderingHints.VALUE_RENDER_QUALITY);
    g.setRenderingHint(RenderingHints.KEY_COLOR_RENDERING, RenderingHints.VALUE_COLOR_RENDER_QUALITY);
    g.setRenderingHint(RenderingHints.KEY_STROKE_CONTROL, RenderingHints.VALUE_STROKE_PURE);
    g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BICUBIC);
  }

  /**
   * One rendered poster and what is known about it.
   *
   * @param portraitScale output pixels per selfie pixel of the portrait (≤ {@link PosterLayout#MAX_SCALE})
   * @param face the detector's face box as drawn on the poster, in output pixels
   * @param segmented whether the person model cut the portrait out (else the oval fallback)
   * @param identity the identity check's cosine, when checked and a face was found
   */
  public record Rendered(BufferedImage image, PosterVariant variant, double portraitScale, Rectangle2D.Double face,
                         boolean segmented, OptionalDouble identity) {

    Rendered withIdentity(OptionalDouble score) {
      return new Rendered(image, variant, portraitScale, face, segmented, score);
    }
  }
}
