package ai.motiv8.generation.diffusion;

import ai.motiv8.faces.RgbImage;
import ai.motiv8.generation.diffusion.ClipImageProcessor.ChannelOrder;
import ai.onnxruntime.NodeInfo;
import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/**
 * IP-Adapter-FaceID-Plus's face conditioning: the user's buffalo_l embedding and their aligned
 * face crop become the face tokens of the UNet's decoupled cross-attention.
 *
 * <ul>
 *   <li>image encoder ({@code image_encoder/model.onnx}, CLIP ViT-H/14): {@code pixel_values
 *       [B, 3, 224, 224]} (see {@link ClipImageProcessor}) → {@code penultimate_hidden_states
 *       [B, 257, 1280]} (the hidden states before the last transformer layer);</li>
 *   <li>projection ({@code face_projection/model.onnx}, {@code ProjPlusModel}, shortcut off):
 *       {@code id_embeds [B, 512]} + {@code clip_embeds [B, 257, 1280]} → {@code face_tokens
 *       [B, 4, 768]}.</li>
 * </ul>
 *
 * The unconditional branch is a zero embedding with the CLIP states of an all-zero
 * {@code pixel_values} tensor (not a black picture); it does not depend on the user, so it is
 * computed once and kept. Thread-safe.
 */
public final class FaceConditioner implements AutoCloseable {

  static final String PIXEL_VALUES = "pixel_values";
  static final String PENULTIMATE = "penultimate_hidden_states";
  static final String ID_EMBEDS = "id_embeds";
  static final String CLIP_EMBEDS = "clip_embeds";
  static final String FACE_TOKENS = "face_tokens";
  /** The side of the aligned crop and of CLIP's input. */
  public static final int CROP_SIZE = 224;

  private final OrtSession encoder;
  private final OrtSession projection;
  private final String pixelInput;
  private final String idInput;
  private final String clipInput;
  private final int imageSize;
  private final int embeddingSize;
  private final ChannelOrder channelOrder;
  private volatile float[] unconditional;
  private volatile int tokens = -1;
  private volatile int width = -1;

  public FaceConditioner(Path imageEncoder, Path faceProjection, ExecutionProvider provider, int threads,
                         ChannelOrder channelOrder) {
    this.channelOrder = channelOrder;
    this.encoder = OrtSessions.open(imageEncoder, provider, threads);
    OrtSession opened = null;
    try {
      opened = OrtSessions.open(faceProjection, provider, threads);
      this.projection = opened;
      String pixels = OrtSessions.firstInput(encoder, PIXEL_VALUES);
      if (pixels == null && encoder.getNumInputs() == 1) {
        pixels = encoder.getInputNames().iterator().next();
      }
      if (pixels == null) {
        throw new DiffusionPackException(imageEncoder.toAbsolutePath() + " should take " + PIXEL_VALUES
            + " [batch, 3, 224, 224], it takes " + encoder.getInputNames() + "; " + DiffusionPack.HOW_TO);
      }
      this.pixelInput = pixels;
      long[] pixelShape = OrtSessions.input(encoder, pixels).getShape();
      this.imageSize = pixelShape.length == 4 && pixelShape[3] > 0 ? (int) pixelShape[3] : CROP_SIZE;
      String id = OrtSessions.firstInput(projection, ID_EMBEDS);
      String clip = OrtSessions.firstInput(projection, CLIP_EMBEDS);
      if (id == null || clip == null) {
        for (Map.Entry<String, NodeInfo> e : projection.getInputInfo().entrySet()) {
          int rank = OrtSessions.tensorInfo(e.getValue()).getShape().length;
          if (rank == 2 && id == null) {
            id = e.getKey();
          } else if (rank == 3 && clip == null) {
            clip = e.getKey();
          }
        }
      }
      if (id == null || clip == null || projection.getNumInputs() != 2) {
        throw new DiffusionPackException(faceProjection.toAbsolutePath() + " should take " + ID_EMBEDS
            + " [batch, 512] and " + CLIP_EMBEDS + " [batch, 257, 1280], it takes " + projection.getInputNames()
            + "; " + DiffusionPack.HOW_TO);
      }
      this.idInput = id;
      this.clipInput = clip;
      long[] idShape = OrtSessions.input(projection, id).getShape();
      this.embeddingSize = idShape.length == 2 && idShape[1] > 0 ? (int) idShape[1] : 512;
    } catch (OrtException e) {
      closeQuietly(encoder, opened);
      throw new DiffusionPackException("Cannot read the face models' inputs: " + e.getMessage(), e);
    } catch (RuntimeException e) {
      closeQuietly(encoder, opened);
      throw e;
    }
  }

