package ai.motiv8.faces.onnx;

import ai.motiv8.faces.pack.ModelUnavailableException;
import ai.onnxruntime.NodeInfo;
import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import ai.onnxruntime.TensorInfo;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.FloatBuffer;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * Opens ONNX Runtime sessions the one way motiv8 wants them: {@code threads} intra-op threads that
 * sleep instead of spin-waiting (spinning pools were 2-5× slower on 2 shared cores, each session
 * spinning its own pool, ML.md), one inter-op thread, all graph optimisations; and checks the
 * model's inputs and outputs against the manifest so a wrong file fails at load, not at the first
 * request. Also the small tensor chores every model class shares.
 */
public final class OrtSessions {

  private static final Logger LOG = LoggerFactory.getLogger(OrtSessions.class);

  private OrtSessions() {
  }

  /**
   * A session on {@code packDir/spec.name()} whose inputs and outputs have the names and shapes
   * the manifest gives (none given: not checked).
   *
   * @throws ModelUnavailableException when ONNX Runtime cannot load the file or its tensors differ
   */
  public static OrtSession open(Path packDir, ModelFile spec, int threads) {
    Path file = packDir.resolve(spec.name());
    OrtEnvironment env = OrtEnvironment.getEnvironment();
    try (OrtSession.SessionOptions options = options(threads)) {
      OrtSession session = env.createSession(file.toString(), options);
      try {
        check(spec, "input", spec.inputs(), session.getInputInfo());
        check(spec, "output", spec.outputs(), session.getOutputInfo());
        return session;
      } catch (RuntimeException e) {
        closeQuietly(session);
        throw e;
      }
    } catch (OrtException e) {
      throw new ModelUnavailableException("ONNX Runtime cannot load " + file + ": " + e.getMessage(), e);
    }
  }

  /** Session options: {@code threads} non-spinning intra-op threads, sequential execution. */
  public static OrtSession.SessionOptions options(int threads) throws OrtException {
    requireThreads(threads);
    OrtSession.SessionOptions options = new OrtSession.SessionOptions();
    options.setIntraOpNumThreads(threads);
    options.setInterOpNumThreads(1);
    options.setExecutionMode(OrtSession.SessionOptions.ExecutionMode.SEQUENTIAL);
    options.setOptimizationLevel(OrtSession.SessionOptions.OptLevel.ALL_OPT);
    options.addConfigEntry("session.intra_op.allow_spinning", "0");
    options.addConfigEntry("session.inter_op.allow_spinning", "0");
    return options;
  }

  /** @throws IllegalArgumentException when {@code threads} is below 1 */
  public static void requireThreads(int threads) {
    if (threads < 1) {
      throw new IllegalArgumentException("ONNX Runtime threads must be at least 1, got " + threads);
    }
  }

  private static void check(ModelFile spec, String kind, List<TensorSpec> expected, Map<String, NodeInfo> actual) {
    for (TensorSpec tensor : expected) {
      NodeInfo node = actual.get(tensor.name());
      if (node == null) {
        throw new ModelUnavailableException(spec.name() + " has no " + kind + " '" + tensor.name() + "' (it has "
            + actual.keySet() + ")");
      }
      if (node.getInfo() instanceof TensorInfo info && !Arrays.equals(info.getShape(), tensor.shape())) {
        throw new ModelUnavailableException(spec.name() + " " + kind + " '" + tensor.name() + "' has shape "
            + Arrays.toString(info.getShape()) + ", the manifest says " + Arrays.toString(tensor.shape()));
      }
    }
  }

  /** The single input's name; fails when the model has another number of inputs. */
  public static String singleInput(OrtSession session, String model) throws OrtException {
    if (session.getNumInputs() != 1) {
      throw new IllegalStateException(model + " should have one input, has " + session.getInputNames());
    }
    return session.getInputNames().iterator().next();
  }

  /** The shape of a tensor input or output ({@code -1} for a dynamic dimension). */
  public static long[] shape(NodeInfo node) {
    if (!(node.getInfo() instanceof TensorInfo tensor)) {
      throw new IllegalStateException(node.getName() + " is not a tensor: " + node.getInfo());
    }
    return tensor.getShape();
  }

  /** A float tensor of {@code shape} over {@code data}; the caller closes it. */
  public static OnnxTensor tensor(float[] data, long... shape) throws OrtException {
    return tensor(FloatBuffer.wrap(data), shape);
  }

  /** A float tensor of {@code shape} over {@code data}; the caller closes it. */
  public static OnnxTensor tensor(FloatBuffer data, long... shape) throws OrtException {
    return OnnxTensor.createTensor(OrtEnvironment.getEnvironment(), data, shape);
  }

  /**
   * The values of the float output {@code name}.
   *
   * @throws IllegalStateException when it is missing or does not hold {@code expected} values
   */
  public static float[] floats(OrtSession.Result result, String name, int expected) throws OrtException {
    OnnxTensor tensor = (OnnxTensor) result.get(name)
        .orElseThrow(() -> new IllegalStateException("Model output '" + name + "' is missing"));
    FloatBuffer buffer = tensor.getFloatBuffer();
    if (buffer.remaining() != expected) {
      throw new IllegalStateException("Model output '" + name + "' has " + buffer.remaining() + " values, expected "
          + expected);
    }
    float[] values = new float[expected];
    buffer.get(values);
    return values;
  }

  /** Closes {@code session}, logging instead of throwing: for {@code close()} and failure paths. */
  public static void closeQuietly(OrtSession session) {
    try {
      session.close();
    } catch (OrtException | RuntimeException e) {
      LOG.warn("Closing an ONNX Runtime session failed", e);
    }
  }
}
