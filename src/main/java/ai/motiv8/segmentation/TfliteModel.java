package ai.motiv8.segmentation;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * A read-only view of a TensorFlow Lite model file (a FlatBuffer, schema {@code tflite/schema.fbs}):
 * the first subgraph's tensors, operators and their options, enough to translate a small float
 * convolutional network into ONNX ({@link TfliteToOnnx}). Field numbers below are the schema's.
 */
final class TfliteModel {

  /** {@code TensorType}. */
  static final int FLOAT32 = 0;
  static final int FLOAT16 = 1;
  static final int INT32 = 2;

  private final ByteBuffer buf;
  final List<Tensor> tensors = new ArrayList<>();
  final List<Operator> operators = new ArrayList<>();
  final int[] inputs;
  final int[] outputs;
  private final List<String> opNames = new ArrayList<>();
  private final int buffers;

  TfliteModel(byte[] bytes) {
    buf = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
    int model = buf.getInt(0);
    int codes = vector(model, 1);
    for (int i = 0; i < length(codes); i++) {
      int code = element(codes, i);
      int builtin = Math.max(fieldByte(code, 0, 0), fieldInt(code, 3, 0));
      String custom = string(code, 1);
      opNames.add(custom != null ? custom : Builtin.name(builtin));
    }
    buffers = vector(model, 4);
    int subgraph = element(vector(model, 2), 0);
    int tensorVector = vector(subgraph, 0);
    for (int i = 0; i < length(tensorVector); i++) {
      int t = element(tensorVector, i);
      tensors.add(new Tensor(i, string(t, 3), ints(t, 0), fieldByte(t, 1, 0), fieldInt(t, 2, 0)));
    }
    inputs = ints(subgraph, 1);
    outputs = ints(subgraph, 2);
    int ops = vector(subgraph, 3);
    for (int i = 0; i < length(ops); i++) {
      int op = element(ops, i);
      int options = table(op, 4);
      int custom = vector(op, 5);
      byte[] customOptions = custom == 0 ? new byte[0] : bytes(custom);
      operators.add(new Operator(opNames.get(fieldInt(op, 0, 0)), ints(op, 1), ints(op, 2), options,
          customOptions));
    }
  }

  /** The raw bytes of a tensor's buffer (empty for activations). */
  byte[] data(Tensor tensor) {
    if (tensor.buffer() == 0 || buffers == 0) {
      return new byte[0];
    }
    int b = element(buffers, tensor.buffer());
    int data = vector(b, 0);
    return data == 0 ? new byte[0] : bytes(data);
  }

  /** A tensor's constant values as floats (float32 or float16 storage). */
  float[] floats(Tensor tensor) {
    ByteBuffer raw = ByteBuffer.wrap(data(tensor)).order(ByteOrder.LITTLE_ENDIAN);
    if (tensor.type() == FLOAT32) {
      float[] values = new float[raw.remaining() / 4];
      raw.asFloatBuffer().get(values);
      return values;
    }
    if (tensor.type() == FLOAT16) {
      float[] values = new float[raw.remaining() / 2];
      for (int i = 0; i < values.length; i++) {
        values[i] = halfToFloat(raw.getShort(2 * i));
      }
      return values;
    }
    throw new IllegalArgumentException("tensor " + tensor.name() + " is not float (type " + tensor.type() + ")");
  }

  /** IEEE 754 binary16 to float (Java 17 has no {@code Float.float16ToFloat}). */
  static float halfToFloat(short half) {
    int bits = half & 0xFFFF;
    int sign = (bits & 0x8000) << 16;
    int exponent = (bits >>> 10) & 0x1F;
    int mantissa = bits & 0x3FF;
    if (exponent == 0x1F) {
      return Float.intBitsToFloat(sign | 0x7F800000 | (mantissa << 13));
    }
    if (exponent == 0) {
      float value = mantissa * 0x1p-24f;
      return sign == 0 ? value : -value;
    }
    return Float.intBitsToFloat(sign | ((exponent + 112) << 23) | (mantissa << 13));
  }

