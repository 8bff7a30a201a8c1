package ai.motiv8.segmentation;

import ai.motiv8.segmentation.OnnxWriter.Attribute;
import ai.motiv8.segmentation.TfliteModel.Operator;
import ai.motiv8.segmentation.TfliteModel.Tensor;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Translates a small float TensorFlow Lite convolutional network (the MediaPipe selfie
 * segmentation model) into an equivalent ONNX graph, so that it runs on the ONNX Runtime the face
 * models already use. TFLite is NHWC; the ONNX graph is NCHW throughout: its input is
 * {@code [1, 3, H, W]} and its output {@code [1, C, H, W]}, weights are permuted once here.
 *
 * <p>Supported: CONV_2D, DEPTHWISE_CONV_2D, AVERAGE_POOL_2D, ADD, MUL, RELU, HARD_SWISH, LOGISTIC,
 * RESIZE_BILINEAR, DEQUANTIZE of float16 constants, and MediaPipe's custom
 * {@code Convolution2DTransposeBias}; anything else fails with the operator's name. The output is
 * deterministic: the same TFLite bytes always give the same ONNX bytes.
 */
public final class TfliteToOnnx {

  /** The ONNX graph's input and output names. */
  public static final String INPUT = "input";
  public static final String OUTPUT = "output";

  private final TfliteModel model;
  private final OnnxWriter onnx = new OnnxWriter();
  /** Constant tensors by TFLite index, float values in TFLite layout. */
  private final Map<Integer, float[]> constants = new HashMap<>();
  private int extra;

  private TfliteToOnnx(TfliteModel model) {
    this.model = model;
  }

  /**
   * @throws IllegalArgumentException when the model uses an operator or layout not supported
   */
  public static byte[] translate(byte[] tflite) {
    return new TfliteToOnnx(new TfliteModel(tflite)).run();
  }

  private byte[] run() {
    if (model.inputs.length != 1 || model.outputs.length != 1) {
      throw new IllegalArgumentException("expected one input and one output");
    }
    for (Tensor tensor : model.tensors) {
      if (tensor.buffer() != 0 && model.data(tensor).length > 0
          && (tensor.type() == TfliteModel.FLOAT32 || tensor.type() == TfliteModel.FLOAT16)) {
        constants.put(tensor.index(), model.floats(tensor));
      }
    }
    Tensor input = model.tensors.get(model.inputs[0]);
    onnx.input(INPUT, nchw(input.shape()));
    onnx.node("Identity", name(input.index()), List.of(), INPUT);
    for (Operator op : model.operators) {
      translate(op);
    }
    Tensor output = model.tensors.get(model.outputs[0]);
    onnx.node("Identity", OUTPUT, List.of(), name(output.index()));
    onnx.output(OUTPUT, nchw(output.shape()));
    return onnx.build("selfie_segmentation");
  }

  private void translate(Operator op) {
    switch (op.op()) {
      case "DEQUANTIZE" -> constants.put(op.outputs()[0], constant(op.inputs()[0]));
      case "CONV_2D" -> conv(op, false);
      case "DEPTHWISE_CONV_2D" -> conv(op, true);
      case "AVERAGE_POOL_2D" -> averagePool(op);
      case "ADD" -> activated(op, "Add", model.optionByte(op, 0, 0), activation(op, 0), activation(op, 1));
      case "MUL" -> activated(op, "Mul", model.optionByte(op, 0, 0), activation(op, 0), activation(op, 1));
      case "RELU" -> onnx.node("Relu", out(op), List.of(), activation(op, 0));
      case "HARD_SWISH" -> onnx.node("HardSwish", out(op), List.of(), activation(op, 0));
      case "LOGISTIC" -> onnx.node("Sigmoid", out(op), List.of(), activation(op, 0));
      case "RESIZE_BILINEAR" -> resize(op);
      case "Convolution2DTransposeBias" -> transposeConv(op);
      default -> throw new IllegalArgumentException("TFLite operator " + op.op() + " is not supported");
    }
  }

