package ai.motiv8.faces.buffalo;

import ai.onnxruntime.NodeInfo;
import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import ai.onnxruntime.TensorInfo;
import java.nio.FloatBuffer;
import java.nio.file.Path;

/** Opening ONNX Runtime sessions the one way this pack wants them, and reading their shapes. */
final class OrtModels {

  private OrtModels() {
  }

  /**
   * A CPU session on {@code model} with {@code threads} intra-op threads and spin-waiting off:
   * spinning pools of several sessions on two shared cores made inference 2–5× slower (ML.md).
   */
  static OrtSession open(Path model, int threads) throws OrtException {
    if (threads < 1) {
      throw new IllegalArgumentException("ONNX Runtime threads must be at least 1, got " + threads);
    }
    OrtEnvironment env = OrtEnvironment.getEnvironment();
    try (OrtSession.SessionOptions options = new OrtSession.SessionOptions()) {
      options.setIntraOpNumThreads(threads);
      options.setInterOpNumThreads(1);
      options.setExecutionMode(OrtSession.SessionOptions.ExecutionMode.SEQUENTIAL);
      options.setOptimizationLevel(OrtSession.SessionOptions.OptLevel.ALL_OPT);
      options.addConfigEntry("session.intra_op.allow_spinning", "0");
      options.addConfigEntry("session.inter_op.allow_spinning", "0");
      return env.createSession(model.toString(), options);
    }
  }

  /** The single input's name; fails when the model has another number of inputs. */
  static String singleInput(OrtSession session, String model) throws OrtException {
    if (session.getNumInputs() != 1) {
      throw new IllegalStateException(model + " should have one input, has " + session.getInputNames());
    }
    return session.getInputNames().iterator().next();
  }

  /** The shape of a tensor input or output ({@code -1} for a dynamic dimension). */
  static long[] shape(NodeInfo node) {
    if (!(node.getInfo() instanceof TensorInfo tensor)) {
      throw new IllegalStateException(node.getName() + " is not a tensor: " + node.getInfo());
    }
    return tensor.getShape();
  }

  /** A float tensor of {@code shape} over {@code data}; the caller closes it. */
  static OnnxTensor tensor(FloatBuffer data, long... shape) throws OrtException {
    return OnnxTensor.createTensor(OrtEnvironment.getEnvironment(), data, shape);
  }
}
