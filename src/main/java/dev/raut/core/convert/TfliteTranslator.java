package dev.raut.core.convert;

import static dev.raut.core.convert.OnnxGraphBuilder.floatAttribute;
import static dev.raut.core.convert.OnnxGraphBuilder.integer;
import static dev.raut.core.convert.OnnxGraphBuilder.ints;

import dev.raut.core.convert.ConversionException.Reason;
import dev.raut.core.convert.TfliteModel.Operator;
import dev.raut.core.convert.TfliteModel.Table;
import dev.raut.core.convert.TfliteModel.Tensor;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Translates a float TensorFlow Lite graph into ONNX with the builder the other converters use, op
 * by op. As in {@link KerasLayerTranslator}, shapes are tracked in TFLite order (NHWC) and 4-D
 * activations are NCHW inside the graph, with Transposes at the boundary. Every op's computed
 * output shape is checked against the shape the file declares. Quantised tensors, unknown ops and
 * options without an exact ONNX equivalent are refused, never approximated.
 */
final class TfliteTranslator {
  /** A tensor in the ONNX graph; 4-D ones are stored NCHW, {@code shape} is in TFLite (NHWC) order. */
  record Value(String onnx, long[] shape) {
    boolean nchw() {
      return shape.length == 4;
    }
  }

  private static final String QUANTISED_TODO = "Raut imports float models only: in Teachable Machine choose Export"
      + " Model → Tensorflow Lite → Floating point (model_unquant.tflite), or Export → Tensorflow → Keras.";

  private final TfliteModel model;
  private final OnnxGraphBuilder graph = new OnnxGraphBuilder();
  private final Map<Integer, Value> values = new HashMap<>();
  /** Float constants made by ops on constants (DEQUANTIZE of float16 weights). */
  private final Map<Integer, float[]> derived = new HashMap<>();
  private final Map<Integer, Integer> producers = new HashMap<>();
  private final List<String> opNames = new ArrayList<>();
  private final List<String> tensorNames = new ArrayList<>();
  private final Map<String, String> scalars = new HashMap<>();
  /** Set when an op's result depends on the batch being 1 (the ONNX input then says 1, not N). */
  private boolean fixedBatch;

  private TfliteTranslator(TfliteModel model) {
    this.model = model;
  }

  static KerasConversion translate(TfliteModel model) throws ConversionException {
    return new TfliteTranslator(model).run();
  }

  private KerasConversion run() throws ConversionException {
    if (model.inputs.length != 1) {
      throw refuse(model.fileName + " has " + model.inputs.length + " inputs; Raut imports classifiers that take one"
          + " image.");
    }
    if (model.outputs.length != 1) {
      throw refuse(model.fileName + " has " + model.outputs.length + " outputs; Raut imports classifiers with one"
          + " output.");
    }
    for (Tensor t : model.tensors) {
      if (t.quantized() || t.type() == TfliteModel.INT8 || t.type() == TfliteModel.UINT8
          || t.type() == TfliteModel.INT16) {
        throw refuse(model.fileName + " is a quantised TensorFlow Lite model (tensor '" + t.name() + "' is "
            + typeName(t.type()) + (t.quantized() ? " with quantisation scales" : "") + "). " + QUANTISED_TODO);
      }
    }
    Tensor in = tensor(model.inputs[0]);
    if (in.type() != TfliteModel.FLOAT32) {
      throw refuse(model.fileName + " takes a " + typeName(in.type()) + " input; Raut feeds float images. "
          + QUANTISED_TODO);
    }
    graph.claim(KerasConverter.INPUT_NAME);
    graph.claim(KerasConverter.OUTPUT_NAME);
    Value input = new Value(KerasConverter.INPUT_NAME, in.shape());
    if (input.nchw()) {
      input = new Value(graph.node("Transpose", "input_nchw", List.of(KerasConverter.INPUT_NAME),
          ints("perm", Layouts.NHWC_TO_NCHW)), in.shape());
    }
    values.put(in.index(), input);
    for (Operator op : model.operators) {
      for (int o : op.outputs()) {
        producers.put(o, op.builtinCode());
      }
      opNames.add(op.builtinCode() == TfliteOps.CUSTOM ? "CUSTOM:" + op.customCode() : TfliteOps.name(op.builtinCode()));
      translate(op);
    }
    Tensor outTensor = tensor(model.outputs[0]);
    Value out = values.get(outTensor.index());
    if (out == null) {
      throw bad("the graph's output '" + outTensor.name() + "' is made by no operator");
    }
    if (out.nchw()) {
      graph.nodeTo("Transpose", KerasConverter.OUTPUT_NAME, List.of(out.onnx()), ints("perm", Layouts.NCHW_TO_NHWC));
    } else {
      graph.nodeTo("Identity", KerasConverter.OUTPUT_NAME, List.of(out.onnx()));
    }
    long[] inShape = in.shape().clone();
    long[] outShape = out.shape().clone();
    if (!fixedBatch && inShape.length > 0 && inShape[0] == 1 && outShape.length > 0 && outShape[0] == 1) {
      inShape[0] = -1;
      outShape[0] = -1;
    }
    graph.input(KerasConverter.INPUT_NAME, inShape, ConversionOptions.DYNAMIC_BATCH_NAME);
    graph.output(KerasConverter.OUTPUT_NAME, outShape, ConversionOptions.DYNAMIC_BATCH_NAME);
    for (Tensor t : model.tensors) {
      tensorNames.add(t.name());
    }
    List<String> notes = new ArrayList<>();
    if (model.subgraphCount > 1) {
      notes.add("The file holds " + model.subgraphCount + " subgraphs; Raut converted the first (the model).");
    }
    Integer last = producers.get(outTensor.index());
    boolean softmax = last != null && last == TfliteOps.SOFTMAX;
    String version = "TensorFlow Lite" + (model.description.isBlank() ? "" : " (" + model.description.strip() + ")");
    byte[] onnx = graph.toModelBytes("Converted by Raut from the TensorFlow Lite model " + model.fileName);
    long[] reportedIn = in.shape().clone();
    long[] reportedOut = out.shape().clone();
    if (reportedIn.length > 0) {
      reportedIn[0] = -1;
    }
    if (reportedOut.length > 0) {
      reportedOut[0] = -1;
    }
    return new KerasConversion(onnx, reportedIn, reportedOut, opNames, tensorNames, version, softmax, notes);
  }