  /** Length of the embedding the projection takes (512 for buffalo_l). */
  public int embeddingSize() {
    return embeddingSize;
  }

  /**
   * The face tokens of both guidance branches.
   *
   * @param alignedCrop the face warped to InsightFace's template at 224 × 224
   *     ({@code FaceAligner.align(image, keypoints, 224)})
   * @param embedding the buffalo_l {@code normed_embedding} of the same face
   */
  public FaceTokens condition(RgbImage alignedCrop, float[] embedding) {
    if (embedding.length != embeddingSize) {
      throw new IllegalArgumentException("the face projection takes " + embeddingSize + " embedding values, got "
          + embedding.length);
    }
    float[] pixels = ClipImageProcessor.pixelValues(alignedCrop, imageSize, channelOrder);
    float[] conditional = project(embedding, pixels);
    float[] negative = unconditional;
    if (negative == null) {
      negative = project(new float[embeddingSize], new float[pixels.length]);
      unconditional = negative;
    }
    return new FaceTokens(conditional, negative, tokens, width);
  }

  /**
   * Face tokens that carry no face, for the background pass of the two-stage path: both branches
   * get the unconditional tokens (a zero embedding and a zero image, the negative branch's).
   */
  public FaceTokens neutral() {
    float[] negative = unconditional;
    if (negative == null) {
      negative = project(new float[embeddingSize], new float[3 * imageSize * imageSize]);
      unconditional = negative;
    }
    return new FaceTokens(negative, negative, tokens, width);
  }

  private float[] project(float[] embedding, float[] pixels) {
    try (OnnxTensor pixelTensor = OrtSessions.floats(pixels, 1, 3, imageSize, imageSize);
         OrtSession.Result states = encoder.run(Map.of(pixelInput, pixelTensor))) {
      OnnxTensor clipStates = OrtSessions.output(states, PENULTIMATE);
      long[] clipShape = clipStates.getInfo().getShape();
      if (clipShape.length != 3 || clipShape[0] != 1) {
        throw new IllegalStateException("image encoder output has shape " + java.util.Arrays.toString(clipShape)
            + ", expected [1, 257, 1280]");
      }
      try (OnnxTensor id = OrtSessions.floats(embedding, 1, embeddingSize)) {
        Map<String, OnnxTensor> inputs = new HashMap<>();
        inputs.put(idInput, id);
        inputs.put(clipInput, clipStates);
        try (OrtSession.Result result = projection.run(inputs)) {
          OnnxTensor out = OrtSessions.output(result, FACE_TOKENS);
          float[] values = OrtSessions.floatsOf(out, "face projection output", 1, -1, -1);
          long[] shape = out.getInfo().getShape();
          tokens = (int) shape[1];
          width = (int) shape[2];
          return values;
        }
      }
    } catch (OrtException e) {
      throw new IllegalStateException("Face conditioning failed: " + e.getMessage(), e);
    }
  }

  @Override
  public void close() {
    closeQuietly(encoder, projection);
  }

  private static void closeQuietly(OrtSession... sessions) {
    for (OrtSession session : sessions) {
      if (session != null) {
        try {
          session.close();
        } catch (OrtException ignored) {
          // closing releases native memory; nothing useful to do on failure
        }
      }
    }
  }
}
