package ai.motiv8.generation.diffusion;

import ai.onnxruntime.OnnxJavaType;
import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import ai.onnxruntime.TensorInfo;
import java.nio.file.Path;
import java.util.Map;

/**
 * The CLIP ViT-L/14 text encoder of SD 1.5: token ids {@code input_ids [B, 77]} (int32 or
 * int64) → {@code last_hidden_state [B, 77, 768]}, the per-token embeddings the UNet attends
 * to (not the pooled output). One session, shared; thread-safe.
 */
public final class TextEncoder implements AutoCloseable {

  static final String INPUT = "input_ids";
  static final String OUTPUT = "last_hidden_state";

  private final OrtSession session;
  private final String input;
  private final OnnxJavaType idType;
  private final boolean dynamicBatch;
  private int hiddenSize = -1;

  public TextEncoder(Path model, ExecutionProvider provider, int threads) {
    this.session = OrtSessions.open(model, provider, threads);
    try {
      this.input = OrtSessions.firstInput(session, INPUT);
      if (input == null || session.getNumInputs() != 1) {
        throw new DiffusionPackException(model.toAbsolutePath() + " should take one input " + INPUT
            + " [batch, 77], it takes " + session.getInputNames() + "; " + DiffusionPack.HOW_TO);
      }
      TensorInfo info = OrtSessions.input(session, input);
      this.idType = info.type;
      this.dynamicBatch = info.getShape().length > 0 && info.getShape()[0] != 1;
      long[] shape = OrtSessions.tensorInfo(session.getOutputInfo().values().iterator().next()).getShape();
      if (shape.length == 3 && shape[2] > 0) {
        hiddenSize = (int) shape[2];
      }
    } catch (OrtException e) {
      close();
      throw new DiffusionPackException("Cannot read the inputs of " + model.toAbsolutePath() + ": " + e.getMessage(), e);
    } catch (RuntimeException e) {
      close();
      throw e;
    }
  }

  /**
   * Embeds several token sequences of {@link ClipTokenizer#CONTEXT_LENGTH} ids each.
   *
   * @return {@code [ids.length][77 * hidden]}, each row-major {@code [77, hidden]}
   */
  public float[][] encode(int[]... ids) {
    float[][] out = new float[ids.length][];
    try {
      if (dynamicBatch && ids.length > 1) {
        int[] flat = new int[ids.length * ClipTokenizer.CONTEXT_LENGTH];
        for (int b = 0; b < ids.length; b++) {
          System.arraycopy(requireLength(ids[b]), 0, flat, b * ClipTokenizer.CONTEXT_LENGTH, ClipTokenizer.CONTEXT_LENGTH);
        }
        float[] all = run(flat, ids.length);
        int per = all.length / ids.length;
        for (int b = 0; b < ids.length; b++) {
          out[b] = java.util.Arrays.copyOfRange(all, b * per, (b + 1) * per);
        }
      } else {
        for (int b = 0; b < ids.length; b++) {
          out[b] = run(requireLength(ids[b]), 1);
        }
      }
    } catch (OrtException e) {
      throw new IllegalStateException("Text encoder failed: " + e.getMessage(), e);
    }
    return out;
  }

  /** Width of one token embedding (768 for SD 1.5), known after the first run if the model leaves it dynamic. */
  public int hiddenSize() {
    return hiddenSize;
  }

  private float[] run(int[] ids, int batch) throws OrtException {
    try (OnnxTensor tensor = OrtSessions.integers(idType, ids, batch, ClipTokenizer.CONTEXT_LENGTH);
         OrtSession.Result result = session.run(Map.of(input, tensor))) {
      float[] values = OrtSessions.floatsOf(OrtSessions.output(result, OUTPUT), "text encoder " + OUTPUT,
          batch, ClipTokenizer.CONTEXT_LENGTH, -1);
      hiddenSize = values.length / (batch * ClipTokenizer.CONTEXT_LENGTH);
      return values;
    }
  }

  private static int[] requireLength(int[] ids) {
    if (ids.length != ClipTokenizer.CONTEXT_LENGTH) {
      throw new IllegalArgumentException("expected " + ClipTokenizer.CONTEXT_LENGTH + " token ids, got " + ids.length);
    }
    return ids;
  }

  @Override
  public void close() {
    try {
      session.close();
    } catch (OrtException e) {
      throw new IllegalStateException("Cannot close the text encoder session", e);
    }
  }
}