  // ---------------------------------------------------------------- ops

  private void translate(Operator op) throws ConversionException {
    int code = op.builtinCode();
    Value result = switch (code) {
      case TfliteOps.CONV_2D -> conv(op, false);
      case TfliteOps.DEPTHWISE_CONV_2D -> conv(op, true);
      case TfliteOps.FULLY_CONNECTED -> fullyConnected(op);
      case TfliteOps.ADD -> binary(op, "Add", 0);
      case TfliteOps.SUB -> binary(op, "Sub", 0);
      case TfliteOps.MUL -> binary(op, "Mul", 0);
      case TfliteOps.DIV -> binary(op, "Div", 0);
      case TfliteOps.PAD, TfliteOps.PADV2 -> pad(op);
      case TfliteOps.MEAN -> mean(op);
      case TfliteOps.RESHAPE, TfliteOps.SQUEEZE -> reshape(op);
      case TfliteOps.SOFTMAX -> softmax(op);
      case TfliteOps.AVERAGE_POOL_2D -> pool(op, "AveragePool");
      case TfliteOps.MAX_POOL_2D -> pool(op, "MaxPool");
      case TfliteOps.CONCATENATION -> concatenation(op);
      case TfliteOps.RELU -> unary(op, 1);
      case TfliteOps.RELU6 -> unary(op, 3);
      case TfliteOps.RELU_N1_TO_1 -> unary(op, 2);
      case TfliteOps.TANH -> unary(op, 4);
      case TfliteOps.LOGISTIC -> same(op, graph.node("Sigmoid", outName(op), List.of(activation(op, 0).onnx())));
      case TfliteOps.HARD_SWISH -> hardSwish(op);
      case TfliteOps.LEAKY_RELU -> same(op, graph.node("LeakyRelu", outName(op), List.of(activation(op, 0).onnx()),
          floatAttribute("alpha", options(op) == null ? 0f : options(op).float32(0, 0f))));
      case TfliteOps.DEQUANTIZE -> dequantize(op);
      case TfliteOps.QUANTIZE -> throw refuse(model.fileName + " quantises its tensors (QUANTIZE op). " + QUANTISED_TODO);
      case TfliteOps.CUSTOM -> throw unsupported(op, "a custom operator ('" + op.customCode() + "'), whose code is not"
          + " in the file");
      default -> throw unsupported(op, "");
    };
    if (result == null) {
      return;
    }
    Tensor out = tensor(op.outputs()[0]);
    if (out.shape().length > 0 && !Arrays.equals(dropBatch(out.shape()), dropBatch(result.shape()))
        || out.shape().length != result.shape().length) {
      throw bad("operator " + op.index() + " (" + TfliteOps.name(code) + ") computes a " + Arrays.toString(result.shape())
          + " tensor but the file says '" + out.name() + "' is " + Arrays.toString(out.shape()));
    }
    values.put(out.index(), new Value(result.onnx(), out.shape()));
  }