  /** CONV_2D (weights OHWI) or DEPTHWISE_CONV_2D (weights 1HWC, multiplier 1), with bias and fused activation. */
  private void conv(Operator op, boolean depthwise) {
    Tensor in = model.tensors.get(op.inputs()[0]);
    Tensor weights = model.tensors.get(op.inputs()[1]);
    Tensor out = model.tensors.get(op.outputs()[0]);
    int[] w = weights.shape();
    int kh = w[1];
    int kw = w[2];
    float[] values = constant(weights.index());
    String weightName = "w" + out.index();
    if (depthwise) {
      int channels = w[3];
      if (model.option(op, 3, 1) != 1) {
        throw new IllegalArgumentException("depthwise convolutions with a multiplier are not supported");
      }
      onnx.constant(weightName, permute(values, new int[] {1, kh, kw, channels}, new int[] {3, 0, 1, 2}),
          channels, 1, kh, kw);
    } else {
      onnx.constant(weightName, permute(values, w, new int[] {0, 3, 1, 2}), w[0], w[3], kh, kw);
    }
    int padding = model.optionByte(op, 0, 0);
    int strideW = model.option(op, 1, 1);
    int strideH = model.option(op, 2, 1);
    int fused = model.optionByte(op, depthwise ? 4 : 3, 0);
    int dilationW = model.option(op, depthwise ? 5 : 4, 1);
    int dilationH = model.option(op, depthwise ? 6 : 5, 1);
    long[] pads = pads(padding, in.shape(), out.shape(), kh, kw, strideH, strideW, dilationH, dilationW);
    List<Attribute> attributes = new ArrayList<>(List.of(Attribute.ints("kernel_shape", kh, kw),
        Attribute.ints("strides", strideH, strideW), Attribute.ints("dilations", dilationH, dilationW),
        Attribute.ints("pads", pads)));
    if (depthwise) {
      attributes.add(Attribute.of("group", (long) w[3]));
    }
    List<String> inputs = new ArrayList<>(List.of(activation(op, 0), weightName));
    if (op.inputs().length > 2 && op.inputs()[2] >= 0) {
      String biasName = "b" + out.index();
      float[] bias = constant(op.inputs()[2]);
      onnx.constant(biasName, bias, bias.length);
      inputs.add(biasName);
    }
    activated(op, "Conv", fused, attributes, inputs.toArray(String[]::new));
  }

  private void averagePool(Operator op) {
    Tensor in = model.tensors.get(op.inputs()[0]);
    Tensor out = model.tensors.get(op.outputs()[0]);
    int[] o = out.shape();
    int filterW = model.option(op, 3, 1);
    int filterH = model.option(op, 4, 1);
    if (o[1] == 1 && o[2] == 1 && filterH == in.shape()[1] && filterW == in.shape()[2]) {
      onnx.node("GlobalAveragePool", out(op), List.of(), activation(op, 0));
      return;
    }
    if (model.optionByte(op, 0, 0) != 1) {
      throw new IllegalArgumentException("only global or VALID average pooling is supported");
    }
    onnx.node("AveragePool", out(op), List.of(Attribute.ints("kernel_shape", filterH, filterW),
        Attribute.ints("strides", model.option(op, 2, 1), model.option(op, 1, 1))), activation(op, 0));
  }

  private void resize(Operator op) {
    Tensor out = model.tensors.get(op.outputs()[0]);
    boolean alignCorners = model.optionByte(op, 2, 0) != 0;
    boolean halfPixel = model.optionByte(op, 3, 0) != 0;
    String sizes = "s" + out.index();
    onnx.constant(sizes, nchw(out.shape()), 4);
    String mode = alignCorners ? "align_corners" : halfPixel ? "half_pixel" : "asymmetric";
    onnx.node("Resize", out(op), List.of(Attribute.text("mode", "linear"),
        Attribute.text("coordinate_transformation_mode", mode)), activation(op, 0), "", "", sizes);
  }

  /**
   * MediaPipe's transposed convolution with bias: inputs (x, weights OHWI, bias), custom options
   * the C struct {@code TfLiteTransposeConvParams} {padding, stride_width, stride_height}.
   */
  private void transposeConv(Operator op) {
    Tensor in = model.tensors.get(op.inputs()[0]);
    Tensor weights = model.tensors.get(op.inputs()[1]);
    Tensor out = model.tensors.get(op.outputs()[0]);
    ByteBuffer options = ByteBuffer.wrap(op.customOptions()).order(ByteOrder.LITTLE_ENDIAN);
    options.getInt();
    int strideW = options.getInt();
    int strideH = options.getInt();
    int[] w = weights.shape();
    String weightName = "w" + out.index();
    onnx.constant(weightName, permute(constant(weights.index()), w, new int[] {3, 0, 1, 2}), w[3], w[0], w[1], w[2]);
    String biasName = "b" + out.index();
    float[] bias = constant(op.inputs()[2]);
    onnx.constant(biasName, bias, bias.length);
    long padH = Math.max(0, (long) strideH * (in.shape()[1] - 1) + w[1] - out.shape()[1]);
    long padW = Math.max(0, (long) strideW * (in.shape()[2] - 1) + w[2] - out.shape()[2]);
    onnx.node("ConvTranspose", out(op), List.of(Attribute.ints("kernel_shape", w[1], w[2]),
        Attribute.ints("strides", strideH, strideW),
        Attribute.ints("pads", padH / 2, padW / 2, padH - padH / 2, padW - padW / 2)),
        activation(op, 0), weightName, biasName);
  }

