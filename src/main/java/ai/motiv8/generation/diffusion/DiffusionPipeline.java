package ai.motiv8.generation.diffusion;

import ai.motiv8.generation.GenerationCancelledException;
import ai.motiv8.generation.GenerationControl;
import ai.motiv8.generation.GenerationException;
import ai.motiv8.generation.GenerationParameters;
import ai.motiv8.generation.diffusion.ClipImageProcessor.ChannelOrder;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Stable Diffusion 1.5 with IP-Adapter-FaceID-Plus, stage by stage, as diffusers'
 * {@code StableDiffusionPipeline} runs it under {@code IPAdapterFaceIDPlus.generate}:
 *
 * <ol>
 *   <li>tokenise prompt and negative prompt ({@link ClipTokenizer}, 77 ids each) and encode them
 *       ({@link TextEncoder}, {@code [77, 768]} each);</li>
 *   <li>face tokens ({@link FaceConditioner}, {@code [4, 768]} per branch) appended: 81 tokens;</li>
 *   <li>latents {@code [1, 4, H/8, W/8]} = seeded standard normal noise ({@link LatentNoise});</li>
 *   <li>for each DDIM timestep ({@link DdimScheduler}): the UNet predicts ε for both branches in
 *       one batch of 2 (negative first); ε = ε_u + g·(ε_c − ε_u); one DDIM update. As in
 *       diffusers, guidance g ≤ 1 skips the unconditional branch (ε = ε_c, batch of 1);</li>
 *   <li>VAE decode of latents ÷ 0.18215 to RGB ({@link VaeDecoder}).</li>
 * </ol>
 *
 * Cancellation is checked before every step and before decoding; progress is reported after
 * every step. One pipeline (one session per model) serves every job; thread-safe.
 */