  private static long[] dropBatch(long[] shape) {
    return shape.length == 0 ? shape : Arrays.copyOfRange(shape, 1, shape.length);
  }

  private Value same(Operator op, String onnx) throws ConversionException {
    return new Value(onnx, activation(op, 0).shape());
  }

  /** CONV_2D (filter OHWI) and DEPTHWISE_CONV_2D (filter [1, H, W, C*M]), bias optional, fused activation. */
  private Value conv(Operator op, boolean depthwise) throws ConversionException {
    Value x = activation(op, 0);
    require4d(op, x);
    Tensor filter = constant(op, 1);
    long[] fs = filter.shape();
    if (fs.length != 4) {
      throw bad("operator " + op.index() + "'s filter is " + Arrays.toString(fs) + ", not 4-D");
    }
    Table o = options(op);
    int padding = o == null ? 0 : o.int8(0, 0);
    long strideW = o == null ? 0 : o.int32(1, 0);
    long strideH = o == null ? 0 : o.int32(2, 0);
    int activationField = depthwise ? 4 : 3;
    int fused = o == null ? 0 : o.int8(activationField, 0);
    long dilW = o == null ? 1 : o.int32(depthwise ? 5 : 4, 1);
    long dilH = o == null ? 1 : o.int32(depthwise ? 6 : 5, 1);
    long channels = x.shape()[3];
    float[] f = floats(filter);
    long kh = fs[1];
    long kw = fs[2];
    long outChannels;
    long group;
    float[] w;
    long[] wShape;
    if (depthwise) {
      if (fs[0] != 1 || fs[3] % channels != 0) {
        throw bad("operator " + op.index() + "'s depthwise filter " + Arrays.toString(fs) + " does not fit "
            + channels + " input channels");
      }
      outChannels = fs[3];
      group = channels;
      w = new float[f.length];
      for (int y = 0; y < kh; y++) {
        for (int xx = 0; xx < kw; xx++) {
          for (int c = 0; c < outChannels; c++) {
            w[(int) ((c * kh + y) * kw + xx)] = f[(int) ((y * kw + xx) * outChannels + c)];
          }
        }
      }
      wShape = new long[] {outChannels, 1, kh, kw};
    } else {
      outChannels = fs[0];
      long perGroup = fs[3];
      if (channels % perGroup != 0 || outChannels % (channels / perGroup) != 0) {
        throw bad("operator " + op.index() + "'s filter " + Arrays.toString(fs) + " does not fit " + channels
            + " input channels");
      }
      group = channels / perGroup;
      w = new float[f.length];
      for (int oc = 0; oc < outChannels; oc++) {
        for (int y = 0; y < kh; y++) {
          for (int xx = 0; xx < kw; xx++) {
            for (int i = 0; i < perGroup; i++) {
              w[(int) (((oc * perGroup + i) * kh + y) * kw + xx)] = f[(int) (((oc * kh + y) * kw + xx) * perGroup + i)];
            }
          }
        }
      }
      wShape = new long[] {outChannels, perGroup, kh, kw};
    }
    List<String> inputs = new ArrayList<>(List.of(x.onnx(), graph.floatInitializer(filter.name(), wShape, w)));
    String bias = optionalBias(op, 2, outChannels);
    if (bias != null) {
      inputs.add(bias);
    }
    long[] strides = {strideH, strideW};
    long[] dilations = {dilH, dilW};
    long[] out = new long[4];
    long[] pads = pads(op, padding, x.shape(), new long[] {kh, kw}, strides, dilations, out);
    out[3] = outChannels;
    String y = graph.node("Conv", outName(op), inputs, ints("dilations", dilations), integer("group", group),
        ints("kernel_shape", kh, kw), ints("strides", strides), ints("pads", pads));
    return new Value(fused(op, fused, y), out);
  }

  /** TF's SAME (the odd pixel padded at the end) or VALID; fills N, H and W of {@code out}. */
  private long[] pads(Operator op, int padding, long[] in, long[] window, long[] strides, long[] dilations, long[] out)
      throws ConversionException {
    for (int axis = 0; axis < 2; axis++) {
      if (strides[axis] < 1 || dilations[axis] < 1 || in[axis + 1] < 1) {
        throw bad("operator " + op.index() + " has stride " + strides[axis] + ", dilation " + dilations[axis]
            + " on a size of " + in[axis + 1]);
      }
    }
    if (padding != 0 && padding != 1) {
      throw unsupported(op, "padding mode " + padding);
    }
    // TFLite's Padding enum: SAME = 0, VALID = 1; every size is known here, so the pads always are
    return Layouts.tfPads(padding == 0, in, window, strides, dilations, out);
  }


