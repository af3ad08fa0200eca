package dev.raut.core.onnx;

import com.google.protobuf.ByteString;
import com.google.protobuf.InvalidProtocolBufferException;
import dev.raut.core.convert.onnx.OnnxProto.AttributeProto;
import dev.raut.core.convert.onnx.OnnxProto.GraphProto;
import dev.raut.core.convert.onnx.OnnxProto.ModelProto;
import dev.raut.core.convert.onnx.OnnxProto.NodeProto;
import dev.raut.core.convert.onnx.OnnxProto.TensorProto;
import dev.raut.core.image.OpenCvNative;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Widens the feature maps of a convolutional trunk to a multiple of ONNX Runtime's blocked
 * ("NCHWc") channel layout, with channels that are zero throughout, so the answers stay the same.
 *
 * <p>Why: ONNX Runtime runs convolutions fastest in blocks of 8 channels, or 16 on AVX-512 CPUs.
 * Where a feature map has, say, 24 channels on an AVX-512 CPU, every block converts its result back
 * to plain layout for the residual Add and back again for the next convolution: for BlazeFace that
 * is a quarter of its time. Widened to 32 zero-padded channels, the whole trunk stays blocked.
 *
 * <p>The extra channels are zero: a widened convolution's extra filters and biases are zero (so
 * are their outputs, and Relu and max-pooling keep them zero), and its weights on extra input
 * channels are zero (so they add nothing). Channel padding that was a Concat with zeros becomes a
 * 1x1 convolution that copies the real channels (it runs blocked, a Concat does not), or nothing
 * where the widened input is already wide enough. Only graphs made of Conv, Relu, Add, MaxPool, such Concats and the
 * Transpose/Reshape around them are rewritten; for anything else the model is returned unchanged.
 */
public final class ChannelWidening {
  private static final int FLOAT = TensorProto.DataType.FLOAT_VALUE;
  private static final int INT64 = TensorProto.DataType.INT64_VALUE;
  private static final Set<String> TRUNK_OPS = Set.of("Conv", "Relu", "Add", "MaxPool", "Concat");

  private final GraphProto graph;
  private final int block;
  private final Map<String, TensorProto> initializers = new HashMap<>();
  private final Map<String, Integer> uses = new HashMap<>();
  private final Map<String, List<NodeProto>> consumers = new HashMap<>();
  private final Map<String, NodeProto> producers = new HashMap<>();
  /** Channels (dimension 1, NCHW) of each trunk tensor, as the model has them. */
  private final Map<String, Integer> channels = new HashMap<>();

  private ChannelWidening(GraphProto graph, int block) {
    this.graph = graph;
    this.block = block;
    for (TensorProto t : graph.getInitializerList()) {
      initializers.put(t.getName(), t);
    }
    for (NodeProto node : graph.getNodeList()) {
      for (String input : node.getInputList()) {
        uses.merge(input, 1, Integer::sum);
        consumers.computeIfAbsent(input, k -> new ArrayList<>()).add(node);
      }
      for (String output : node.getOutputList()) {
        producers.put(output, node);
      }
    }
  }

  /**
   * The model with its trunk widened to multiples of {@code block} channels; empty when the graph
   * is not one this rewrite understands, or already needs no widening.
   */
  public static Optional<byte[]> widen(byte[] model, int block) {
    ModelProto proto;
    try {
      proto = ModelProto.parseFrom(model);
    } catch (InvalidProtocolBufferException e) {
      return Optional.empty();
    }
    ChannelWidening widening = new ChannelWidening(proto.getGraph(), block);
    return widening.rewrite().map(graph -> proto.toBuilder().setGraph(graph).build().toByteArray());
  }

  /**
   * The channel block ONNX Runtime's CPU kernels use on this machine: 16 with AVX-512, else 8
   * (MLAS's NCHWc block size).
   */
  public static int machineBlock() {
    return OpenCvNative.hasAvx512() ? 16 : 8;
  }