public final class DiffusionPipeline implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(DiffusionPipeline.class);

  private final DiffusionPack pack;
  private final ClipTokenizer tokenizer;
  private final TextEncoder textEncoder;
  private final FaceConditioner faceConditioner;
  private final UNet unet;
  private final VaeDecoder vaeDecoder;
  private final DdimScheduler scheduler = new DdimScheduler();
  private final boolean faceConditioning;

  private DiffusionPipeline(DiffusionPack pack, ClipTokenizer tokenizer, TextEncoder textEncoder,
                            FaceConditioner faceConditioner, UNet unet, VaeDecoder vaeDecoder) {
    this.pack = pack;
    this.tokenizer = tokenizer;
    this.textEncoder = textEncoder;
    this.faceConditioner = faceConditioner;
    this.unet = unet;
    this.vaeDecoder = vaeDecoder;
    this.faceConditioning = faceConditioner != null;
  }

  /**
   * Loads every model of {@code pack} once.
   *
   * @param provider where ONNX Runtime runs
   * @param threads intra-op threads per session
   * @param channelOrder the channel order of the face crop for CLIP ({@link ChannelOrder#RGB})
   * @throws DiffusionPackException naming the file when a model cannot be loaded or does not
   *     match the contract
   */
  public static DiffusionPipeline load(DiffusionPack pack, ExecutionProvider provider, int threads,
                                       ChannelOrder channelOrder) {
    Objects.requireNonNull(pack, "pack");
    ClipTokenizer tokenizer;
    try {
      tokenizer = ClipTokenizer.load(pack.file(DiffusionPack.VOCAB), pack.file(DiffusionPack.MERGES));
    } catch (IOException e) {
      throw new DiffusionPackException(e.getMessage() + "; " + DiffusionPack.HOW_TO, e);
    }
    TextEncoder text = null;
    FaceConditioner face = null;
    UNet unet = null;
    try {
      text = new TextEncoder(pack.file(DiffusionPack.TEXT_ENCODER), provider, threads);
      unet = new UNet(pack.file(DiffusionPack.UNET), provider, threads);
      boolean unetTakesFace = unet.tokens() < 0 || unet.tokens() > ClipTokenizer.CONTEXT_LENGTH;
      if (pack.hasFaceModels() && unetTakesFace) {
        face = new FaceConditioner(pack.file(DiffusionPack.IMAGE_ENCODER), pack.file(DiffusionPack.FACE_PROJECTION),
            provider, threads, channelOrder);
      } else if (pack.hasFaceModels()) {
        LOG.warn("Diffusion pack {}: the UNet takes {} tokens, so the face models are not used", pack.dir(),
            unet.tokens());
      }
      if (unet.tokens() > ClipTokenizer.CONTEXT_LENGTH && face == null) {
        throw new DiffusionPackException(pack.file(DiffusionPack.UNET).toAbsolutePath() + " expects "
            + unet.tokens() + " tokens (text + face) but the pack has no face models ("
            + DiffusionPack.IMAGE_ENCODER + ", " + DiffusionPack.FACE_PROJECTION + "); " + DiffusionPack.HOW_TO);
      }
      VaeDecoder vae = new VaeDecoder(pack.file(DiffusionPack.VAE_DECODER), provider, threads, pack.vaeScaling());
      DiffusionPipeline pipeline = new DiffusionPipeline(pack, tokenizer, text, face, unet, vae);
      if (face == null) {
        LOG.warn("Diffusion pack {} has no face conditioning (no {} / {}): images follow the text prompt only and "
            + "will NOT show the user's face", pack.dir().toAbsolutePath(), DiffusionPack.IMAGE_ENCODER,
            DiffusionPack.FACE_PROJECTION);
      }
      LOG.info("Loaded diffusion pack {} on {} ({} threads per session): {}, UNet tokens {}, adapter scale {}",
          pack.name(), provider, threads, face != null ? "text + face conditioning" : "text only",
          unet.tokens() < 0 ? "dynamic" : unet.tokens(), unet.hasAdapterScale() ? "an input" : "fixed");
      return pipeline;
    } catch (RuntimeException e) {
      closeAll(text, face, unet);
      throw e;
    }
  }

  /** Whether images are conditioned on the user's face (FaceID-Plus pack), else text only. */
  public boolean faceConditioning() {
    return faceConditioning;
  }

  /** The length of embedding the face projection takes, or 0 without face conditioning. */
  public int embeddingSize() {
    return faceConditioning ? faceConditioner.embeddingSize() : 0;
  }

  public DiffusionPack pack() {
    return pack;
  }

  /**
   * Makes one image.
   *
   * @throws GenerationCancelledException when {@code control} cancels between steps
   * @throws GenerationException when a face pack gets no face
   */
  public DiffusionResult run(DiffusionRequest request, GenerationControl control) {
    return run(request, control, false);
  }

  /**
   * Makes one image from the text alone, whatever the pack: the background pass of the
   * two-stage path. A face pack gets neutral face tokens ({@link FaceConditioner#neutral}) at
   * adapter scale 0, so no face steers the picture; the request's face is ignored.
   *
   * @throws GenerationCancelledException when {@code control} cancels between steps
   */
  public DiffusionResult runTextOnly(DiffusionRequest request, GenerationControl control) {
    return run(request, control, true);
  }

  private DiffusionResult run(DiffusionRequest request, GenerationControl control, boolean textOnly) {
    long start = System.nanoTime();
    GenerationParameters parameters = request.parameters();
    int steps = parameters.steps();
    if (faceConditioning && request.face() == null && !textOnly) {
      throw new GenerationException("The diffusion pack " + pack.name() + " conditions on a face, but the request has none");
    }
    if (tokenizer.countTokens(request.prompt()) > ClipTokenizer.CONTEXT_LENGTH - 2) {
      LOG.warn("The prompt has {} CLIP tokens; only the first {} are used", tokenizer.countTokens(request.prompt()),
          ClipTokenizer.CONTEXT_LENGTH - 2);
    }
    checkCancelled(control, 0, steps);
    boolean guided = parameters.guidanceScale() > 1.0;
    float[][] text = guided
        ? textEncoder.encode(tokenizer.encode(parameters.negativePrompt()), tokenizer.encode(request.prompt()))
        : textEncoder.encode(tokenizer.encode(request.prompt()));
    long afterText = System.nanoTime();

    float[][] conditioning = text;
    int tokenCount = ClipTokenizer.CONTEXT_LENGTH;
    if (faceConditioning) {
      checkCancelled(control, 0, steps);
      DiffusionRequest.Face face = request.face();
      FaceTokens tokens = textOnly ? faceConditioner.neutral()
          : faceConditioner.condition(face.alignedCrop(), face.embedding());
      conditioning = guided
          ? new float[][] {concat(text[0], tokens.unconditional()), concat(text[1], tokens.conditional())}
          : new float[][] {concat(text[0], tokens.conditional())};
      tokenCount += tokens.tokens();
    }
    long afterFace = System.nanoTime();

    LatentShape shape = LatentShape.ofImage(request.width(), request.height());
    float[] latents = LatentNoise.gaussian(request.seed(), shape.size());
    float sigma = scheduler.initNoiseSigma();
    for (int i = 0; i < latents.length; i++) {
      latents[i] *= sigma;
    }
    int[] timesteps = scheduler.timesteps(steps);
    float guidance = (float) parameters.guidanceScale();
    float adapterScale = textOnly ? 0f : (float) parameters.adapterScale();
    long unetNanos = 0;
    long loopStart = System.nanoTime();
    try (UNet.Run denoising = unet.start(shape, conditioning, tokenCount, adapterScale)) {
      for (int i = 0; i < steps; i++) {
        checkCancelled(control, i, steps);
        UNet.Prediction prediction = denoising.predict(latents, timesteps[i]);
        unetNanos += prediction.sessionNanos();
        float[] noise = guided ? guide(prediction.noise()[0], prediction.noise()[1], guidance) : prediction.noise()[0];
        latents = scheduler.step(noise, timesteps[i], latents, steps);
        control.progress(i + 1, steps);
      }
    }
    long afterLoop = System.nanoTime();
    checkCancelled(control, steps, steps);
    BufferedImage image = vaeDecoder.decode(latents, shape);
    long end = System.nanoTime();

    DiffusionResult.Timings timings = new DiffusionResult.Timings(ms(afterText - start), ms(afterFace - afterText),
        ms(unetNanos), ms(afterLoop - loopStart - unetNanos), ms(end - afterLoop), ms(end - start), steps);
    return new DiffusionResult(image, latents, faceConditioning && !textOnly, timings);
  }

  /** ε = ε_u + g·(ε_c − ε_u), element-wise, float32 as diffusers computes it. */
  static float[] guide(float[] unconditional, float[] conditional, float guidance) {
    float[] out = new float[unconditional.length];
    for (int i = 0; i < out.length; i++) {
      out[i] = unconditional[i] + guidance * (conditional[i] - unconditional[i]);
    }
    return out;
  }

  private static float[] concat(float[] a, float[] b) {
    float[] out = new float[a.length + b.length];
    System.arraycopy(a, 0, out, 0, a.length);
    System.arraycopy(b, 0, out, a.length, b.length);
    return out;
  }

  private static void checkCancelled(GenerationControl control, int done, int steps) {
    if (control.cancelled()) {
      throw new GenerationCancelledException(done, steps);
    }
  }

  private static double ms(long nanos) {
    return nanos / 1e6;
  }

  @Override
  public void close() {
    closeAll(textEncoder, faceConditioner, unet, vaeDecoder);
  }

  private static void closeAll(AutoCloseable... stages) {
    RuntimeException failure = null;
    for (AutoCloseable stage : stages) {
      if (stage == null) {
        continue;
      }
      try {
        stage.close();
      } catch (Exception e) {
        if (failure == null) {
          failure = new IllegalStateException("Cannot close a diffusion stage", e);
        }
      }
    }
    if (failure != null) {
      throw failure;
    }
  }
}