  private Value pool(Operator op, String onnxOp) throws ConversionException {
    Value x = activation(op, 0);
    require4d(op, x);
    Table o = options(op);
    if (o == null) {
      throw bad("operator " + op.index() + " has no pooling options");
    }
    long[] strides = {o.int32(2, 0), o.int32(1, 0)};
    long[] window = {o.int32(4, 0), o.int32(3, 0)};
    long[] out = new long[4];
    long[] pads = pads(op, o.int8(0, 0), x.shape(), window, strides, new long[] {1, 1}, out);
    out[3] = x.shape()[3];
    List<dev.raut.core.convert.onnx.OnnxProto.AttributeProto> attrs = new ArrayList<>(List.of(
        ints("kernel_shape", window), ints("strides", strides), ints("pads", pads)));
    if (onnxOp.equals("AveragePool")) {
      attrs.add(integer("count_include_pad", 0)); // TF averages the real pixels only
    }
    String y = graph.node(onnxOp, outName(op), List.of(x.onnx()),
        attrs.toArray(new dev.raut.core.convert.onnx.OnnxProto.AttributeProto[0]));
    return new Value(fused(op, o.int8(5, 0), y), out);
  }

  /** FULLY_CONNECTED: weights [out, in], bias optional; without keep_num_dims the input is flattened to [-1, in]. */
  private Value fullyConnected(Operator op) throws ConversionException {
    Value x = activation(op, 0);
    Tensor weights = constant(op, 1);
    long[] ws = weights.shape();
    if (ws.length != 2) {
      throw bad("operator " + op.index() + "'s weights are " + Arrays.toString(ws) + ", not [out, in]");
    }
    long units = ws[0];
    long features = ws[1];
    Table o = options(op);
    int fused = o == null ? 0 : o.int8(0, 0);
    if (o != null && o.int8(1, 0) != 0) {
      throw unsupported(op, "shuffled weights");
    }
    boolean keepDims = o != null && o.bool(2, false);
    long total = 1;
    for (long d : x.shape()) {
      total *= d;
    }
    if (x.shape().length == 0 || total % features != 0 || x.shape()[x.shape().length - 1] != features && keepDims) {
      throw bad("operator " + op.index() + " multiplies a " + Arrays.toString(x.shape()) + " tensor by "
          + Arrays.toString(ws) + " weights");
    }
    String in = x.nchw() ? toNhwc(x, outName(op)) : x.onnx();
    String w = graph.floatInitializer(weights.name(), ws, floats(weights));
    String bias = optionalBias(op, 2, units);
    if (!keepDims) {
      long rows = total / features;
      if (rows != x.shape()[0]) {
        fixedBatch = true;
      }
      String flat = in;
      if (x.shape().length != 2 || x.shape()[1] != features) {
        flat = graph.node("Reshape", outName(op) + "/flat", List.of(in,
            graph.int64Initializer(outName(op) + "/flat_shape", new long[] {2}, new long[] {-1, features})));
      }
      List<String> inputs = new ArrayList<>(List.of(flat, w));
      if (bias != null) {
        inputs.add(bias);
      }
      String y = graph.node("Gemm", outName(op), inputs, integer("transB", 1));
      return new Value(fused(op, fused, y), new long[] {rows, units});
    }
    String wt = graph.node("Transpose", outName(op) + "/wt", List.of(w), ints("perm", 1, 0));
    String y = graph.node("MatMul", outName(op) + "/matmul", List.of(in, wt));
    if (bias != null) {
      y = graph.node("Add", outName(op) + "/bias_add", List.of(y, bias));
    }
    long[] outShape = x.shape().clone();
    outShape[outShape.length - 1] = units;
    y = fused(op, fused, y);
    return new Value(outShape.length == 4 ? toNchw(y, outName(op)) : y, outShape);
  }

