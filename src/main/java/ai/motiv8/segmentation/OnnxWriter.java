package ai.motiv8.segmentation;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Writes an ONNX {@code ModelProto} (protobuf wire format, field numbers from {@code onnx.proto})
 * with float and int64 initializers, static-shape float inputs and outputs, and nodes whose
 * attributes are ints, int lists or strings. The output is a pure function of the calls made, so
 * a translated model has a stable SHA-256.
 */
final class OnnxWriter {

  private static final int FLOAT = 1;
  private static final int INT64 = 7;
  private static final int ATTR_FLOAT = 1;
  private static final int ATTR_INT = 2;
  private static final int ATTR_STRING = 3;
  private static final int ATTR_INTS = 7;

  private final List<byte[]> nodes = new ArrayList<>();
  private final List<byte[]> initializers = new ArrayList<>();
  private final List<byte[]> inputs = new ArrayList<>();
  private final List<byte[]> outputs = new ArrayList<>();

  void input(String name, long... shape) {
    inputs.add(valueInfo(name, shape));
  }

  void output(String name, long... shape) {
    outputs.add(valueInfo(name, shape));
  }

  void constant(String name, float[] values, long... dims) {
    ByteBuffer raw = ByteBuffer.allocate(values.length * 4).order(ByteOrder.LITTLE_ENDIAN);
    raw.asFloatBuffer().put(values);
    initializers.add(tensor(name, FLOAT, raw.array(), dims));
  }

  void constant(String name, long[] values, long... dims) {
    ByteBuffer raw = ByteBuffer.allocate(values.length * 8).order(ByteOrder.LITTLE_ENDIAN);
    raw.asLongBuffer().put(values);
    initializers.add(tensor(name, INT64, raw.array(), dims));
  }

  /** A node; {@code inputs} may contain "" for an omitted optional input. */
  void node(String opType, String output, List<Attribute> attributes, String... nodeInputs) {
    Proto node = new Proto();
    for (String input : nodeInputs) {
      node.string(1, input);
    }
    node.string(2, output).string(3, "n" + nodes.size()).string(4, opType);
    for (Attribute attribute : attributes) {
      node.bytes(5, attribute.proto());
    }
    nodes.add(node.bytes());
  }

  /** The model, opset 14 (HardSwish, Resize with sizes). */
  byte[] build(String graphName) {
    Proto graph = new Proto();
    nodes.forEach(n -> graph.bytes(1, n));
    graph.string(2, graphName);
    initializers.forEach(t -> graph.bytes(5, t));
    inputs.forEach(i -> graph.bytes(11, i));
    outputs.forEach(o -> graph.bytes(12, o));
    return new Proto()
        .varint(1, 7) // ir_version 7 (opset 14 era)
        .string(2, "motiv8-tflite-translator")
        .bytes(7, graph.bytes())
        .bytes(8, new Proto().string(1, "").varint(2, 14).bytes())
        .bytes();
  }

  /** One node attribute. */
  record Attribute(String name, long[] ints, String text, Float real, boolean list) {

    static Attribute of(String name, long value) {
      return new Attribute(name, new long[] {value}, null, null, false);
    }

    static Attribute of(String name, float value) {
      return new Attribute(name, null, null, value, false);
    }

    static Attribute ints(String name, long... values) {
      return new Attribute(name, values, null, null, true);
    }

    static Attribute text(String name, String value) {
      return new Attribute(name, null, value, null, false);
    }

    byte[] proto() {
      Proto attribute = new Proto().string(1, name);
      if (text != null) {
        attribute.string(4, text).varint(20, ATTR_STRING);
      } else if (real != null) {
        attribute.fixed32(2, Float.floatToIntBits(real)).varint(20, ATTR_FLOAT);
      } else if (list) {
        for (long value : ints) {
          attribute.varint(8, value);
        }
        attribute.varint(20, ATTR_INTS);
      } else {
        attribute.varint(3, ints[0]).varint(20, ATTR_INT);
      }
      return attribute.bytes();
    }
  }

  private static byte[] tensor(String name, int dataType, byte[] raw, long... dims) {
    Proto tensor = new Proto();
    for (long dim : dims) {
      tensor.varint(1, dim);
    }
    return tensor.varint(2, dataType).string(8, name).bytes(9, raw).bytes();
  }

  private static byte[] valueInfo(String name, long... shape) {
    Proto dims = new Proto();
    for (long dim : shape) {
      dims.bytes(1, new Proto().varint(1, dim).bytes());
    }
    byte[] tensorType = new Proto().varint(1, FLOAT).bytes(2, dims.bytes()).bytes();
    byte[] type = new Proto().bytes(1, tensorType).bytes();
    return new Proto().string(1, name).bytes(2, type).bytes();
  }

  /** Protocol buffers wire format: varints, fixed32 and length-delimited fields. */
  private static final class Proto {

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();

    Proto varint(int field, long value) {
      raw((long) field << 3);
      raw(value);
      return this;
    }

    Proto fixed32(int field, int value) {
      raw(((long) field << 3) | 5);
      for (int i = 0; i < 4; i++) {
        out.write((value >>> (8 * i)) & 0xFF);
      }
      return this;
    }

    Proto string(int field, String value) {
      return bytes(field, value.getBytes(StandardCharsets.UTF_8));
    }

    Proto bytes(int field, byte[] value) {
      raw(((long) field << 3) | 2);
      raw(value.length);
      out.writeBytes(value);
      return this;
    }

    byte[] bytes() {
      return out.toByteArray();
    }

    private void raw(long value) {
      while ((value & ~0x7FL) != 0) {
        out.write((int) ((value & 0x7F) | 0x80));
        value >>>= 7;
      }
      out.write((int) value);
    }
  }
}
