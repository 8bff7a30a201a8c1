package ai.motiv8.generation.diffusion;

import ai.onnxruntime.NodeInfo;
import ai.onnxruntime.OnnxJavaType;
import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import ai.onnxruntime.TensorInfo;
import java.nio.FloatBuffer;
import java.nio.IntBuffer;
import java.nio.LongBuffer;
import java.nio.file.Path;
import java.util.Map;

/** Opening the pack's sessions one way, and reading and making their tensors. */
final class OrtSessions {

  private OrtSessions() {
  }

  /**
   * A session on {@code model} ({@code .onnx}; external weight files are found beside it) with
   * {@code threads} intra-op threads, spinning off (several sessions share few cores), full
   * graph optimisation.
   *
   * @throws DiffusionPackException naming the file when ONNX Runtime cannot load it
   */
  static OrtSession open(Path model, ExecutionProvider provider, int threads) {
    if (threads < 1) {
      throw new IllegalArgumentException("ONNX Runtime threads must be at least 1, got " + threads);
    }
    provider.requireAvailable();
    OrtEnvironment env = OrtEnvironment.getEnvironment();
    try (OrtSession.SessionOptions options = new OrtSession.SessionOptions()) {
      options.setIntraOpNumThreads(threads);
      options.setInterOpNumThreads(1);
      options.setExecutionMode(OrtSession.SessionOptions.ExecutionMode.SEQUENTIAL);
      options.setOptimizationLevel(OrtSession.SessionOptions.OptLevel.ALL_OPT);
      options.addConfigEntry("session.intra_op.allow_spinning", "0");
      options.addConfigEntry("session.inter_op.allow_spinning", "0");
      if (provider == ExecutionProvider.CUDA) {
        options.addCUDA(0);
      }
      return env.createSession(model.toString(), options);
    } catch (OrtException e) {
      throw new DiffusionPackException("ONNX Runtime cannot load " + model.toAbsolutePath() + ": " + e.getMessage()
          + " (corrupt or incomplete file, or a missing external weights file beside it?)", e);
    }
  }

  /** The tensor description of a session input or output. */
  static TensorInfo tensorInfo(NodeInfo node) {
    if (!(node.getInfo() instanceof TensorInfo tensor)) {
      throw new IllegalStateException(node.getName() + " is not a tensor: " + node.getInfo());
    }
    return tensor;
  }

  /** The input named {@code name}, or null. */
  static TensorInfo input(OrtSession session, String name) throws OrtException {
    NodeInfo node = session.getInputInfo().get(name);
    return node == null ? null : tensorInfo(node);
  }

  /** The first of {@code names} that {@code session} has as an input, or null. */
  static String firstInput(OrtSession session, String... names) throws OrtException {
    Map<String, NodeInfo> inputs = session.getInputInfo();
    for (String name : names) {
      if (inputs.containsKey(name)) {
        return name;
      }
    }
    return null;
  }

  static OnnxTensor floats(float[] data, long... shape) throws OrtException {
    return OnnxTensor.createTensor(OrtEnvironment.getEnvironment(), FloatBuffer.wrap(data), shape);
  }

  /** An integer tensor in the element type the model wants (int32 or int64). */
  static OnnxTensor integers(OnnxJavaType type, int[] data, long... shape) throws OrtException {
    OrtEnvironment env = OrtEnvironment.getEnvironment();
    if (type == OnnxJavaType.INT64) {
      long[] wide = new long[data.length];
      for (int i = 0; i < data.length; i++) {
        wide[i] = data[i];
      }
      return OnnxTensor.createTensor(env, LongBuffer.wrap(wide), shape);
    }
    if (type == OnnxJavaType.INT32) {
      return OnnxTensor.createTensor(env, IntBuffer.wrap(data.clone()), shape);
    }
    throw new IllegalStateException("expected an int32 or int64 input, the model wants " + type);
  }

  /** A tensor holding {@code value} as float, int64 or int32, whichever the model wants. */
  static OnnxTensor number(OnnxJavaType type, double value, long... shape) throws OrtException {
    int n = 1;
    for (long d : shape) {
      n *= (int) d;
    }
    OrtEnvironment env = OrtEnvironment.getEnvironment();
    switch (type) {
      case FLOAT: {
        float[] data = new float[n];
        java.util.Arrays.fill(data, (float) value);
        return OnnxTensor.createTensor(env, FloatBuffer.wrap(data), shape);
      }
      case DOUBLE: {
        double[] data = new double[n];
        java.util.Arrays.fill(data, value);
        return OnnxTensor.createTensor(env, java.nio.DoubleBuffer.wrap(data), shape);
      }
      case INT64: {
        long[] data = new long[n];
        java.util.Arrays.fill(data, Math.round(value));
        return OnnxTensor.createTensor(env, LongBuffer.wrap(data), shape);
      }
      case INT32: {
        int[] data = new int[n];
        java.util.Arrays.fill(data, (int) Math.round(value));
        return OnnxTensor.createTensor(env, IntBuffer.wrap(data), shape);
      }
      default:
        throw new IllegalStateException("unsupported input element type " + type);
    }
  }

  /**
   * The float contents of {@code tensor}, checked against {@code expected} where a dimension
   * is not {@code -1}.
   */
  static float[] floatsOf(OnnxTensor tensor, String what, long... expected) {
    checkShape(tensor, what, expected);
    FloatBuffer buffer = tensor.getFloatBuffer();
    float[] out = new float[buffer.remaining()];
    buffer.get(out);
    return out;
  }

  /** Fails unless {@code tensor} is float32 of {@code expected} shape ({@code -1}: any size). */
  static void checkShape(OnnxTensor tensor, String what, long... expected) {
    long[] shape = tensor.getInfo().getShape();
    boolean ok = shape.length == expected.length;
    for (int i = 0; ok && i < shape.length; i++) {
      ok = expected[i] < 0 || expected[i] == shape[i];
    }
    if (!ok) {
      throw new IllegalStateException(what + " has shape " + java.util.Arrays.toString(shape) + ", expected "
          + java.util.Arrays.toString(expected) + " (-1: any)");
    }
    if (tensor.getInfo().type != OnnxJavaType.FLOAT) {
      throw new IllegalStateException(what + " is " + tensor.getInfo().type + ", expected float32");
    }
  }

  /** A float tensor over a direct buffer (no copy: the tensor reads {@code data} in place). */
  static OnnxTensor floats(FloatBuffer data, long... shape) throws OrtException {
    return OnnxTensor.createTensor(OrtEnvironment.getEnvironment(), data, shape);
  }

  /** The output named {@code name}, else the session's first output, as a tensor. */
  static OnnxTensor output(OrtSession.Result result, String name) {
    var value = result.get(name).orElseGet(() -> result.get(0));
    if (!(value instanceof OnnxTensor tensor)) {
      throw new IllegalStateException("output " + name + " is not a tensor");
    }
    return tensor;
  }
}