  /** ADD / SUB / MUL / DIV with numpy broadcasting, either side an activation or a constant, fused activation. */
  private Value binary(Operator op, String onnxOp, int activationField) throws ConversionException {
    long[] sa = shapeOf(op.inputs()[0]);
    long[] sb = shapeOf(op.inputs()[1]);
    long[] out = broadcast(op, sa, sb);
    boolean anyActivation = isActivation(op.inputs()[0]) || isActivation(op.inputs()[1]);
    if (!anyActivation) {
      throw unsupported(op, "an operation on constants only");
    }
    // 4-D results are NCHW: both sides must then be 4-D activations or constants laid out NCHW
    boolean nchw = out.length == 4 && (!isActivation(op.inputs()[0]) || sa.length == 4)
        && (!isActivation(op.inputs()[1]) || sb.length == 4);
    String a = operand(op, 0, nchw, out.length);
    String b = operand(op, 1, nchw, out.length);
    Table o = options(op);
    String y = graph.node(onnxOp, outName(op) + (nchw || out.length != 4 ? "" : "/nhwc"), List.of(a, b));
    y = fused(op, o == null ? 0 : o.int8(activationField, 0), y);
    if (out.length == 4 && !nchw) {
      y = toNchw(y, outName(op));
    }
    return new Value(y, out);
  }

  /** An operand of an elementwise op: NCHW when {@code nchw}, else in TFLite order. */
  private String operand(Operator op, int position, boolean nchw, int outRank) throws ConversionException {
    int index = op.inputs()[position];
    if (isActivation(index)) {
      Value v = values.get(index);
      return v.nchw() && !nchw ? toNhwc(v, outName(op) + "/in" + position) : v.onnx();
    }
    Tensor t = tensor(index);
    float[] data = floats(t);
    long[] shape = t.shape();
    if (nchw) {
      long[] nchwShape = new long[4];
      float[] laidOut = Layouts.broadcastConstantToNchw(data, shape, nchwShape);
      return graph.floatInitializer(t.name(), nchwShape, laidOut);
    }
    return graph.floatInitializer(t.name(), shape, data);
  }

  private long[] broadcast(Operator op, long[] a, long[] b) throws ConversionException {
    int rank = Math.max(a.length, b.length);
    long[] out = new long[rank];
    for (int i = 0; i < rank; i++) {
      long da = i - (rank - a.length) >= 0 ? a[i - (rank - a.length)] : 1;
      long db = i - (rank - b.length) >= 0 ? b[i - (rank - b.length)] : 1;
      if (da != db && da != 1 && db != 1) {
        throw bad("operator " + op.index() + " combines " + Arrays.toString(a) + " with " + Arrays.toString(b));
      }
      out[i] = da == 1 ? db : da;
    }
    return out;
  }

  /** PAD / PADV2: constant padding, paddings [rank, 2] in TFLite order. */
  private Value pad(Operator op) throws ConversionException {
    Value x = activation(op, 0);
    long[] p = longs(constant(op, 1));
    int rank = x.shape().length;
    if (p.length != 2 * rank) {
      throw bad("operator " + op.index() + " pads a rank-" + rank + " tensor with " + p.length / 2 + " pairs");
    }
    float value = 0f;
    if (op.builtinCode() == TfliteOps.PADV2 && op.inputs().length > 2 && op.inputs()[2] >= 0) {
      float[] v = floats(constant(op, 2));
      if (v.length != 1) {
        throw bad("operator " + op.index() + "'s padding value is not a scalar");
      }
      value = v[0];
    }
    long[] pads = new long[2 * rank];
    long[] out = x.shape().clone();
    for (int axis = 0; axis < rank; axis++) {
      int onnxAxis = x.nchw() ? (int) Layouts.nchwAxis(axis) : axis;
      if (p[2 * axis] < 0 || p[2 * axis + 1] < 0) {
        throw unsupported(op, "negative padding");
      }
      pads[onnxAxis] = p[2 * axis];
      pads[rank + onnxAxis] = p[2 * axis + 1];
      out[axis] += p[2 * axis] + p[2 * axis + 1];
    }
    if (p[0] != 0 || p[1] != 0) {
      fixedBatch = true;
    }
    String y = graph.node("Pad", outName(op), List.of(x.onnx(),
        graph.int64Initializer(outName(op) + "/pads", new long[] {pads.length}, pads), scalar(value)));
    return new Value(y, out);
  }