  /** {@code opType} followed by TFLite's fused activation (0 none, 1 RELU, 3 RELU6). */
  private void activated(Operator op, String opType, int fused, String... inputs) {
    activated(op, opType, fused, List.of(), inputs);
  }

  private void activated(Operator op, String opType, int fused, List<Attribute> attributes, String... inputs) {
    if (fused == 0) {
      onnx.node(opType, out(op), attributes, inputs);
      return;
    }
    String raw = "x" + extra++;
    onnx.node(opType, raw, attributes, inputs);
    switch (fused) {
      case 1 -> onnx.node("Relu", out(op), List.of(), raw);
      case 3 -> {
        String low = "c" + extra++;
        String high = "c" + extra++;
        onnx.constant(low, new float[] {0f});
        onnx.constant(high, new float[] {6f});
        onnx.node("Clip", out(op), List.of(), raw, low, high);
      }
      default -> throw new IllegalArgumentException("fused activation " + fused + " is not supported");
    }
  }

  /** An activation input; a constant operand (rare in this model) becomes an initializer in NCHW-broadcastable form. */
  private String activation(Operator op, int position) {
    int index = op.inputs()[position];
    if (constants.containsKey(index)) {
      Tensor tensor = model.tensors.get(index);
      String name = "k" + index;
      float[] values = constants.get(index);
      int[] shape = tensor.shape();
      if (shape.length == 4) {
        onnx.constant(name, permute(values, shape, new int[] {0, 3, 1, 2}), nchw(shape));
      } else if (shape.length == 1) {
        onnx.constant(name, values, shape[0], 1, 1);
      } else {
        onnx.constant(name, values);
      }
      return name;
    }
    return name(index);
  }

  private float[] constant(int index) {
    float[] values = constants.get(index);
    if (values == null) {
      throw new IllegalArgumentException("tensor " + model.tensors.get(index).name() + " is not a float constant");
    }
    return values;
  }

  private String out(Operator op) {
    return name(op.outputs()[0]);
  }

  private static String name(int index) {
    return "t" + index;
  }

  /** TF padding (0 SAME, 1 VALID) as ONNX pads [top, left, bottom, right]; SAME puts the odd pixel at the end. */
  private static long[] pads(int padding, int[] in, int[] out, int kh, int kw, int sh, int sw, int dh, int dw) {
    if (padding == 1) {
      return new long[] {0, 0, 0, 0};
    }
    long totalH = Math.max(0, (long) (out[1] - 1) * sh + (long) (kh - 1) * dh + 1 - in[1]);
    long totalW = Math.max(0, (long) (out[2] - 1) * sw + (long) (kw - 1) * dw + 1 - in[2]);
    return new long[] {totalH / 2, totalW / 2, totalH - totalH / 2, totalW - totalW / 2};
  }

  /** NHWC shape as NCHW dims. */
  private static long[] nchw(int[] shape) {
    if (shape.length != 4) {
      throw new IllegalArgumentException("expected a 4-d tensor, got " + shape.length + " dims");
    }
    return new long[] {shape[0], shape[3], shape[1], shape[2]};
  }

  /** Row-major transpose of a 4-d array: output axis i is input axis {@code order[i]}. */
  static float[] permute(float[] values, int[] shape, int[] order) {
    int[] outShape = new int[4];
    for (int i = 0; i < 4; i++) {
      outShape[i] = shape[order[i]];
    }
    int[] stride = {shape[1] * shape[2] * shape[3], shape[2] * shape[3], shape[3], 1};
    float[] result = new float[values.length];
    int n = 0;
    int[] index = new int[4];
    for (index[0] = 0; index[0] < outShape[0]; index[0]++) {
      for (index[1] = 0; index[1] < outShape[1]; index[1]++) {
        for (index[2] = 0; index[2] < outShape[2]; index[2]++) {
          for (index[3] = 0; index[3] < outShape[3]; index[3]++) {
            int source = 0;
            for (int i = 0; i < 4; i++) {
              source += index[i] * stride[order[i]];
            }
            result[n++] = values[source];
          }
        }
      }
    }
    return result;
  }
}
