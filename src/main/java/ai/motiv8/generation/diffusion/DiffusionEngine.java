package ai.motiv8.generation.diffusion;

import ai.motiv8.faces.FaceAligner;
import ai.motiv8.faces.RgbImage;
import ai.motiv8.generation.BackgroundCache;
import ai.motiv8.generation.FaceEmbedding;
import ai.motiv8.generation.GenerationEngine;
import ai.motiv8.generation.GenerationException;
import ai.motiv8.generation.GenerationInput;
import ai.motiv8.generation.PersonComposite;
import ai.motiv8.generation.content.DailyContent;
import ai.motiv8.generation.diffusion.ClipImageProcessor.ChannelOrder;
import java.awt.image.BufferedImage;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Objects;
import java.util.OptionalDouble;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The {@code diffusion} engine: the original's Stable Diffusion 1.5 + IP-Adapter-FaceID-Plus
 * pipeline on ONNX Runtime ({@link DiffusionPipeline}), 512 × 768 PNGs.
 *
 * <p>It needs the user's embedding from InsightFace buffalo_l ({@value #EMBEDDING_MODEL}), the
 * space the adapter was trained on, and the face's five keypoints (for the 224 × 224 aligned
 * crop CLIP sees). Embeddings of another model are refused: they would steer the adapter to a
 * stranger's face. Thread-safe: one engine serves every worker thread; jobs share its sessions.
 *
 * <p>An input with the day's content ({@link GenerationInput#content()}) takes the original's
 * two-stage path: the day's background from its text alone ({@link DiffusionPipeline#runTextOnly},
 * no face), rendered once per run and theme ({@link BackgroundCache}) from a seed of the day; then
 * the person with the face conditioning and the mode's person prompt on a plain studio background
 * (the job's seed); then the person cut out and laid over the background with a feathered mask
 * ({@link PersonComposite}). The identity check looks at the composite. An input without content
 * makes one image from its prompt.
 */
public final class DiffusionEngine implements GenerationEngine, AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(DiffusionEngine.class);

  public static final String NAME = "diffusion";
  /** The PNG {@code tEXt} keyword under which each image names its engine and pack. */
  public static final String PNG_SOFTWARE = "Software";
  /** The embedding model IP-Adapter-FaceID was trained on (= {@code BuffaloPack.EMBEDDING_MODEL}). */
  public static final String EMBEDDING_MODEL = "buffalo_l/w600k_r50";
  /** Used when the input has no prompt. */
  public static final String DEFAULT_PROMPT = "photo of a muscular bodybuilder in a gym, flexing, dramatic light, "
      + "photorealistic portrait, best quality, high quality";

  private final DiffusionPipeline pipeline;
  private final int width;
  private final int height;
  private final BackgroundCache backgrounds = new BackgroundCache();
  private volatile IdentityCheck identityCheck;

  /** An engine over a loaded pipeline making {@code width × height} images (multiples of 8). */
  public DiffusionEngine(DiffusionPipeline pipeline, int width, int height) {
    this.pipeline = Objects.requireNonNull(pipeline, "pipeline");
    if (width <= 0 || height <= 0 || width % VaeDecoder.SCALE != 0 || height % VaeDecoder.SCALE != 0) {
      throw new IllegalArgumentException("image size must be positive multiples of 8, got " + width + "x" + height);
    }
    this.width = width;
    this.height = height;
  }

  /**
   * Loads the pack in {@code packDir} (checking sizes and SHA-256 against its manifest) for
   * 512 × 768 images.
   *
   * @param executionProvider {@code cpu} (default when null or blank) or {@code cuda}
   * @param threads intra-op threads per session
   * @throws DiffusionPackException naming the missing or wrong file, with a pointer to the docs
   * @throws IllegalStateException when CUDA is asked for and this ONNX Runtime build lacks it
   */
  public static DiffusionEngine load(Path packDir, String executionProvider, int threads) {
    DiffusionPack pack = DiffusionPack.open(packDir, true);
    ExecutionProvider provider = ExecutionProvider.lookup(executionProvider);
    DiffusionPipeline pipeline = DiffusionPipeline.load(pack, provider, threads, ChannelOrder.RGB);
    return new DiffusionEngine(pipeline, DiffusionRequest.DEFAULT_WIDTH, DiffusionRequest.DEFAULT_HEIGHT);
  }

  /** Sets the quality check run on every image (e.g. {@link FacePackIdentityCheck} over buffalo_l). */
  public DiffusionEngine identityCheck(IdentityCheck check) {
    this.identityCheck = check;
    return this;
  }

  @Override
  public String name() {
    return NAME;
  }

  public DiffusionPipeline pipeline() {
    return pipeline;
  }

  /** The backgrounds of the two-stage path kept on this worker (rendered once per run and theme). */
  public BackgroundCache backgrounds() {
    return backgrounds;
  }

  @Override
  public byte[] generate(GenerationInput input) {
    return generateDetailed(input).png();
  }

  @Override
  public EngineOutput generateReported(GenerationInput input) {
    Output output = generateDetailed(input);
    return new EngineOutput(output.png(), output.identitySimilarity());
  }

  /** With a face-conditioned pack, every input needs the user's buffalo_l embedding. */
  @Override
  public boolean needsFaceEmbedding() {
    return pipeline.faceConditioning();
  }

  /** What the PNGs say made them ({@value #PNG_SOFTWARE}), e.g. {@code motiv8 diffusion, pack tiny-test}. */
  public String software() {
    return "motiv8 " + NAME + ", pack " + pipeline.pack().name();
  }

  /**
   * Generates and reports: the PNG, the run's details and, with an identity check, the
   * similarity of the output's face to the user's.
   */
  public Output generateDetailed(GenerationInput input) {
    if (input.content() != null) {
      return twoStage(input, input.content());
    }
    DiffusionRequest.Face face = pipeline.faceConditioning() ? face(input) : null;
    String prompt = input.prompt() == null || input.prompt().isBlank() ? DEFAULT_PROMPT : input.prompt();
    DiffusionRequest request = new DiffusionRequest(prompt, input.parameters(), input.seed(), width, height, face);
    DiffusionResult result = pipeline.run(request, input.control());
    byte[] png = PngText.with(Pixels.png(result.image()), PNG_SOFTWARE, software());
    OptionalDouble similarity = OptionalDouble.empty();
    IdentityCheck check = identityCheck;
    if (check != null && input.faceEmbedding() != null) {
      similarity = check.similarity(result.image(), input.faceEmbedding().vector());
    }
    DiffusionResult.Timings t = result.timings();
    LOG.info("Diffusion image {}x{} seed {} in {} ms ({} steps, UNet {} ms/step, Java {} ms/step, VAE {} ms); "
            + "face conditioning {}; identity similarity to the selfie {}",
        width, height, input.seed(), Math.round(t.totalMs()), t.steps(), Math.round(t.unetPerStepMs()),
        String.format(java.util.Locale.ROOT, "%.2f", t.overheadPerStepMs()), Math.round(t.vaeMs()),
        result.faceConditioned() ? "on" : "OFF (text-only pack)",
        similarity.isPresent() ? String.format(java.util.Locale.ROOT, "%.3f", similarity.getAsDouble())
            : (check == null ? "not checked" : "n/a (no face found)"));
    return new Output(png, result, similarity);
  }

  /** Background (shared), person (this user), feathered composite. */
  private Output twoStage(GenerationInput input, DailyContent content) {
    long start = System.nanoTime();
    DiffusionRequest.Face face = pipeline.faceConditioning() ? face(input) : null;
    BackgroundCache.Key key = new BackgroundCache.Key(input.backgroundScope(), content.index(), content.theme(), NAME,
        width, height);
    double[] backgroundMs = {0};
    BufferedImage background = backgrounds.get(key, () -> {
      DiffusionRequest request = new DiffusionRequest(content.backgroundPrompt(),
          input.parameters().withNegativePrompt(content.backgroundNegativePrompt()), content.backgroundSeed(), width,
          height, null);
      DiffusionResult rendered = pipeline.runTextOnly(request, input.control());
      backgroundMs[0] = rendered.timings().totalMs();
      LOG.info("Diffusion background for {} (theme {}, day {}) {}x{} in {} ms, shared by the {}", key.scope(),
          content.theme().id(), content.index(), width, height, Math.round(backgroundMs[0]),
          input.runId() != null ? "run" : "day");
      return rendered.image();
    });
    long afterBackground = System.nanoTime();
    DiffusionRequest personRequest = new DiffusionRequest(content.personPrompt(),
        input.parameters().withNegativePrompt(content.personNegativePrompt()), input.seed(), width, height, face);
    DiffusionResult person = pipeline.run(personRequest, input.control());
    long afterPerson = System.nanoTime();
    PersonComposite.Result composite = PersonComposite.compose(background, person.image());
    long afterComposite = System.nanoTime();
    byte[] png = PngText.with(Pixels.png(composite.image()), PNG_SOFTWARE, software());
    OptionalDouble similarity = OptionalDouble.empty();
    IdentityCheck check = identityCheck;
    if (check != null && input.faceEmbedding() != null) {
      similarity = check.similarity(composite.image(), input.faceEmbedding().vector());
    }
    Stages stages = new Stages(backgroundMs[0] > 0, backgroundMs[0], ms(afterBackground - start),
        ms(afterPerson - afterBackground), ms(afterComposite - afterPerson), composite.mask().method(),
        composite.mask().coverage());
    LOG.info("Diffusion two-stage image {}x{} seed {} ({}, mode {}): background {}, person {} ms ({} steps), "
            + "composite {} ms ({} mask, person {}% of the image); identity similarity {}",
        width, height, input.seed(), content.theme().id(), content.mode().wireName(),
        stages.backgroundRendered() ? Math.round(stages.backgroundMs()) + " ms" : "shared",
        Math.round(stages.personMs()), person.timings().steps(), Math.round(stages.compositeMs()), stages.mask(),
        Math.round(stages.coverage() * 100), similarity.isPresent()
            ? String.format(Locale.ROOT, "%.3f", similarity.getAsDouble()) : (check == null ? "not checked" : "n/a"));
    DiffusionResult result = new DiffusionResult(composite.image(), person.latents(), person.faceConditioned(),
        person.timings());
    return new Output(png, result, similarity, stages);
  }

  private static double ms(long nanos) {
    return nanos / 1e6;
  }

  private DiffusionRequest.Face face(GenerationInput input) {
    FaceEmbedding embedding = input.faceEmbedding();
    if (embedding == null) {
      throw new GenerationException("The diffusion engine needs the user's face embedding from the buffalo_l face "
          + "pack (" + EMBEDDING_MODEL + "); none was given. Configure face.pack=buffalo_l and run "
          + "'models reembed' (see docs/diffusion.md, \"Face pack requirement\")");
    }
    if (!EMBEDDING_MODEL.equals(embedding.model())) {
      throw new GenerationException("The diffusion engine needs a buffalo_l face embedding (" + EMBEDDING_MODEL
          + "), but this user's was made by " + embedding.model() + ", a different embedding space that would "
          + "draw someone else's face. Configure face.pack=buffalo_l and run 'models reembed' "
          + "(see docs/diffusion.md, \"Face pack requirement\")");
    }
    float[] vector = embedding.vector();
    if (vector.length != pipeline.embeddingSize()) {
      throw new GenerationException("The face embedding has " + vector.length + " values, the pack's projection takes "
          + pipeline.embeddingSize());
    }
    if (!input.face().hasKeypoints()) {
      throw new GenerationException("The diffusion engine needs the face's five keypoints to align it for CLIP");
    }
    RgbImage selfie = Pixels.rgbOf(input.selfie());
    RgbImage crop = FaceAligner.align(selfie, input.face().keypoints(), FaceConditioner.CROP_SIZE);
    return new DiffusionRequest.Face(crop, vector);
  }

  @Override
  public void close() {
    pipeline.close();
  }

  /**
   * One generated image.
   *
   * @param png the PNG bytes
   * @param result the picture, its latents and timings
   * @param identitySimilarity cosine between the output's face and the user's embedding, when checked
   * @param stages the two-stage path's parts, or null for a single-stage image ({@code result} is
   *     then the person pass with the composite as its image)
   */
  public record Output(byte[] png, DiffusionResult result, OptionalDouble identitySimilarity, Stages stages) {

    /** A single-stage image. */
    public Output(byte[] png, DiffusionResult result, OptionalDouble identitySimilarity) {
      this(png, result, identitySimilarity, null);
    }

    public BufferedImage image() {
      return result.image();
    }
  }

  /**
   * Where a two-stage image's time went, in milliseconds.
   *
   * @param backgroundRendered whether this job rendered the background (else it was shared)
   * @param backgroundMs the background pass, 0 when shared
   * @param backgroundWaitMs from the start until the background was at hand (rendering or waiting for it)
   * @param personMs the person pass
   * @param compositeMs matte, feather and composite
   * @param mask {@code matte} or {@code ellipse}
   * @param coverage the share of the image that is the person
   */
  public record Stages(boolean backgroundRendered, double backgroundMs, double backgroundWaitMs, double personMs,
                       double compositeMs, String mask, double coverage) {
  }
}
