package ai.motiv8.support;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * Builds a small ONNX model ({@code ModelProto}) as protobuf bytes, field numbers from
 * {@code onnx.proto}: graph inputs and outputs of float, int32 or int64 elements, float and
 * int64 initializers, nodes with int and int-list attributes. A dimension given as {@code null}
 * is dynamic ({@code dim_param}). The face packs' synthetic models and the tiny diffusion pack are
 * built with it.
 */
public final class OnnxGraph {

  /** {@code TensorProto.DataType}. */
  public static final int FLOAT = 1, INT32 = 6, INT64 = 7;
  private static final int ATTR_INT = 2, ATTR_INTS = 7;

  private final List<ProtoWriter> nodes = new ArrayList<>();
  private final List<ProtoWriter> initializers = new ArrayList<>();
  private final List<ProtoWriter> inputs = new ArrayList<>();
  private final List<ProtoWriter> outputs = new ArrayList<>();
  private int dynamicDims;
  private int nodeCount;

  /** A graph input of float elements. */
  public OnnxGraph input(String name, Long... shape) {
    return input(name, FLOAT, shape);
  }

  /** A graph input of {@code elementType} elements. */
  public OnnxGraph input(String name, int elementType, Long... shape) {
    inputs.add(valueInfo(name, elementType, shape));
    return this;
  }

  /** A graph output of float elements. */
  public OnnxGraph output(String name, Long... shape) {
    outputs.add(valueInfo(name, FLOAT, shape));
    return this;
  }

  /** A float constant of {@code dims}, values row-major. */
  public OnnxGraph constant(String name, float[] values, long... dims) {
    ByteBuffer raw = ByteBuffer.allocate(values.length * 4).order(ByteOrder.LITTLE_ENDIAN);
    raw.asFloatBuffer().put(values);
    initializers.add(tensor(name, FLOAT, raw.array(), dims));
    return this;
  }

  /** An int64 constant of {@code dims}. */
  public OnnxGraph constant(String name, long[] values, long... dims) {
    ByteBuffer raw = ByteBuffer.allocate(values.length * 8).order(ByteOrder.LITTLE_ENDIAN);
    raw.asLongBuffer().put(values);
    initializers.add(tensor(name, INT64, raw.array(), dims));
    return this;
  }

  /** A float constant of {@code dims} with values uniform in ±{@code scale}, from {@code random}. */
  public OnnxGraph random(String name, Random random, float scale, long... dims) {
    long n = 1;
    for (long d : dims) {
      n *= d;
    }
    float[] values = new float[Math.toIntExact(n)];
    for (int i = 0; i < values.length; i++) {
      values[i] = (random.nextFloat() * 2 - 1) * scale;
    }
    return constant(name, values, dims);
  }

  /** A node {@code opType(inputs) -> output} without attributes. */
  public OnnxGraph node(String opType, String output, String... inputs) {
    return node(opType, output, new Attribute[0], inputs);
  }

  /** A node with attributes. */
  public OnnxGraph node(String opType, String output, Attribute[] attributes, String... inputs) {
    ProtoWriter node = new ProtoWriter();
    for (String input : inputs) {
      node.string(1, input);
    }
    node.string(2, output).string(3, output + "_" + nodeCount++).string(4, opType);
    for (Attribute attribute : attributes) {
      node.message(5, attribute.proto());
    }
    nodes.add(node);
    return this;
  }

  /** The serialised {@code ModelProto}, opset 13. */
  public byte[] build() {
    ProtoWriter graph = new ProtoWriter();
    nodes.forEach(n -> graph.message(1, n));
    graph.string(2, "tiny");
    initializers.forEach(t -> graph.message(5, t));
    inputs.forEach(i -> graph.message(11, i));
    outputs.forEach(o -> graph.message(12, o));
    return new ProtoWriter()
        .varint(1, 8) // ir_version
        .string(2, "motiv8-tests") // producer_name
        .message(7, graph)
        .message(8, new ProtoWriter().string(1, "").varint(2, 13)) // opset_import
        .toByteArray();
  }

  public static Attribute[] attrs(Attribute... attributes) {
    return attributes;
  }

  /** A node attribute: an int or a list of ints. */
  public record Attribute(String name, long[] ints, boolean list) {

    public static Attribute of(String name, long value) {
      return new Attribute(name, new long[] {value}, false);
    }

    public static Attribute ints(String name, long... values) {
      return new Attribute(name, values, true);
    }

    ProtoWriter proto() {
      ProtoWriter attribute = new ProtoWriter().string(1, name);
      if (list) {
        for (long value : ints) {
          attribute.varint(8, value);
        }
        attribute.varint(20, ATTR_INTS);
      } else {
        attribute.varint(3, ints[0]).varint(20, ATTR_INT);
      }
      return attribute;
    }
  }

  private static ProtoWriter tensor(String name, int dataType, byte[] raw, long... dims) {
    ProtoWriter tensor = new ProtoWriter();
    for (long dim : dims) {
      tensor.varint(1, dim);
    }
    return tensor.varint(2, dataType).string(8, name).bytes(9, raw);
  }

  private ProtoWriter valueInfo(String name, int elementType, Long... shape) {
    ProtoWriter dims = new ProtoWriter();
    for (Long dim : shape) {
      ProtoWriter d = new ProtoWriter();
      if (dim == null) {
        d.string(2, "d" + dynamicDims++);
      } else {
        d.varint(1, dim);
      }
      dims.message(1, d);
    }
    ProtoWriter tensorType = new ProtoWriter().varint(1, elementType).message(2, dims);
    ProtoWriter type = new ProtoWriter().message(1, tensorType);
    return new ProtoWriter().string(1, name).message(2, type);
  }
}