  private Optional<GraphProto> rewrite() {
    if (!measureChannels()) {
      return Optional.empty();
    }
    Map<String, Integer> widths = new HashMap<>();
    // channel padding by Concat is worth rewriting even where no width changes
    boolean anyWider = graph.getNodeList().stream().anyMatch(n -> n.getOpType().equals("Concat"));
    for (Map.Entry<String, Integer> tensor : channels.entrySet()) {
      int width = widenable(tensor.getKey()) ? roundUp(tensor.getValue()) : tensor.getValue();
      widths.put(tensor.getKey(), width);
      anyWider |= width != tensor.getValue();
    }
    if (!anyWider || !consistent(widths)) {
      return Optional.empty();
    }
    return Optional.ofNullable(rebuild(widths));
  }

  /** Follows the graph in order, noting each trunk tensor's channels; false at anything unknown. */
  private boolean measureChannels() {
    for (NodeProto node : graph.getNodeList()) {
      String out = node.getOutput(0);
      switch (node.getOpType()) {
        case "Conv" -> {
          TensorProto weights = initializers.get(node.getInput(1));
          if (weights == null || weights.getDataType() != FLOAT || weights.getDimsCount() != 4
              || uses.get(node.getInput(1)) != 1
              || (node.getInputCount() > 2 && !isFloatVector(node.getInput(2), weights.getDims(0)))) {
            return false;
          }
          channels.put(out, (int) weights.getDims(0));
        }
        case "Relu", "MaxPool" -> {
          Integer in = channels.get(node.getInput(0));
          if (in == null || node.getOutputCount() != 1) {
            return false;
          }
          channels.put(out, in);
        }
        case "Add" -> {
          Integer a = channels.get(node.getInput(0));
          Integer b = channels.get(node.getInput(1));
          if (a == null || !a.equals(b)) {
            return false;
          }
          channels.put(out, a);
        }
        case "ConstantOfShape" -> {
          if (!isZeroFill(node) || zeroShape(node) == null) {
            return false;
          }
        }
        case "Concat" -> {
          if (intAttribute(node, "axis") != 1 || node.getInputCount() != 2) {
            return false;
          }
          Integer in = channels.get(node.getInput(0));
          NodeProto zeros = producers.get(node.getInput(1));
          if (in == null || zeros == null || !zeros.getOpType().equals("ConstantOfShape")
              || uses.get(node.getInput(1)) != 1) {
            return false;
          }
          channels.put(out, in + (int) (long) zeroShape(zeros).get(1));
        }
        case "Transpose", "Reshape" -> {
          // the input's NHWC-to-NCHW transpose, and the heads' way out: left as they are
        }
        default -> {
          return false;
        }
      }
    }
    return true;
  }

  /** A tensor may be widened when every node reading it takes a wider input (no graph output, no head). */
  private boolean widenable(String tensor) {
    if (graph.getOutputList().stream().anyMatch(o -> o.getName().equals(tensor))) {
      return false;
    }
    for (NodeProto reader : consumers.getOrDefault(tensor, List.of())) {
      if (!TRUNK_OPS.contains(reader.getOpType())) {
        return false;
      }
    }
    return true;
  }

  /** Relu, MaxPool and Add keep their inputs' width; a Concat's zero part must not be negative. */
  private boolean consistent(Map<String, Integer> widths) {
    for (NodeProto node : graph.getNodeList()) {
      String out = node.getOutput(0);
      switch (node.getOpType()) {
        case "Relu", "MaxPool" -> {
          if (!widths.get(out).equals(widths.get(node.getInput(0)))) {
            return false;
          }
        }
        case "Add" -> {
          if (!widths.get(out).equals(widths.get(node.getInput(0))) || !widths.get(out).equals(widths.get(node.getInput(1)))) {
            return false;
          }
        }
        case "Concat" -> {
          if (widths.get(out) < widths.get(node.getInput(0))) {
            return false;
          }
        }
        case "Conv" -> {
          int group = (int) intAttribute(node, "group");
          Integer in = channels.get(node.getInput(0));
          if (group != 1 && (in == null || group != in || group != channels.get(out)
              || !widths.get(out).equals(widths.get(node.getInput(0))))) {
            return false; // only whole depthwise convolutions inside the trunk are widened
          }
        }
        default -> {
          // Transpose, Reshape, ConstantOfShape: nothing to check
        }
      }
    }
    return true;
  }

