package dev.raut.core.convert;

import static dev.raut.core.convert.OnnxGraphBuilder.integer;
import static dev.raut.core.convert.OnnxGraphBuilder.ints;
import static dev.raut.core.convert.OnnxGraphBuilder.string;

import dev.raut.core.convert.onnx.OnnxProto.AttributeProto;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Maps TF ops to ONNX nodes, one TF node at a time in topological order. To support another op,
 * add a handler to {@link #HANDLERS}; it must either emit an exact equivalent or throw
 * {@link UnsupportedOpException}.
 */
final class NodeTranslator {
  /** An ONNX tensor standing for a TF node's output; 4-D tensors are stored NCHW. */
  record Value(String onnxName, long[] tfShape) {
    boolean nchw() {
      return tfShape.length == 4;
    }
  }

  @FunctionalInterface
  private interface Handler {
    void translate(NodeTranslator translator, TfNode node) throws ConversionException;
  }

  private static final Map<String, Handler> HANDLERS = new HashMap<>();

  static {
    HANDLERS.put("Const", (t, n) -> { });
    HANDLERS.put("Identity", NodeTranslator::identity);
    HANDLERS.put("Conv2D", NodeTranslator::conv);
    HANDLERS.put("_FusedConv2D", NodeTranslator::conv);
    HANDLERS.put("DepthwiseConv2dNative", NodeTranslator::conv);
    HANDLERS.put("FusedDepthwiseConv2dNative", NodeTranslator::conv);
    HANDLERS.put("MaxPool", (t, n) -> t.pool(n, "MaxPool"));
    HANDLERS.put("AvgPool", (t, n) -> t.pool(n, "AveragePool"));
    HANDLERS.put("Add", (t, n) -> t.binary(n, "Add"));
    HANDLERS.put("AddV2", (t, n) -> t.binary(n, "Add"));
    HANDLERS.put("Sub", (t, n) -> t.binary(n, "Sub"));
    HANDLERS.put("Mul", (t, n) -> t.binary(n, "Mul"));
    HANDLERS.put("RealDiv", (t, n) -> t.binary(n, "Div"));
    HANDLERS.put("Relu", (t, n) -> t.unary(n, "Relu"));
    HANDLERS.put("Sigmoid", (t, n) -> t.unary(n, "Sigmoid"));
    HANDLERS.put("Tanh", (t, n) -> t.unary(n, "Tanh"));
    HANDLERS.put("Relu6", NodeTranslator::relu6);
    HANDLERS.put("Mean", NodeTranslator::mean);
    HANDLERS.put("ConcatV2", NodeTranslator::concat);
    HANDLERS.put("ResizeBilinear", NodeTranslator::resizeBilinear);
    HANDLERS.put("Softmax", NodeTranslator::softmax);
  }

  private final OnnxGraphBuilder graph;
  private final Map<String, TfTensor> constants;
  private final Map<String, Value> values = new HashMap<>();
  private final Map<String, String> constantInitializers = new HashMap<>();

  NodeTranslator(OnnxGraphBuilder graph, Map<String, TfTensor> constants) {
    this.graph = graph;
    this.constants = new HashMap<>(constants);
  }

  void translate(TfNode node) throws ConversionException {
    Handler handler = HANDLERS.get(node.op());
    if (handler == null) {
      throw node.unsupported("no ONNX mapping for this op");
    }
    if (node.op().equals("Const") && !constants.containsKey(node.name())) {
      throw new ConversionException("Const node '" + node.name() + "' has no entry in the weights manifest");
    }
    if (!node.type("T").isEmpty() && !node.type("T").equals("DT_FLOAT")) {
      throw node.unsupported("element type " + node.type("T") + "; only float tensors are supported");
    }
    handler.translate(this, node);
  }

  /** Registers a graph input (or any externally produced tensor) for a TF node. */
  void define(String tfNode, Value value) {
    values.put(tfNode, value);
  }

  Value value(String tfNode) {
    return values.get(tfNode);
  }

  private void define(TfNode node, String onnxName, long[] tfShape) {
    values.put(node.name(), new Value(onnxName, tfShape));
  }

  private Value activation(TfNode node, int input) throws ConversionException {
    String name = node.dataInputs().get(input);
    Value value = values.get(name);
    if (value == null) {
      throw node.unsupported("input " + input + " ('" + name + "') must be a computed tensor, not a constant");
    }
    return value;
  }

  private TfTensor constant(TfNode node, int input) throws ConversionException {
    List<String> inputs = node.dataInputs();
    return input < inputs.size() ? constants.get(inputs.get(input)) : null;
  }

  private TfTensor requireConstant(TfNode node, int input, String what) throws ConversionException {
    TfTensor tensor = constant(node, input);
    if (tensor == null) {
      throw node.unsupported(what + " must be a constant");
    }
    return tensor;
  }

  private static void requireInputCount(TfNode node, int count) throws ConversionException {
    if (node.dataInputs().size() != count) {
      throw node.unsupported("expected " + count + " inputs, found " + node.dataInputs().size());
    }
  }

  private void identity(TfNode node) throws ConversionException {
    requireInputCount(node, 1);
    TfTensor constantInput = constant(node, 0);
    if (constantInput != null) {
      constants.put(node.name(), constantInput);
    } else {
      values.put(node.name(), activation(node, 0));
    }
  }

  private void unary(TfNode node, String onnxOp) throws ConversionException {
    requireInputCount(node, 1);
    Value x = activation(node, 0);
    define(node, graph.node(onnxOp, node.name(), List.of(x.onnxName())), x.tfShape());
  }

  private void relu6(TfNode node) throws ConversionException {
    requireInputCount(node, 1);
    Value x = activation(node, 0);
    define(node, clipToRelu6(x.onnxName(), node.name()), x.tfShape());
  }

  private String clipToRelu6(String input, String outputHint) {
    String min = constantInitializer("relu6/min", new TfTensor("relu6/min", new long[0], new float[] {0f}, null), false);
    String max = constantInitializer("relu6/max", new TfTensor("relu6/max", new long[0], new float[] {6f}, null), false);
    return graph.node("Clip", outputHint, List.of(input, min, max));
  }

  /** Conv2D, DepthwiseConv2dNative and their fused (BiasAdd [+ Relu | Relu6]) variants. */
  private void conv(TfNode node) throws ConversionException {
    boolean depthwise = node.op().contains("Depthwise");
    boolean fused = node.op().startsWith("_Fused") || node.op().startsWith("Fused");
    requireInputCount(node, fused ? 3 : 2);
    Value x = activation(node, 0);
    requireNhwc4d(node, x);
    TfTensor kernel = requireConstant(node, 1, "the kernel");
    if (!kernel.isFloat() || kernel.rank() != 4) {
      throw node.unsupported("kernel must be a 4-D float constant");
    }
    long[] k = kernel.shape();
    long channels = x.tfShape()[3];
    if (channels >= 0 && channels != k[2]) {
      throw node.unsupported("kernel expects " + k[2] + " input channels but the input has " + channels
          + " (grouped convolution is not supported)");
    }
    long[] strides = spatialPair(node, "strides");
    long[] dilations = node.has("dilations") ? spatialPair(node, "dilations") : new long[] {1, 1};
    long outChannels = depthwise ? k[2] * k[3] : k[3];
    float[] weights = depthwise ? Layouts.depthwiseToOnnx(kernel.floats(), k) : Layouts.hwioToOihw(kernel.floats(), k);
    long[] weightShape = depthwise ? new long[] {outChannels, 1, k[0], k[1]} : new long[] {k[3], k[2], k[0], k[1]};

    List<String> inputs = new ArrayList<>(List.of(x.onnxName(), graph.floatInitializer(kernel.name(), weightShape, weights)));
    String activationOp = null;
    if (fused) {
      List<String> fusedOps = node.strings("fused_ops");
      if (fusedOps.isEmpty() || !fusedOps.get(0).equals("BiasAdd") || fusedOps.size() > 2
          || node.integer("num_args", 1) != 1) {
        throw node.unsupported("fused_ops " + fusedOps + " (only BiasAdd, optionally followed by Relu or Relu6)");
      }
      if (fusedOps.size() == 2) {
        activationOp = fusedOps.get(1);
        if (!activationOp.equals("Relu") && !activationOp.equals("Relu6")) {
          throw node.unsupported("fused activation " + activationOp + " (only Relu and Relu6)");
        }
      }
      TfTensor bias = requireConstant(node, 2, "the bias");
      if (!bias.isFloat() || bias.floats().length != outChannels) {
        throw node.unsupported("bias must be a float constant with " + outChannels + " values");
      }
      inputs.add(graph.floatInitializer(bias.name(), new long[] {outChannels}, bias.floats()));
    }
    long[] outShape = new long[4];
    List<AttributeProto> attributes = new ArrayList<>(List.of(
        ints("dilations", dilations), integer("group", depthwise ? k[2] : 1),
        ints("kernel_shape", k[0], k[1]), ints("strides", strides)));
    attributes.add(padding(node, x.tfShape(), new long[] {k[0], k[1]}, strides, dilations, outShape));
    outShape[3] = outChannels;

    String convHint = activationOp == null ? node.name() : node.name() + "/conv";
    String out = graph.node("Conv", convHint, inputs, attributes.toArray(AttributeProto[]::new));
    if ("Relu".equals(activationOp)) {
      out = graph.node("Relu", node.name(), List.of(out));
    } else if ("Relu6".equals(activationOp)) {
      out = clipToRelu6(out, node.name());
    }
    define(node, out, outShape);
  }

  private void pool(TfNode node, String onnxOp) throws ConversionException {
    requireInputCount(node, 1);
    Value x = activation(node, 0);
    requireNhwc4d(node, x);
    long[] window = spatialPair(node, "ksize");
    long[] strides = spatialPair(node, "strides");
    long[] outShape = new long[4];
    AttributeProto pads = padding(node, x.tfShape(), window, strides, new long[] {1, 1}, outShape);
    outShape[3] = x.tfShape()[3];
    // AveragePool's default count_include_pad=0 matches TF, which averages only real pixels.
    define(node, graph.node(onnxOp, node.name(), List.of(x.onnxName()),
        ints("kernel_shape", window), ints("strides", strides), pads), outShape);
  }

  private static void requireNhwc4d(TfNode node, Value x) throws ConversionException {
    String format = node.string("data_format", "NHWC");
    if (!format.equals("NHWC")) {
      throw node.unsupported("data_format " + format + " (only NHWC)");
    }
    if (x.tfShape().length != 4) {
      throw node.unsupported("input must be 4-D, found rank " + x.tfShape().length);
    }
  }

  /** The H and W entries of an NHWC attribute like strides, which must be 1 for N and C. */
  private static long[] spatialPair(TfNode node, String attr) throws ConversionException {
    long[] v = node.ints(attr);
    if (v.length != 4 || v[0] != 1 || v[3] != 1) {
      throw node.unsupported(attr + " " + Arrays.toString(v) + " (must be [1, h, w, 1])");
    }
    return new long[] {v[1], v[2]};
  }

  /**
   * ONNX padding for TF's VALID / SAME, filling H and W of {@code outShape}. SAME pads the odd pixel
   * at the end, like ONNX SAME_UPPER; explicit pads are used when the input size is known.
   */
  private static AttributeProto padding(TfNode node, long[] in, long[] window, long[] strides, long[] dilations,
      long[] outShape) throws ConversionException {
    String mode = node.string("padding", "");
    if (!mode.equals("SAME") && !mode.equals("VALID")) {
      throw node.unsupported("padding " + mode + " (only SAME and VALID)");
    }
    long[] pads = Layouts.tfPads(mode.equals("SAME"), in, window, strides, dilations, outShape);
    if (pads == null) {
      if (dilations[0] != 1 || dilations[1] != 1) {
        throw node.unsupported("SAME padding with dilation needs a known input size");
      }
      return string("auto_pad", "SAME_UPPER");
    }
    return ints("pads", pads);
  }

  private void binary(TfNode node, String onnxOp) throws ConversionException {
    requireInputCount(node, 2);
    TfTensor[] constantInputs = {constant(node, 0), constant(node, 1)};
    if (constantInputs[0] != null && constantInputs[1] != null) {
      throw node.unsupported("both operands are constants");
    }
    Value other = activation(node, constantInputs[0] != null ? 1 : 0);
    List<String> inputs = new ArrayList<>();
    long[] shape = other.tfShape();
    for (int i = 0; i < 2; i++) {
      if (constantInputs[i] != null) {
        TfTensor c = constantInputs[i];
        // A higher-rank constant would make the result rank differ from the tensor's layout.
        if (!c.isFloat() || c.rank() > other.tfShape().length) {
          throw node.unsupported("constant operand must be float with rank <= " + other.tfShape().length);
        }
        inputs.add(constantInitializer(c.name(), c, other.nchw()));
        shape = broadcast(node, shape, c.shape());
      } else {
        Value v = activation(node, i);
        if (v != other) {
          if (v.tfShape().length != other.tfShape().length && (v.nchw() || other.nchw())) {
            throw node.unsupported("broadcasting a 4-D tensor against rank " + Math.min(v.tfShape().length,
                other.tfShape().length) + " is not supported");
          }
          shape = broadcast(node, shape, v.tfShape());
        }
        inputs.add(v.onnxName());
      }
    }
    define(node, graph.node(onnxOp, node.name(), inputs), shape);
  }

  /** An initializer for a constant; against NCHW tensors it is padded to rank 4 and transposed. */
  private String constantInitializer(String hint, TfTensor c, boolean nchw) {
    String key = c.name() + (nchw ? "@nchw" : "");
    String existing = constantInitializers.get(key);
    if (existing != null) {
      return existing;
    }
    String name;
    if (nchw) {
      long[] dims = new long[4];
      float[] data = Layouts.broadcastConstantToNchw(c.floats(), c.shape(), dims);
      name = graph.floatInitializer(hint, dims, data);
    } else {
      name = graph.floatInitializer(hint, c.shape(), c.floats());
    }
    constantInitializers.put(key, name);
    return name;
  }

  private static long[] broadcast(TfNode node, long[] a, long[] b) throws ConversionException {
    long[] result = new long[Math.max(a.length, b.length)];
    for (int i = 1; i <= result.length; i++) {
      long x = i <= a.length ? a[a.length - i] : 1;
      long y = i <= b.length ? b[b.length - i] : 1;
      if (x != y && x != 1 && y != 1 && x >= 0 && y >= 0) {
        throw node.unsupported("shapes " + Arrays.toString(a) + " and " + Arrays.toString(b) + " do not broadcast");
      }
      result[result.length - i] = x == 1 ? y : (y == 1 || y < 0 ? x : y);
    }
    return result;
  }

  /** Reduction axes in TF order, normalised to 0..rank-1 and sorted. */
  private long[] axes(TfNode node, int input, int rank) throws ConversionException {
    TfTensor c = requireConstant(node, input, "the axis");
    if (c.isFloat()) {
      throw node.unsupported("axis must be an int constant");
    }
    long[] axes = new long[c.ints().length];
    for (int i = 0; i < axes.length; i++) {
      long a = c.ints()[i];
      if (a < -rank || a >= rank) {
        throw node.unsupported("axis " + a + " out of range for rank " + rank);
      }
      axes[i] = a < 0 ? a + rank : a;
    }
    Arrays.sort(axes);
    return axes;
  }

  private void mean(TfNode node) throws ConversionException {
    requireInputCount(node, 2);
    Value x = activation(node, 0);
    int rank = x.tfShape().length;
    long[] axes = axes(node, 1, rank);
    if (axes.length == 0) {
      throw node.unsupported("empty reduction axes (ONNX would reduce over all axes)");
    }
    boolean keepDims = node.bool("keep_dims", false);
    boolean[] reduced = new boolean[rank];
    for (long a : axes) {
      reduced[(int) a] = true;
    }
    // Dropping axes from NCHW keeps TF's NHWC order only if C goes, or both H and W go.
    if (x.nchw() && !keepDims && !reduced[3] && !(reduced[1] && reduced[2])) {
      throw node.unsupported("reducing only one spatial axis without keep_dims would reorder the result");
    }
    long[] onnxAxes = axes.clone();
    if (x.nchw()) {
      for (int i = 0; i < onnxAxes.length; i++) {
        onnxAxes[i] = Layouts.nchwAxis(axes[i]);
      }
      Arrays.sort(onnxAxes);
    }
    List<Long> shape = new ArrayList<>();
    for (int i = 0; i < rank; i++) {
      if (!reduced[i]) {
        shape.add(x.tfShape()[i]);
      } else if (keepDims) {
        shape.add(1L);
      }
    }
    long[] outShape = shape.stream().mapToLong(Long::longValue).toArray();
    define(node, graph.node("ReduceMean", node.name(), List.of(x.onnxName()),
        ints("axes", onnxAxes), integer("keepdims", keepDims ? 1 : 0)), outShape);
  }

  private void concat(TfNode node) throws ConversionException {
    int count = node.dataInputs().size() - 1;
    if (count < 1) {
      throw node.unsupported("needs at least one tensor input");
    }
    Value first = activation(node, 0);
    int rank = first.tfShape().length;
    long axis = axes(node, count, rank)[0];
    long[] shape = first.tfShape().clone();
    shape[(int) axis] = 0;
    List<String> inputs = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      Value v = activation(node, i);
      if (v.tfShape().length != rank) {
        throw node.unsupported("inputs have different ranks");
      }
      long size = v.tfShape()[(int) axis];
      shape[(int) axis] = size < 0 || shape[(int) axis] < 0 ? -1 : shape[(int) axis] + size;
      inputs.add(v.onnxName());
    }
    long onnxAxis = first.nchw() ? Layouts.nchwAxis(axis) : axis;
    define(node, graph.node("Concat", node.name(), inputs, integer("axis", onnxAxis)), shape);
  }

  private void resizeBilinear(TfNode node) throws ConversionException {
    requireInputCount(node, 2);
    Value x = activation(node, 0);
    if (!x.nchw()) {
      throw node.unsupported("input must be 4-D");
    }
    TfTensor size = requireConstant(node, 1, "the output size");
    if (size.isFloat() || size.ints().length != 2) {
      throw node.unsupported("size must be an int32 constant [height, width]");
    }
    boolean alignCorners = node.bool("align_corners", false);
    boolean halfPixelCenters = node.bool("half_pixel_centers", false);
    if (alignCorners && halfPixelCenters) {
      throw node.unsupported("align_corners together with half_pixel_centers");
    }
    // TF's legacy default (both false) samples at out * in/out: ONNX "asymmetric".
    String coordinates = alignCorners ? "align_corners" : halfPixelCenters ? "half_pixel" : "asymmetric";
    long height = size.ints()[0];
    long width = size.ints()[1];
    // Sizes = [N, C] of the input + the requested [H, W], so the batch may stay dynamic.
    String shape = graph.node("Shape", node.name() + "/input_shape", List.of(x.onnxName()));
    String batchAndChannels = graph.node("Slice", node.name() + "/batch_channels", List.of(shape,
        graph.int64Initializer(node.name() + "/slice_start", new long[] {1}, new long[] {0}),
        graph.int64Initializer(node.name() + "/slice_end", new long[] {1}, new long[] {2})));
    String sizes = graph.node("Concat", node.name() + "/sizes", List.of(batchAndChannels,
        graph.int64Initializer(node.name() + "/height_width", new long[] {2}, new long[] {height, width})),
        integer("axis", 0));
    String out = graph.node("Resize", node.name(), List.of(x.onnxName(), "", "", sizes),
        string("mode", "linear"), string("coordinate_transformation_mode", coordinates));
    define(node, out, new long[] {x.tfShape()[0], height, width, x.tfShape()[3]});
  }

  private void softmax(TfNode node) throws ConversionException {
    requireInputCount(node, 1);
    Value x = activation(node, 0);
    // TF normalises over the last axis, which is ONNX axis 1 for NCHW tensors.
    long axis = x.nchw() ? 1 : x.tfShape().length - 1;
    define(node, graph.node("Softmax", node.name(), List.of(x.onnxName()), integer("axis", axis)), x.tfShape());
  }
}
