package dev.raut.core.convert;

import com.google.protobuf.InvalidProtocolBufferException;
import dev.raut.core.convert.onnx.OnnxProto.GraphProto;
import dev.raut.core.convert.onnx.OnnxProto.ModelProto;
import dev.raut.core.convert.onnx.OnnxProto.NodeProto;
import dev.raut.core.convert.onnx.OnnxProto.OperatorSetIdProto;
import dev.raut.core.convert.onnx.OnnxProto.TensorProto;
import dev.raut.core.convert.onnx.OnnxProto.ValueInfoProto;
import java.util.ArrayList;
import java.util.List;

/**
 * Joins one or more backbone graphs (photo → embedding) and a trained dense head into one ONNX
 * classifier that any ONNX Runtime can load: input {@value #INPUT} float [N, H, W, 3], RGB 0..255;
 * each backbone's pixels scaled as it wants; each embedding L2-normalised; the embeddings joined,
 * standardised and fed through the dense layers (ReLU between them) and a softmax to
 * {@value #OUTPUT} [N, classes]. It computes exactly what the teacher computed in Java.
 */
public final class ClassifierGraphExport {
  public static final String INPUT = "image";
  public static final String OUTPUT = "probabilities";

  private ClassifierGraphExport() {}

  /**
   * A backbone graph: its serialised ONNX, the input and output names to wire, and the pixel scale
   * it expects ({@code pixel * scale + offset} from 0..255). Its input must be [N, H, W, 3].
   */
  public record Backbone(byte[] onnx, String inputName, String outputName, float scale, float offset) {
    /** A backbone whose first graph input and first output are the ones to wire. */
    public static Backbone of(byte[] onnx, float scale, float offset) {
      try {
        GraphProto g = ModelProto.parseFrom(onnx).getGraph();
        java.util.Set<String> initializers = new java.util.HashSet<>();
        g.getInitializerList().forEach(t -> initializers.add(t.getName()));
        String input = g.getInputList().stream().map(ValueInfoProto::getName).filter(n -> !initializers.contains(n))
            .findFirst().orElseThrow(() -> new IllegalArgumentException("The backbone graph has no input"));
        return new Backbone(onnx, input, g.getOutput(0).getName(), scale, offset);
      } catch (InvalidProtocolBufferException e) {
        throw new IllegalArgumentException("The backbone is not an ONNX model", e);
      }
    }
  }

  /** One dense layer of the head: weights [in][out], bias [out]. */
  public record Dense(float[][] weights, float[] bias) {}