  /** MEAN over constant axes, keep_dims or not. */
  private Value mean(Operator op) throws ConversionException {
    Value x = activation(op, 0);
    int rank = x.shape().length;
    long[] axes = longs(constant(op, 1));
    boolean[] reduced = new boolean[rank];
    for (long a : axes) {
      long axis = a < 0 ? a + rank : a;
      if (axis < 0 || axis >= rank) {
        throw bad("operator " + op.index() + " averages over axis " + a + " of a rank-" + rank + " tensor");
      }
      reduced[(int) axis] = true;
    }
    if (reduced.length > 0 && reduced[0]) {
      fixedBatch = true;
    }
    Table o = options(op);
    boolean keepDims = o != null && o.bool(0, false);
    List<Long> kept = new ArrayList<>();
    List<Long> keptShape = new ArrayList<>();
    for (int i = 0; i < rank; i++) {
      if (!reduced[i] || keepDims) {
        keptShape.add(reduced[i] ? 1L : x.shape()[i]);
      }
      if (!reduced[i]) {
        kept.add((long) i);
      }
    }
    long[] out = keptShape.stream().mapToLong(Long::longValue).toArray();
    if (kept.size() == rank) {
      return new Value(graph.node("Identity", outName(op), List.of(x.onnx())), out);
    }
    String in = x.onnx();
    long[] onnxAxes = new long[rank - kept.size()];
    boolean direct = true;
    if (x.nchw() && !(keepDims)) {
      // the kept axes come out in NCHW order: fine when that is also their TFLite order
      List<Long> nchwOrder = new ArrayList<>();
      for (long axis : Layouts.NHWC_TO_NCHW) {
        if (!reduced[(int) axis]) {
          nchwOrder.add(axis);
        }
      }
      direct = nchwOrder.equals(kept);
    }
    int k = 0;
    for (int i = 0; i < rank; i++) {
      if (reduced[i]) {
        onnxAxes[k++] = x.nchw() && direct ? Layouts.nchwAxis(i) : i;
      }
    }
    if (x.nchw() && !direct) {
      in = toNhwc(x, outName(op));
    }
    Arrays.sort(onnxAxes);
    String y = graph.node("ReduceMean", outName(op), List.of(in), ints("axes", onnxAxes),
        integer("keepdims", keepDims ? 1 : 0));
    if (x.nchw() && !direct && out.length == 4) {
      y = toNchw(y, outName(op));
    }
    return new Value(y, out);
  }

  /** RESHAPE and SQUEEZE: to the shape the file declares for the output (checked against the element count). */
  private Value reshape(Operator op) throws ConversionException {
    Value x = activation(op, 0);
    Tensor outTensor = tensor(op.outputs()[0]);
    long[] target = outTensor.shape().clone();
    long inTotal = 1;
    for (long d : x.shape()) {
      inTotal *= d;
    }
    long outTotal = 1;
    for (long d : target) {
      outTotal *= d;
    }
    if (inTotal != outTotal || Arrays.stream(target).anyMatch(d -> d < 0)) {
      throw bad("operator " + op.index() + " reshapes " + Arrays.toString(x.shape()) + " to "
          + Arrays.toString(target));
    }
    long[] onnxShape = target.clone();
    if (target.length > 0 && x.shape().length > 0 && target[0] == x.shape()[0] && x.shape()[0] == 1) {
      onnxShape[0] = 0; // keep the batch, whatever it is
    } else {
      fixedBatch = true;
    }
    String in = x.nchw() ? toNhwc(x, outName(op)) : x.onnx();
    String y = graph.node("Reshape", target.length == 4 ? outName(op) + "/nhwc" : outName(op), List.of(in,
        graph.int64Initializer(outName(op) + "/shape", new long[] {onnxShape.length}, onnxShape)));
    return new Value(target.length == 4 ? toNchw(y, outName(op)) : y, target);
  }

  private Value softmax(Operator op) throws ConversionException {
    Value x = activation(op, 0);
    Table o = options(op);
    float beta = o == null ? 0f : o.float32(0, 0f);
    String in = x.onnx();
    if (beta != 1f) {
      in = graph.node("Mul", outName(op) + "/beta", List.of(in, scalar(beta)));
    }
    long axis = x.nchw() ? 1 : x.shape().length - 1;
    return new Value(graph.node("Softmax", outName(op), List.of(in), integer("axis", axis)), x.shape());
  }

  private Value concatenation(Operator op) throws ConversionException {
    Table o = options(op);
    long[] first = shapeOf(op.inputs()[0]);
    int rank = first.length;
    long axis = o == null ? 0 : o.int32(0, 0);
    axis = axis < 0 ? axis + rank : axis;
    if (axis < 0 || axis >= rank) {
      throw bad("operator " + op.index() + " concatenates along axis " + axis + " of a rank-" + rank + " tensor");
    }
    long[] out = first.clone();
    out[(int) axis] = 0;
    List<String> inputs = new ArrayList<>();
    for (int i = 0; i < op.inputs().length; i++) {
      long[] s = shapeOf(op.inputs()[i]);
      if (s.length != rank) {
        throw bad("operator " + op.index() + " concatenates tensors of different ranks");
      }
      out[(int) axis] += s[(int) axis];
      inputs.add(operand(op, i, rank == 4, rank));
    }
    String y = graph.node("Concat", outName(op), inputs, integer("axis", rank == 4 ? Layouts.nchwAxis(axis) : axis));
    return new Value(fused(op, o == null ? 0 : o.int8(1, 0), y), out);
  }