  /** A tensor's constant values as ints (int32 storage). */
  int[] intValues(Tensor tensor) {
    ByteBuffer raw = ByteBuffer.wrap(data(tensor)).order(ByteOrder.LITTLE_ENDIAN);
    int[] values = new int[raw.remaining() / 4];
    raw.asIntBuffer().get(values);
    return values;
  }

  /** An int field of an options table ({@code 0} when the operator has none). */
  int option(Operator op, int field, int fallback) {
    return op.options() == 0 ? fallback : fieldInt(op.options(), field, fallback);
  }

  /** A byte (enum or bool) field of an options table. */
  int optionByte(Operator op, int field, int fallback) {
    return op.options() == 0 ? fallback : fieldByte(op.options(), field, fallback);
  }

  // FlatBuffer access: a table starts with an soffset to its vtable; the vtable lists field offsets.

  private int fieldOffset(int table, int field) {
    int vtable = table - buf.getInt(table);
    int vtableSize = Short.toUnsignedInt(buf.getShort(vtable));
    int entry = 4 + 2 * field;
    return entry < vtableSize ? Short.toUnsignedInt(buf.getShort(vtable + entry)) : 0;
  }

  private int fieldInt(int table, int field, int fallback) {
    int offset = fieldOffset(table, field);
    return offset == 0 ? fallback : buf.getInt(table + offset);
  }

  private int fieldByte(int table, int field, int fallback) {
    int offset = fieldOffset(table, field);
    return offset == 0 ? fallback : Byte.toUnsignedInt(buf.get(table + offset));
  }

  private int table(int table, int field) {
    int offset = fieldOffset(table, field);
    return offset == 0 ? 0 : table + offset + buf.getInt(table + offset);
  }

  /** Position of a vector's length word, or 0 when the field is absent. */
  private int vector(int table, int field) {
    return table(table, field);
  }

  private int length(int vector) {
    return vector == 0 ? 0 : buf.getInt(vector);
  }

  private int element(int vector, int index) {
    int slot = vector + 4 + 4 * index;
    return slot + buf.getInt(slot);
  }

  private int[] ints(int table, int field) {
    int vector = vector(table, field);
    int[] values = new int[length(vector)];
    for (int i = 0; i < values.length; i++) {
      values[i] = buf.getInt(vector + 4 + 4 * i);
    }
    return values;
  }

  private byte[] bytes(int vector) {
    byte[] values = new byte[length(vector)];
    buf.get(vector + 4, values);
    return values;
  }

  private String string(int table, int field) {
    int vector = vector(table, field);
    return vector == 0 ? null : new String(bytes(vector), StandardCharsets.UTF_8);
  }

  /** One tensor: {@code buffer} indexes the model's buffers (0 = none). */
  record Tensor(int index, String name, int[] shape, int type, int buffer) {
  }

  /** One operator: its op name (builtin or custom), tensor indices, options table position. */
  record Operator(String op, int[] inputs, int[] outputs, int options, byte[] customOptions) {
  }

  /** The builtin operator codes this translator knows. */
  static final class Builtin {

    private Builtin() {
    }

    static String name(int code) {
      return switch (code) {
        case 0 -> "ADD";
        case 1 -> "AVERAGE_POOL_2D";
        case 2 -> "CONCATENATION";
        case 3 -> "CONV_2D";
        case 4 -> "DEPTHWISE_CONV_2D";
        case 6 -> "DEQUANTIZE";
        case 14 -> "LOGISTIC";
        case 17 -> "MAX_POOL_2D";
        case 18 -> "MUL";
        case 19 -> "RELU";
        case 21 -> "RELU6";
        case 22 -> "RESHAPE";
        case 23 -> "RESIZE_BILINEAR";
        case 34 -> "PAD";
        case 40 -> "MEAN";
        case 67 -> "TRANSPOSE_CONV";
        case 117 -> "HARD_SWISH";
        default -> "BUILTIN_" + code;
      };
    }
  }
}