  public static byte[] export(List<Backbone> backbones, int height, int width, float[] mean, float[] invStd,
      List<Dense> head, String description) throws ConversionException {
    OnnxGraphBuilder graph = new OnnxGraphBuilder();
    graph.claim(INPUT);
    graph.claim(OUTPUT);
    graph.input(INPUT, new long[] {-1, height, width, 3}, ConversionOptions.DYNAMIC_BATCH_NAME);
    GraphProto.Builder merged = GraphProto.newBuilder().setName("raut_taught_classifier");
    List<OperatorSetIdProto> opsets = new ArrayList<>();
    List<String> embeddings = new ArrayList<>();
    List<String> scaledInputs = new ArrayList<>();
    for (int b = 0; b < backbones.size(); b++) {
      scaledInputs.add(scaledInput(graph, backbones.get(b), "raut/b" + b + "/"));
    }
    for (int b = 0; b < backbones.size(); b++) {
      Backbone backbone = backbones.get(b);
      ModelProto model;
      try {
        model = ModelProto.parseFrom(backbone.onnx());
      } catch (InvalidProtocolBufferException e) {
        throw new ConversionException(ConversionException.Reason.UNREADABLE, "The backbone graph is not ONNX", e);
      }
      opsets.addAll(model.getOpsetImportList());
      String prefix = "backbone" + b + "/";
      copyRenamed(model.getGraph(), prefix, backbone.inputName(), scaledInputs.get(b), merged);
      String embedding = prefix + backbone.outputName();
      String ours = "raut/b" + b + "/";
      String norm = graph.node("ReduceL2", ours + "l2", List.of(embedding), OnnxGraphBuilder.ints("axes", 1),
          OnnxGraphBuilder.integer("keepdims", 1));
      String safe = graph.node("Max", ours + "l2_safe", List.of(norm,
          graph.floatInitializer(ours + "tiny", new long[0], new float[] {1e-12f})));
      embeddings.add(graph.node("Div", ours + "normalised", List.of(embedding, safe)));
    }
    String joined = embeddings.size() == 1 ? embeddings.get(0)
        : graph.node("Concat", "embedding", embeddings, OnnxGraphBuilder.integer("axis", 1));
    String x = graph.node("Mul", "standardised", List.of(
        graph.node("Sub", "centred", List.of(joined, graph.floatInitializer("feature_mean", new long[] {mean.length}, mean))),
        graph.floatInitializer("feature_inv_std", new long[] {invStd.length}, invStd)));
    for (int l = 0; l < head.size(); l++) {
      Dense d = head.get(l);
      int in = d.weights().length;
      int out = d.bias().length;
      float[] flat = new float[in * out];
      for (int i = 0; i < in; i++) {
        System.arraycopy(d.weights()[i], 0, flat, i * out, out);
      }
      x = graph.node("Gemm", "head/dense" + l, List.of(x,
          graph.floatInitializer("head/dense" + l + "/weights", new long[] {in, out}, flat),
          graph.floatInitializer("head/dense" + l + "/bias", new long[] {out}, d.bias())));
      if (l < head.size() - 1) {
        x = graph.node("Relu", "head/relu" + l, List.of(x));
      }
    }
    graph.nodeTo("Softmax", OUTPUT, List.of(x), OnnxGraphBuilder.integer("axis", 1));
    graph.output(OUTPUT, new long[] {-1, head.get(head.size() - 1).bias().length}, ConversionOptions.DYNAMIC_BATCH_NAME);
    ModelProto ours;
    try {
      ours = ModelProto.parseFrom(graph.toModelBytes(description));
    } catch (InvalidProtocolBufferException e) {
      throw new IllegalStateException(e);
    }
    // the pixel scaling first, then the backbones' nodes, then the rest of ours (which reads their outputs)
    GraphProto.Builder result = ours.getGraph().toBuilder();
    List<NodeProto> ourNodes = new ArrayList<>(result.getNodeList());
    result.clearNode();
    int scalingNodes = 2 * backbones.size();
    result.addAllNode(ourNodes.subList(0, Math.min(scalingNodes, ourNodes.size())));
    result.addAllNode(merged.getNodeList());
    result.addAllNode(ourNodes.subList(Math.min(scalingNodes, ourNodes.size()), ourNodes.size()));
    result.addAllInitializer(merged.getInitializerList());
    result.addAllValueInfo(merged.getValueInfoList());
    long opset = Math.max(OnnxGraphBuilder.OPSET, opsets.stream().filter(o -> o.getDomain().isEmpty())
        .mapToLong(OperatorSetIdProto::getVersion).max().orElse(OnnxGraphBuilder.OPSET));
    return ours.toBuilder().clearOpsetImport()
        .addOpsetImport(OperatorSetIdProto.newBuilder().setDomain("").setVersion(opset))
        .setProducerName("raut-teach").setGraph(result).build().toByteArray();
  }

  /** {@code image * scale + offset} for one backbone: always two nodes, so the node order above holds. */
  private static String scaledInput(OnnxGraphBuilder graph, Backbone backbone, String prefix) {
    String mul = graph.node("Mul", prefix + "pixels_scaled", List.of(INPUT,
        graph.floatInitializer(prefix + "pixel_scale", new long[0], new float[] {backbone.scale()})));
    return graph.node("Add", prefix + "pixels", List.of(mul,
        graph.floatInitializer(prefix + "pixel_offset", new long[0], new float[] {backbone.offset()})));
  }

  /** Copies a backbone's nodes and initializers with every tensor name prefixed, its input rewired. */
  private static void copyRenamed(GraphProto source, String prefix, String inputName, String newInput,
      GraphProto.Builder into) {
    for (NodeProto node : source.getNodeList()) {
      NodeProto.Builder n = node.toBuilder().clearInput().clearOutput().setName(prefix + node.getName());
      for (String in : node.getInputList()) {
        n.addInput(in.isEmpty() ? "" : in.equals(inputName) ? newInput : prefix + in);
      }
      for (String out : node.getOutputList()) {
        n.addOutput(prefix + out);
      }
      into.addNode(n);
    }
    for (TensorProto t : source.getInitializerList()) {
      into.addInitializer(t.toBuilder().setName(prefix + t.getName()));
    }
    for (ValueInfoProto v : source.getValueInfoList()) {
      into.addValueInfo(v.toBuilder().setName(prefix + v.getName()));
    }
  }
}