  private Value unary(Operator op, int activationCode) throws ConversionException {
    Value x = activation(op, 0);
    return new Value(fused(op, activationCode, x.onnx()), x.shape());
  }

  /** x * relu6(x + 3) / 6 as x * HardSigmoid(x; 1/6, 0.5). */
  private Value hardSwish(Operator op) throws ConversionException {
    Value x = activation(op, 0);
    String gate = graph.node("HardSigmoid", outName(op) + "/gate", List.of(x.onnx()),
        floatAttribute("alpha", 1f / 6f), floatAttribute("beta", 0.5f));
    return new Value(graph.node("Mul", outName(op), List.of(x.onnx(), gate)), x.shape());
  }

  /** DEQUANTIZE of float16 constants (float16 weights): exact, done here; of int8 data: a quantised model. */
  private Value dequantize(Operator op) throws ConversionException {
    Tensor in = tensor(op.inputs()[0]);
    if (in.type() != TfliteModel.FLOAT16 || !in.constant()) {
      throw refuse(model.fileName + " dequantises " + typeName(in.type()) + " data at run time. " + QUANTISED_TODO);
    }
    derived.put(op.outputs()[0], halfs(in));
    return null;
  }

  private String fused(Operator op, int code, String y) throws ConversionException {
    return switch (code) {
      case 0 -> y;
      case 1 -> graph.node("Relu", y + "/relu", List.of(y));
      case 2 -> graph.node("Clip", y + "/relu_n1_to_1", List.of(y, scalar(-1f), scalar(1f)));
      case 3 -> graph.node("Clip", y + "/relu6", List.of(y, scalar(0f), scalar(6f)));
      case 4 -> graph.node("Tanh", y + "/tanh", List.of(y));
      default -> throw unsupported(op, "fused activation " + (code == 5 ? "SIGN_BIT" : String.valueOf(code)));
    };
  }

  // ---------------------------------------------------------------- tensors

  private Tensor tensor(int index) throws ConversionException {
    if (index < 0 || index >= model.tensors.size()) {
      throw bad("a tensor index " + index + " of " + model.tensors.size());
    }
    return model.tensors.get(index);
  }

  private boolean isActivation(int index) {
    return values.containsKey(index);
  }

  private long[] shapeOf(int index) throws ConversionException {
    Value v = values.get(index);
    return v != null ? v.shape() : tensor(index).shape();
  }

  private Value activation(Operator op, int position) throws ConversionException {
    if (position >= op.inputs().length) {
      throw bad("operator " + op.index() + " (" + TfliteOps.name(op.builtinCode()) + ") has too few inputs");
    }
    Value v = values.get(op.inputs()[position]);
    if (v == null) {
      Tensor t = tensor(op.inputs()[position]);
      throw unsupported(op, "an input ('" + t.name() + "') that is " + (t.constant() || derived.containsKey(t.index())
          ? "a constant" : "made by no earlier operator"));
    }
    return v;
  }

  private Tensor constant(Operator op, int position) throws ConversionException {
    if (position >= op.inputs().length || op.inputs()[position] < 0) {
      throw bad("operator " + op.index() + " (" + TfliteOps.name(op.builtinCode()) + ") lacks input " + position);
    }
    Tensor t = tensor(op.inputs()[position]);
    if (!t.constant() && !derived.containsKey(t.index())) {
      throw unsupported(op, "weights ('" + t.name() + "') computed at run time rather than stored");
    }
    return t;
  }

  private String optionalBias(Operator op, int position, long size) throws ConversionException {
    if (op.inputs().length <= position || op.inputs()[position] < 0) {
      return null;
    }
    Tensor b = constant(op, position);
    float[] v = floats(b);
    if (v.length != size) {
      throw bad("operator " + op.index() + "'s bias has " + v.length + " values for " + size + " outputs");
    }
    return graph.floatInitializer(b.name(), new long[] {size}, v);
  }

