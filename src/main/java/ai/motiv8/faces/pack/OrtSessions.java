package ai.motiv8.faces.pack;

import ai.motiv8.faces.onnx.ModelFile;
import ai.motiv8.faces.onnx.TensorSpec;
import ai.onnxruntime.NodeInfo;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import ai.onnxruntime.TensorInfo;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * Opens ONNX Runtime sessions the one way motiv8 wants them: {@code threads} intra-op threads that
 * sleep instead of spin-waiting (spinning pools were 2-5× slower on 2 shared cores, each session
 * spinning its own pool), one inter-op thread, all graph optimisations; and checks the model's
 * inputs and outputs against the manifest so a wrong file fails at load, not at the first request.
 */
public final class OrtSessions {

  private OrtSessions() {
  }

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
        session.close();
        throw e;
      }
    } catch (OrtException e) {
      throw new ModelUnavailableException("ONNX Runtime cannot load " + file + ": " + e.getMessage(), e);
    }
  }

  /** Session options: {@code threads} non-spinning intra-op threads, sequential execution. */
  public static OrtSession.SessionOptions options(int threads) throws OrtException {
    OrtSession.SessionOptions options = new OrtSession.SessionOptions();
    options.setIntraOpNumThreads(Math.max(1, threads));
    options.setInterOpNumThreads(1);
    options.setExecutionMode(OrtSession.SessionOptions.ExecutionMode.SEQUENTIAL);
    options.setOptimizationLevel(OrtSession.SessionOptions.OptLevel.ALL_OPT);
    options.addConfigEntry("session.intra_op.allow_spinning", "0");
    options.addConfigEntry("session.inter_op.allow_spinning", "0");
    return options;
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
}
