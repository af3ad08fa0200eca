package dev.raut.core.convert;

import static dev.raut.core.convert.OnnxGraphBuilder.integer;
import static dev.raut.core.convert.OnnxGraphBuilder.ints;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * face-api's networks, rebuilt as ONNX from their weights alone: face-api ships only weights
 * manifests, the graphs are TypeScript in its source ({@code src/faceFeatureExtractor},
 * {@code src/xception}, {@code src/faceRecognitionNet}), transcribed here op for op.
 *
 * <p>Every graph takes input {@value #INPUT} [N, S, S, 3] NHWC RGB 0..255, already padded to a
 * square and resized (face-api's {@code toBatchTensor}), and subtracts face-api's mean RGB and
 * divides by 255 inside. Activations are NCHW inside; shapes are tracked in NHWC.
 */
final class FaceApiNetworks {
  static final String INPUT = "input";
  private static final float[] MEAN_RGB = {122.782f, 117.001f, 104.298f};

  /** The networks, by the name a model card gives in {@code conversionGraph}. */
  enum Network {
    FACE_EXPRESSION("face-expression", 112, List.of("expressions")),
    AGE_GENDER("age-gender", 112, List.of("age", "gender")),
    FACE_LANDMARK_68("face-landmark-68", 112, List.of("landmarks")),
    FACE_LANDMARK_68_TINY("face-landmark-68-tiny", 112, List.of("landmarks")),
    FACE_RECOGNITION("face-recognition", 150, List.of("descriptor"));

    final String cardName;
    final int side;
    final List<String> outputs;

    Network(String cardName, int side, List<String> outputs) {
      this.cardName = cardName;
      this.side = side;
      this.outputs = outputs;
    }

    static Network of(String cardName) throws ConversionException {
      for (Network n : values()) {
        if (n.cardName.equals(cardName)) {
          return n;
        }
      }
      throw new ConversionException("Unknown face-api network '" + cardName + "'");
    }
  }

  private record Value(String name, long[] nhwc) {
    long channels() {
      return nhwc[3];
    }
  }

  private final OnnxGraphBuilder graph = new OnnxGraphBuilder();
  private final Map<String, TfTensor> weights;
  private final Set<String> used = new HashSet<>();

  private FaceApiNetworks(Map<String, TfTensor> weights) {
    this.weights = weights;
  }

  /** Builds {@code network} from its dequantised weights; every weight must be used exactly as face-api uses it. */
  static byte[] build(Network network, Map<String, TfTensor> weights) throws ConversionException {
    FaceApiNetworks b = new FaceApiNetworks(weights);
    for (String output : network.outputs) {
      b.graph.claim(output);
    }
    b.graph.input(INPUT, new long[] {-1, network.side, network.side, 3}, "N");
    Value x = b.normalisedInput(network.side);
    switch (network) {
      case FACE_EXPRESSION -> b.softmaxTo(b.fc(b.flatten(b.denseFeatures(x, 4)), "fc"), "expressions", 7);
      case FACE_LANDMARK_68 -> b.fcTo(b.flatten(b.denseFeatures(x, 4)), "fc", "landmarks");
      case FACE_LANDMARK_68_TINY -> b.fcTo(b.flatten(b.denseFeatures(x, 3)), "fc", "landmarks");
      case AGE_GENDER -> b.ageGender(x);
      case FACE_RECOGNITION -> b.recognition(x);
    }
    Set<String> unused = new TreeSet<>(weights.keySet());
    unused.removeAll(b.used);
    if (!unused.isEmpty()) {
      throw new ConversionException("The " + network.cardName + " weights hold tensors the network does not use: "
          + unused + "; these are not the weights this network expects");
    }
    return b.graph.toModelBytes("face-api " + network.cardName + " network, rebuilt from its weights manifest");
  }

  private Value normalisedInput(int side) {
    String mean = graph.floatInitializer("mean_rgb", new long[] {1, 1, 1, 3}, MEAN_RGB);
    String scale = graph.floatInitializer("scale", new long[] {}, new float[] {255f});
    String centred = graph.node("Sub", "centred", List.of(INPUT, mean));
    String divided = graph.node("Div", "normalised", List.of(centred, scale));
    String nchw = graph.node("Transpose", "normalised_nchw", List.of(divided), ints("perm", Layouts.NHWC_TO_NCHW));
    return new Value(nchw, new long[] {-1, side, side, 3});
  }

  // --- FaceFeatureExtractor (dense blocks), shared by the expression and landmark networks ---

  /** denseBlock4 ×4 then avgPool 7 (or denseBlock3 ×3 then avgPool 14 for the tiny extractor). */
  private Value denseFeatures(Value x, int convsPerBlock) throws ConversionException {
    int blocks = convsPerBlock == 4 ? 4 : 3;
    Value out = x;
    for (int i = 0; i < blocks; i++) {
      out = denseBlock(out, "dense" + i, convsPerBlock, i == 0);
    }
    long window = out.nhwc()[1];
    return avgPool(out, window, 2);
  }

  /** out_k = relu(sum of out_1..out_k), each conv reading the running sum; see face-api's denseBlock.ts. */
  private Value denseBlock(Value x, String prefix, int convs, boolean first) throws ConversionException {
    Value out1 = relu(first ? conv(x, prefix + "/conv0", 2, true) : separable(x, prefix + "/conv0", 2));
    Value sum = null;
    Value in = out1;
    for (int k = 1; k < convs; k++) {
      Value outK = separable(in, prefix + "/conv" + k, 1);
      sum = sum == null ? outK : add(sum, outK);
      in = relu(add(out1, sum));
    }
    return in;
  }

  // --- AgeGenderNet: TinyXception(2) + two fully connected heads ---

  private void ageGender(Value x) throws ConversionException {
    Value out = relu(conv(x, "entry_flow/conv_in", 2, true));
    out = reductionBlock(out, "entry_flow/reduction_block_0", false);
    out = reductionBlock(out, "entry_flow/reduction_block_1", true);
    for (int i = 0; i < 2; i++) {
      out = mainBlock(out, "middle_flow/main_block_" + i);
    }
    out = reductionBlock(out, "exit_flow/reduction_block", true);
    out = relu(separable(out, "exit_flow/separable_conv", 1));
    Value pooled = flatten(avgPool(out, 7, 2));
    fcTo(pooled, "fc/age", "age");
    softmaxTo(fc(pooled, "fc/gender"), "gender", 2);
  }

  private Value reductionBlock(Value x, String prefix, boolean activateInput) throws ConversionException {
    Value out = activateInput ? relu(x) : x;
    out = separable(out, prefix + "/separable_conv0", 1);
    out = separable(relu(out), prefix + "/separable_conv1", 1);
    out = maxPoolSame(out, 3, 2);
    return add(out, conv(x, prefix + "/expansion_conv", 2, true));
  }

  private Value mainBlock(Value x, String prefix) throws ConversionException {
    Value out = separable(relu(x), prefix + "/separable_conv0", 1);
    out = separable(relu(out), prefix + "/separable_conv1", 1);
    out = separable(relu(out), prefix + "/separable_conv2", 1);
    return add(out, x);
  }

  // --- FaceRecognitionNet: a ResNet-34-like network with scale layers, 150x150 in, 128-D out ---

  private void recognition(Value x) throws ConversionException {
    Value out = convLayer(x, "conv32_down", 2, false, true);
    out = pool("MaxPool", out, 3, 2, false);
    for (String block : List.of("conv32_1", "conv32_2", "conv32_3")) {
      out = residual(out, block);
    }
    out = residualDown(out, "conv64_down");
    for (String block : List.of("conv64_1", "conv64_2", "conv64_3")) {
      out = residual(out, block);
    }
    out = residualDown(out, "conv128_down");
    out = residual(out, "conv128_1");
    out = residual(out, "conv128_2");
    out = residualDown(out, "conv256_down");
    out = residual(out, "conv256_1");
    out = residual(out, "conv256_2");
    out = residualDown(out, "conv256_down_out");
    String mean = graph.node("ReduceMean", "global_mean", List.of(out.name()), ints("axes", 2, 3), integer("keepdims", 0));
    TfTensor fc = weight("fc", 2);
    graph.nodeTo("MatMul", "descriptor", List.of(mean, graph.floatInitializer("fc", fc.shape(), fc.floats())));
    graph.output("descriptor", new long[] {-1, fc.shape()[1]}, "N");
  }

  /** conv (+ bias), then face-api's scale layer (x * weights + biases), then an optional relu. */
  private Value convLayer(Value x, String prefix, int stride, boolean same, boolean withRelu) throws ConversionException {
    Value out = conv(x, prefix + "/conv", stride, same);
    long c = out.channels();
    String w = channelConstant(prefix + "/scale/weights", c);
    String b = channelConstant(prefix + "/scale/biases", c);
    out = new Value(graph.node("Add", prefix + "/scaled", List.of(graph.node("Mul", prefix + "/scale", List.of(out.name(), w)), b)),
        out.nhwc());
    return withRelu ? relu(out) : out;
  }

  private Value residual(Value x, String prefix) throws ConversionException {
    Value out = convLayer(x, prefix + "/conv1", 1, true, true);
    out = convLayer(out, prefix + "/conv2", 1, true, false);
    return relu(add(out, x));
  }

  /**
   * Stride-2 residual: the shortcut is a 2x2 average pool with its channels zero-padded; when the
   * valid 3x3 convolution comes out one pixel smaller than the pool, it gets a zero row and column
   * at the bottom and right (face-api's residualDown does exactly this).
   */
  private Value residualDown(Value x, String prefix) throws ConversionException {
    Value out = convLayer(x, prefix + "/conv1", 2, false, true);
    out = convLayer(out, prefix + "/conv2", 1, true, false);
    Value pooled = pool("AveragePool", x, 2, 2, false);
    long dh = pooled.nhwc()[1] - out.nhwc()[1];
    long dw = pooled.nhwc()[2] - out.nhwc()[2];
    if (dh != 0 || dw != 0) {
      out = zeroPad(out, 0, dh, dw, prefix + "/conv_padded");
    }
    long extraChannels = out.channels() - pooled.channels();
    if (extraChannels > 0) {
      pooled = zeroPad(pooled, extraChannels, 0, 0, prefix + "/shortcut_padded");
    }
    return relu(add(pooled, out));
  }

  /** Zeros appended after the last channel / row / column (NCHW pads: begins then ends). */
  private Value zeroPad(Value x, long channels, long rows, long columns, String hint) {
    String pads = graph.int64Initializer(hint + "/pads", new long[] {8}, new long[] {0, 0, 0, 0, 0, channels, rows, columns});
    long[] s = x.nhwc();
    return new Value(graph.node("Pad", hint, List.of(x.name(), pads)),
        new long[] {s[0], s[1] + rows, s[2] + columns, s[3] + channels});
  }

  // --- layers ---

  /** tf.conv2d(x, filters, stride, same|valid) + bias, HWIO filters. */
  private Value conv(Value x, String prefix, int stride, boolean same) throws ConversionException {
    TfTensor filters = weight(prefix + "/filters", 4);
    long[] k = filters.shape();
    requireChannels(x, k[2], prefix);
    String w = graph.floatInitializer(prefix + "/filters", new long[] {k[3], k[2], k[0], k[1]},
        Layouts.hwioToOihw(filters.floats(), k));
    String bias = bias(prefix + "/bias", k[3]);
    return convNode(x, List.of(w, bias), prefix, new long[] {k[0], k[1]}, stride, same, 1, k[3]);
  }

  /** tf.separableConv2d(x, depthwise, pointwise, stride, 'same') + bias: depthwise (strided), then 1x1. */
  private Value separable(Value x, String prefix, int stride) throws ConversionException {
    TfTensor depthwise = weight(prefix + "/depthwise_filter", 4);
    TfTensor pointwise = weight(prefix + "/pointwise_filter", 4);
    long[] d = depthwise.shape();
    long[] p = pointwise.shape();
    requireChannels(x, d[2], prefix);
    long mid = d[2] * d[3];
    String dw = graph.floatInitializer(prefix + "/depthwise_filter", new long[] {mid, 1, d[0], d[1]},
        Layouts.depthwiseToOnnx(depthwise.floats(), d));
    Value depth = convNode(x, List.of(dw), prefix + "/depthwise", new long[] {d[0], d[1]}, stride, true, d[2], mid);
    String pw = graph.floatInitializer(prefix + "/pointwise_filter", new long[] {p[3], p[2], 1, 1},
        Layouts.hwioToOihw(pointwise.floats(), p));
    return convNode(depth, List.of(pw, bias(prefix + "/bias", p[3])), prefix, new long[] {1, 1}, 1, true, 1, p[3]);
  }

  private Value convNode(Value x, List<String> weightInputs, String hint, long[] kernel, int stride, boolean same,
      long group, long outChannels) {
    long[] strides = {stride, stride};
    long[] outShape = new long[4];
    long[] pads = Layouts.tfPads(same, x.nhwc(), kernel, strides, new long[] {1, 1}, outShape);
    outShape[3] = outChannels;
    List<String> inputs = new ArrayList<>();
    inputs.add(x.name());
    inputs.addAll(weightInputs);
    return new Value(graph.node("Conv", hint, inputs, ints("dilations", 1, 1), integer("group", group),
        ints("kernel_shape", kernel), ints("strides", strides), ints("pads", pads)), outShape);
  }

  private Value maxPoolSame(Value x, int window, int stride) {
    return pool("MaxPool", x, window, stride, true);
  }

  private Value avgPool(Value x, long window, int stride) {
    return pool("AveragePool", x, window, stride, false);
  }

  private Value pool(String op, Value x, long window, int stride, boolean same) {
    long[] outShape = new long[4];
    long[] pads = Layouts.tfPads(same, x.nhwc(), new long[] {window, window}, new long[] {stride, stride},
        new long[] {1, 1}, outShape);
    outShape[3] = x.channels();
    return new Value(graph.node(op, op.toLowerCase(), List.of(x.name()), ints("kernel_shape", window, window),
        ints("strides", stride, stride), ints("pads", pads)), outShape);
  }

  private Value relu(Value x) {
    return new Value(graph.node("Relu", "relu", List.of(x.name())), x.nhwc());
  }

  private Value add(Value a, Value b) {
    return new Value(graph.node("Add", "add", List.of(a.name(), b.name())), a.nhwc());
  }

  /** [N, C, 1, 1] → [N, C]; only ever applied after a pool down to one pixel, so NCHW vs NHWC order is moot. */
  private Value flatten(Value x) throws ConversionException {
    if (x.nhwc()[1] != 1 || x.nhwc()[2] != 1) {
      throw new ConversionException("Internal: flatten of a " + x.nhwc()[1] + "x" + x.nhwc()[2] + " map");
    }
    return new Value(graph.node("Flatten", "flatten", List.of(x.name()), integer("axis", 1)),
        new long[] {-1, 1, 1, x.channels()});
  }

  /** fullyConnectedLayer: matMul(x, weights) + bias. */
  private Value fc(Value x, String prefix) throws ConversionException {
    TfTensor w = weight(prefix + "/weights", 2);
    requireChannels(x, w.shape()[0], prefix);
    String matmul = graph.node("MatMul", prefix + "/matmul",
        List.of(x.name(), graph.floatInitializer(prefix + "/weights", w.shape(), w.floats())));
    return new Value(graph.node("Add", prefix, List.of(matmul, bias(prefix + "/bias", w.shape()[1]))),
        new long[] {-1, 1, 1, w.shape()[1]});
  }

  private void fcTo(Value x, String prefix, String output) throws ConversionException {
    Value out = fc(x, prefix);
    graph.nodeTo("Identity", output, List.of(out.name()));
    graph.output(output, new long[] {-1, out.channels()}, "N");
  }

  private void softmaxTo(Value x, String output, long classes) throws ConversionException {
    if (x.channels() != classes) {
      throw new ConversionException("Output " + output + " has " + x.channels() + " values, expected " + classes);
    }
    graph.nodeTo("Softmax", output, List.of(x.name()), integer("axis", -1));
    graph.output(output, new long[] {-1, classes}, "N");
  }

  // --- weights ---

  private TfTensor weight(String name, int rank) throws ConversionException {
    TfTensor t = weights.get(name);
    if (t == null) {
      throw new ConversionException("The weights manifest has no tensor '" + name + "'");
    }
    if (!t.isFloat() || t.rank() != rank) {
      throw new ConversionException("Weight '" + name + "' must be a rank-" + rank + " float tensor");
    }
    used.add(name);
    return t;
  }

  private String bias(String name, long size) throws ConversionException {
    TfTensor b = weight(name, 1);
    if (b.shape()[0] != size) {
      throw new ConversionException("Bias '" + name + "' has " + b.shape()[0] + " values, expected " + size);
    }
    return graph.floatInitializer(name, b.shape(), b.floats());
  }

  /** A per-channel constant laid out [1, C, 1, 1] to broadcast over NCHW. */
  private String channelConstant(String name, long channels) throws ConversionException {
    TfTensor t = weight(name, 1);
    if (t.shape()[0] != channels) {
      throw new ConversionException("Weight '" + name + "' has " + t.shape()[0] + " values, expected " + channels);
    }
    return graph.floatInitializer(name, new long[] {1, channels, 1, 1}, t.floats());
  }

  private static void requireChannels(Value x, long expected, String prefix) throws ConversionException {
    if (x.channels() != expected) {
      throw new ConversionException("Weights of '" + prefix + "' expect " + expected + " input channels, the network has "
          + x.channels() + " there");
    }
  }
}