  private float[] floats(Tensor t) throws ConversionException {
    float[] d = derived.get(t.index());
    if (d != null) {
      return d;
    }
    if (t.type() != TfliteModel.FLOAT32) {
      throw refuse(model.fileName + ": the constant '" + t.name() + "' is " + typeName(t.type()) + ", not float32. "
          + QUANTISED_TODO);
    }
    if (t.data().length != 4 * t.elements()) {
      throw bad("the constant '" + t.name() + "' holds " + t.data().length + " bytes for shape "
          + Arrays.toString(t.shape()));
    }
    float[] out = new float[(int) t.elements()];
    ByteBuffer.wrap(t.data()).order(ByteOrder.LITTLE_ENDIAN).asFloatBuffer().get(out);
    return out;
  }

  private float[] halfs(Tensor t) throws ConversionException {
    if (t.data().length != 2 * t.elements()) {
      throw bad("the constant '" + t.name() + "' holds " + t.data().length + " bytes for shape "
          + Arrays.toString(t.shape()));
    }
    float[] out = new float[(int) t.elements()];
    ByteBuffer b = ByteBuffer.wrap(t.data()).order(ByteOrder.LITTLE_ENDIAN);
    for (int i = 0; i < out.length; i++) {
      out[i] = TfjsModel.halfToFloat(b.getShort(2 * i) & 0xffff);
    }
    return out;
  }

  private long[] longs(Tensor t) throws ConversionException {
    ByteBuffer b = ByteBuffer.wrap(t.data()).order(ByteOrder.LITTLE_ENDIAN);
    int size = t.type() == TfliteModel.INT32 ? 4 : t.type() == TfliteModel.INT64 ? 8 : 0;
    if (size == 0 || t.data().length != size * t.elements()) {
      throw bad("the constant '" + t.name() + "' is not an int32 / int64 list of shape " + Arrays.toString(t.shape()));
    }
    long[] out = new long[(int) t.elements()];
    for (int i = 0; i < out.length; i++) {
      out[i] = size == 4 ? b.getInt(4 * i) : b.getLong(8 * i);
    }
    return out;
  }

  private Table options(Operator op) {
    return op.options();
  }

  private String outName(Operator op) throws ConversionException {
    return sanitize(tensor(op.outputs()[0]).name());
  }

  private static String sanitize(String name) {
    return name.isEmpty() ? "t" : name;
  }

  private String scalar(float v) {
    return scalars.computeIfAbsent(Float.toString(v), k -> graph.floatInitializer(
        "const_" + k.replace('-', 'm').replace('.', '_'), new long[0], new float[] {v}));
  }

  private String toNhwc(Value x, String name) {
    return graph.node("Transpose", name + "/to_nhwc", List.of(x.onnx()), ints("perm", Layouts.NCHW_TO_NHWC));
  }

  private String toNchw(String nhwc, String name) {
    return graph.node("Transpose", name + "/to_nchw", List.of(nhwc), ints("perm", Layouts.NHWC_TO_NCHW));
  }

  private static void require4d(Operator op, Value x) throws ConversionException {
    if (x.shape().length != 4) {
      throw new ConversionException(Reason.BAD_CONFIG, "operator " + op.index() + " (" + TfliteOps.name(op.builtinCode())
          + ") takes a " + Arrays.toString(x.shape()) + " tensor, not an image-shaped [N, H, W, C] one");
    }
  }

  static String typeName(int type) {
    return switch (type) {
      case TfliteModel.FLOAT32 -> "float32";
      case TfliteModel.FLOAT16 -> "float16";
      case TfliteModel.INT32 -> "int32";
      case TfliteModel.UINT8 -> "uint8";
      case TfliteModel.INT64 -> "int64";
      case TfliteModel.INT16 -> "int16";
      case TfliteModel.INT8 -> "int8";
      default -> "type " + type;
    };
  }

  private ConversionException refuse(String message) {
    return new ConversionException(Reason.UNSUPPORTED_LAYER, message);
  }

  private ConversionException unsupported(Operator op, String detail) throws ConversionException {
    String name = op.builtinCode() == TfliteOps.CUSTOM ? "CUSTOM" : TfliteOps.name(op.builtinCode());
    String making = op.outputs().length > 0 ? ", making '" + tensor(op.outputs()[0]).name() + "'" : "";
    return new ConversionException(Reason.UNSUPPORTED_LAYER, model.fileName + " uses the TensorFlow Lite operator "
        + name + " (operator " + op.index() + making + ")" + (detail.isEmpty() ? "" : " with " + detail)
        + ", which Raut cannot convert exactly. Export the model as Keras (.h5 or .keras), TensorFlow.js or ONNX"
        + " and import that instead.");
  }

  private ConversionException bad(String detail) {
    return new ConversionException(Reason.BAD_CONFIG, model.fileName + " is inconsistent: " + detail + ".");
  }
}