  private GraphProto rebuild(Map<String, Integer> widths) {
    GraphProto.Builder out = graph.toBuilder().clearNode().clearValueInfo();
    // in graph order, so the same model always gives the same bytes
    Map<String, TensorProto> replaced = new java.util.LinkedHashMap<>();
    // a Concat whose zero part becomes empty is dropped: its readers read its first input instead
    Map<String, String> renamed = new HashMap<>();
    Set<String> dropped = new HashSet<>();
    for (NodeProto node : graph.getNodeList()) {
      if (node.getOpType().equals("Concat")) {
        dropped.add(node.getInput(1)); // the zeros: never needed again
        if (widths.get(node.getOutput(0)).equals(widths.get(node.getInput(0)))) {
          renamed.put(node.getOutput(0), node.getInput(0));
          dropped.add(node.getOutput(0));
        }
      }
    }
    for (NodeProto node : graph.getNodeList()) {
      if (dropped.contains(node.getOutput(0))) {
        continue;
      }
      NodeProto.Builder rewritten = node.toBuilder();
      for (int i = 0; i < node.getInputCount(); i++) {
        rewritten.setInput(i, resolve(renamed, node.getInput(i)));
      }
      if (node.getOpType().equals("Concat")) {
        rewritten = paddingAsConv(node, rewritten.getInput(0), widths, replaced);
      } else if (node.getOpType().equals("Conv")) {
        widenConv(node, rewritten, widths, replaced);
      }
      out.addNode(rewritten);
    }
    for (NodeProto node : graph.getNodeList()) {
      // a graph output keeps its name: rather than drop the Concat that makes one, leave the model as it is
      if (renamed.containsKey(node.getOutput(0)) && graph.getOutputList().stream().anyMatch(o -> o.getName().equals(node.getOutput(0)))) {
        return null;
      }
    }
    out.clearInitializer();
    Set<String> stillUsed = new HashSet<>();
    for (NodeProto node : out.getNodeList()) {
      stillUsed.addAll(node.getInputList());
    }
    for (TensorProto t : graph.getInitializerList()) {
      TensorProto kept = replaced.getOrDefault(t.getName(), t);
      if (stillUsed.contains(kept.getName())) {
        out.addInitializer(kept);
      }
    }
    for (Map.Entry<String, TensorProto> added : replaced.entrySet()) {
      if (!initializers.containsKey(added.getKey())) {
        out.addInitializer(added.getValue());
      }
    }
    return out.build();
  }

  private static String resolve(Map<String, String> renamed, String name) {
    String target = name;
    while (renamed.containsKey(target)) {
      target = renamed.get(target);
    }
    return target;
  }

  /**
   * Channel padding as a 1x1 convolution whose weights copy the real channels and leave the rest
   * zero: it gives the same tensor (x * 1 + 0), and unlike a Concat it runs in the blocked layout,
   * so the residual chain after it stays blocked too.
   */
  private NodeProto.Builder paddingAsConv(NodeProto concat, String input, Map<String, Integer> widths,
      Map<String, TensorProto> replaced) {
    int real = channels.get(concat.getInput(0));
    int inWidth = widths.get(concat.getInput(0));
    int outWidth = widths.get(concat.getOutput(0));
    float[] copy = new float[outWidth * inWidth];
    for (int c = 0; c < real; c++) {
      copy[c * inWidth + c] = 1;
    }
    String weights = concat.getOutput(0) + "_as_conv_weights";
    replaced.put(weights, floatTensor(weights, copy, List.of((long) outWidth, (long) inWidth, 1L, 1L)));
    return NodeProto.newBuilder().setOpType("Conv").setName(concat.getOutput(0) + "_as_conv")
        .addInput(input).addInput(weights).addOutput(concat.getOutput(0))
        .addAttribute(AttributeProto.newBuilder().setName("kernel_shape").setType(AttributeProto.AttributeType.INTS)
            .addInts(1).addInts(1));
  }

  /** Zero filters for the extra outputs, zero weights on the extra inputs; a depthwise conv's group follows its width. */
  private void widenConv(NodeProto node, NodeProto.Builder rewritten, Map<String, Integer> widths, Map<String, TensorProto> replaced) {
    TensorProto weights = initializers.get(node.getInput(1));
    int outChannels = (int) weights.getDims(0);
    int perGroupIn = (int) weights.getDims(1);
    int kernel = (int) (weights.getDims(2) * weights.getDims(3));
    int outWidth = widths.getOrDefault(node.getOutput(0), outChannels);
    int inWidth = widths.get(node.getInput(0)) == null ? perGroupIn : widths.get(node.getInput(0));
    int group = (int) intAttribute(node, "group");
    boolean depthwise = group != 1;
    int newPerGroupIn = depthwise ? 1 : inWidth;
    if (outWidth == outChannels && newPerGroupIn == perGroupIn) {
      return;
    }
    float[] old = floats(weights);
    float[] wide = new float[outWidth * newPerGroupIn * kernel];
    for (int o = 0; o < outChannels; o++) {
      System.arraycopy(old, o * perGroupIn * kernel, wide, o * newPerGroupIn * kernel, perGroupIn * kernel);
    }
    replaced.put(weights.getName(), floatTensor(weights.getName(), wide,
        List.of((long) outWidth, (long) newPerGroupIn, weights.getDims(2), weights.getDims(3))));
    if (node.getInputCount() > 2) {
      TensorProto bias = initializers.get(node.getInput(2));
      float[] wideBias = new float[outWidth];
      float[] oldBias = floats(bias);
      System.arraycopy(oldBias, 0, wideBias, 0, oldBias.length);
      replaced.put(bias.getName(), floatTensor(bias.getName(), wideBias, List.of((long) outWidth)));
    }
    if (depthwise) {
      for (int i = 0; i < rewritten.getAttributeCount(); i++) {
        if (rewritten.getAttribute(i).getName().equals("group")) {
          rewritten.setAttribute(i, rewritten.getAttribute(i).toBuilder().setI(outWidth));
        }
      }
    }
  }

  private int roundUp(int channels) {
    return (channels + block - 1) / block * block;
  }

  private boolean isFloatVector(String name, long length) {
    TensorProto t = initializers.get(name);
    return t != null && t.getDataType() == FLOAT && t.getDimsCount() == 1 && t.getDims(0) == length && uses.get(name) == 1;
  }

  /** A ConstantOfShape fills with 0.0f when it has no value, or when its value is a zero float. */
  private static boolean isZeroFill(NodeProto node) {
    for (AttributeProto attribute : node.getAttributeList()) {
      if (attribute.getName().equals("value")) {
        TensorProto value = attribute.getT();
        if (value.getDataType() != FLOAT) {
          return false;
        }
        for (float f : floats(value)) {
          if (f != 0) {
            return false;
          }
        }
      }
    }
    return true;
  }

  /** The [N, C, H, W] a zero-filling ConstantOfShape makes, or null when it is not a constant of rank 4. */
  private List<Long> zeroShape(NodeProto node) {
    TensorProto shape = initializers.get(node.getInput(0));
    if (shape == null || shape.getDataType() != INT64) {
      return null;
    }
    List<Long> dims = new ArrayList<>();
    if (shape.getInt64DataCount() > 0) {
      dims.addAll(shape.getInt64DataList());
    } else {
      ByteBuffer raw = shape.getRawData().asReadOnlyByteBuffer().order(ByteOrder.LITTLE_ENDIAN);
      while (raw.remaining() >= Long.BYTES) {
        dims.add(raw.getLong());
      }
    }
    return dims.size() == 4 ? dims : null;
  }

  private static long intAttribute(NodeProto node, String name) {
    for (AttributeProto attribute : node.getAttributeList()) {
      if (attribute.getName().equals(name)) {
        return attribute.getI();
      }
    }
    return name.equals("group") ? 1 : 0;
  }

  private static float[] floats(TensorProto t) {
    if (t.getFloatDataCount() > 0) {
      float[] values = new float[t.getFloatDataCount()];
      for (int i = 0; i < values.length; i++) {
        values[i] = t.getFloatData(i);
      }
      return values;
    }
    ByteBuffer raw = t.getRawData().asReadOnlyByteBuffer().order(ByteOrder.LITTLE_ENDIAN);
    float[] values = new float[raw.remaining() / Float.BYTES];
    raw.asFloatBuffer().get(values);
    return values;
  }

  private static TensorProto floatTensor(String name, float[] values, List<Long> dims) {
    ByteBuffer raw = ByteBuffer.allocate(values.length * Float.BYTES).order(ByteOrder.LITTLE_ENDIAN);
    raw.asFloatBuffer().put(values);
    return TensorProto.newBuilder().setName(name).setDataType(FLOAT).addAllDims(dims)
        .setRawData(ByteString.copyFrom(raw.array())).build();
  }

}
