package dev.raut.core.convert;

import dev.raut.core.convert.NodeTranslator.Value;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Converts a TF.js graph model ({@code model.json} + weight shards) to an opset-13 ONNX model.
 *
 * <p>Only the subgraph feeding the requested outputs is converted. Every op in it must map exactly
 * onto ONNX, otherwise {@link UnsupportedOpException} names the op and node. The result is
 * deterministic: the same files and options always give the same bytes.
 */
public final class TfjsGraphConverter {
  private TfjsGraphConverter() {
  }

  /** Converts and returns the serialised ONNX ModelProto. */
  public static byte[] convert(Path modelJson, ConversionOptions options) throws ConversionException {
    TfjsModel model = TfjsModel.load(modelJson);
    List<ConversionOptions.Output> outputs = resolveOutputs(model, options);
    List<String> wanted = new ArrayList<>();
    outputs.forEach(o -> wanted.add(o.tfNode()));
    options.pooledOutputs().forEach(p -> wanted.addAll(p.tfNodes()));
    List<TfNode> order = topologicalOrder(model.nodes(), wanted);

    OnnxGraphBuilder graph = new OnnxGraphBuilder();
    NodeTranslator translator = new NodeTranslator(graph, model.constants());
    List<String> outputNames = new ArrayList<>();
    outputs.forEach(o -> outputNames.add(o.onnxName()));
    options.pooledOutputs().forEach(p -> outputNames.add(p.onnxName()));
    for (String name : outputNames) {
      if (!graph.claim(name)) {
        throw new ConversionException("Output name '" + name + "' is used twice");
      }
    }
    List<TfNode> placeholders = order.stream().filter(n -> n.op().equals("Placeholder")).toList();
    if (options.inputName().isPresent() && placeholders.size() != 1) {
      throw new ConversionException("An input name override needs exactly one input, the graph has "
          + placeholders.size());
    }
    for (TfNode placeholder : placeholders) {
      declareInput(placeholder, options.inputName().orElse(placeholder.name()), options, graph, translator);
    }
    for (TfNode node : order) {
      if (!node.op().equals("Placeholder")) {
        translator.translate(node);
      }
    }
    for (ConversionOptions.Output output : outputs) {
      declareOutput(output, options, graph, translator);
    }
    for (ConversionOptions.PooledOutput pooled : options.pooledOutputs()) {
      declarePooledOutput(pooled, graph, translator);
    }
    return graph.toModelBytes("Converted from TF.js graph model " + modelJson.getFileName());
  }

  private static List<ConversionOptions.Output> resolveOutputs(TfjsModel model, ConversionOptions options)
      throws ConversionException {
    List<ConversionOptions.Output> outputs = new ArrayList<>(options.outputs());
    for (ConversionOptions.PooledOutput pooled : options.pooledOutputs()) {
      for (String node : pooled.tfNodes()) {
        if (!model.nodes().containsKey(node)) {
          throw new ConversionException("Requested pooled node '" + node + "' is not in the graph");
        }
      }
    }
    if (!options.pooledOutputs().isEmpty()) {
      return outputs;
    }
    if (outputs.isEmpty()) {
      model.signatureOutputs().forEach(name -> outputs.add(new ConversionOptions.Output(name, name)));
    }
    if (outputs.isEmpty()) {
      graphSinks(model.nodes()).forEach(name -> outputs.add(new ConversionOptions.Output(name, name)));
    }
    for (ConversionOptions.Output output : outputs) {
      if (!model.nodes().containsKey(output.tfNode())) {
        throw new ConversionException("Requested output node '" + output.tfNode() + "' is not in the graph");
      }
    }
    return outputs;
  }

  /** Nodes nobody reads, in file order (constants excluded). */
  private static List<String> graphSinks(Map<String, TfNode> nodes) throws ConversionException {
    Set<String> consumed = new HashSet<>();
    for (TfNode node : nodes.values()) {
      consumed.addAll(node.dataInputs());
    }
    return nodes.values().stream().filter(n -> !consumed.contains(n.name()) && !n.op().equals("Const"))
        .map(TfNode::name).toList();
  }

  /** Depth-first from the outputs: prunes everything they don't need and orders producers first. */
  private static List<TfNode> topologicalOrder(Map<String, TfNode> nodes, List<String> outputs)
      throws ConversionException {
    Set<String> done = new LinkedHashSet<>();
    Set<String> inProgress = new HashSet<>();
    List<TfNode> order = new ArrayList<>();
    for (String output : outputs) {
      visit(output, nodes, done, inProgress, order);
    }
    return order;
  }

  private static void visit(String name, Map<String, TfNode> nodes, Set<String> done, Set<String> inProgress,
      List<TfNode> order) throws ConversionException {
    if (done.contains(name)) {
      return;
    }
    TfNode node = nodes.get(name);
    if (node == null) {
      throw new ConversionException("Graph references missing node '" + name + "'");
    }
    if (!inProgress.add(name)) {
      throw new ConversionException("Graph has a cycle through node '" + name + "' (control flow is not supported)");
    }
    for (String input : node.dataInputs()) {
      visit(input, nodes, done, inProgress, order);
    }
    inProgress.remove(name);
    done.add(name);
    order.add(node);
  }

  private static void declareInput(TfNode placeholder, String inputName, ConversionOptions options,
      OnnxGraphBuilder graph, NodeTranslator translator) throws ConversionException {
    if (!placeholder.type("dtype").equals("DT_FLOAT")) {
      throw placeholder.unsupported("input dtype " + placeholder.type("dtype") + " (only float inputs)");
    }
    long[] shape = placeholder.shape("shape");
    if (shape == null || shape.length == 0) {
      throw placeholder.unsupported("input needs a known rank");
    }
    if (options.inputSize().isPresent()) {
      if (shape.length != 4) {
        throw placeholder.unsupported("an input size override needs a 4-D NHWC input");
      }
      shape[1] = options.inputSize().get()[0];
      shape[2] = options.inputSize().get()[1];
    }
    if (options.dynamicBatch()) {
      shape[0] = -1;
    } else if (options.fixedBatch().isPresent()) {
      shape[0] = options.fixedBatch().getAsInt();
    }
    if (!graph.claim(inputName)) {
      throw new ConversionException("Input name '" + inputName + "' clashes with an output name");
    }
    boolean transpose = shape.length == 4 && options.nhwcIo();
    graph.input(inputName, shape.length == 4 && !transpose ? Layouts.toNchw(shape) : shape,
        ConversionOptions.DYNAMIC_BATCH_NAME);
    String internal = transpose
        ? graph.node("Transpose", placeholder.name() + "/nchw", List.of(inputName),
            OnnxGraphBuilder.ints("perm", Layouts.NHWC_TO_NCHW))
        : inputName;
    translator.define(placeholder.name(), new Value(internal, shape));
  }

  /**
   * Spatial mean (and standard deviation) of each 4-D node (NCHW inside: axes 2, 3), 2-D nodes as
   * they are, each optionally L2-normalised on its own, joined on channels.
   */
  private static void declarePooledOutput(ConversionOptions.PooledOutput pooled, OnnxGraphBuilder graph,
      NodeTranslator translator) throws ConversionException {
    List<String> parts = new ArrayList<>();
    boolean withStd = pooled.pool() == ConversionOptions.Pool.MEAN_STD;
    long batch = 0;
    long channels = 0;
    String tiny = null;
    for (String tfNode : pooled.tfNodes()) {
      Value value = translator.value(tfNode);
      if (value == null) {
        throw new ConversionException("Pooled node '" + tfNode + "' is a constant, not a computed tensor");
      }
      long[] shape = value.tfShape();
      String part;
      if (shape.length == 4 && !withStd) {
        part = graph.node("ReduceMean", tfNode + "/spatial_mean", List.of(value.onnxName()),
            OnnxGraphBuilder.ints("axes", new long[] {2, 3}), OnnxGraphBuilder.integer("keepdims", 0));
      } else if (shape.length == 4) {
        String mean4 = graph.node("ReduceMean", tfNode + "/spatial_mean_4d", List.of(value.onnxName()),
            OnnxGraphBuilder.ints("axes", new long[] {2, 3}), OnnxGraphBuilder.integer("keepdims", 1));
        String mean = graph.node("Flatten", tfNode + "/spatial_mean", List.of(mean4),
            OnnxGraphBuilder.integer("axis", 1));
        String centred = graph.node("Sub", tfNode + "/centred", List.of(value.onnxName(), mean4));
        String squared = graph.node("Mul", tfNode + "/centred_sq", List.of(centred, centred));
        String variance = graph.node("ReduceMean", tfNode + "/spatial_var", List.of(squared),
            OnnxGraphBuilder.ints("axes", new long[] {2, 3}), OnnxGraphBuilder.integer("keepdims", 0));
        String std = graph.node("Sqrt", tfNode + "/spatial_std", List.of(variance));
        part = graph.node("Concat", tfNode + "/spatial_mean_std", List.of(mean, std), OnnxGraphBuilder.integer("axis", 1));
      } else if (shape.length == 2 && !withStd) {
        part = value.onnxName();
      } else if (shape.length == 2) {
        throw new ConversionException("Pooled node '" + tfNode + "' is 2-D: it has no spatial standard deviation");
      } else {
        throw new ConversionException("Pooled node '" + tfNode + "' has rank " + shape.length + " (only 4-D or 2-D)");
      }
      if (pooled.normalizeEach()) {
        if (tiny == null) {
          tiny = graph.floatInitializer(pooled.onnxName() + "/tiny", new long[0], new float[] {1e-12f});
        }
        String norm = graph.node("ReduceL2", tfNode + "/l2", List.of(part), OnnxGraphBuilder.ints("axes", 1),
            OnnxGraphBuilder.integer("keepdims", 1));
        String safe = graph.node("Max", tfNode + "/l2_safe", List.of(norm, tiny));
        part = graph.node("Div", tfNode + "/normalised", List.of(part, safe));
      }
      parts.add(part);
      batch = shape[0];
      long c = shape[shape.length - 1] * (withStd ? 2 : 1);
      channels = c < 0 || channels < 0 ? -1 : channels + c;
    }
    if (parts.size() == 1) {
      graph.nodeTo("Identity", pooled.onnxName(), parts);
    } else {
      graph.nodeTo("Concat", pooled.onnxName(), parts, OnnxGraphBuilder.integer("axis", 1));
    }
    graph.output(pooled.onnxName(), new long[] {batch, channels}, ConversionOptions.DYNAMIC_BATCH_NAME);
  }

  private static void declareOutput(ConversionOptions.Output output, ConversionOptions options,
      OnnxGraphBuilder graph, NodeTranslator translator) throws ConversionException {
    Value value = translator.value(output.tfNode());
    if (value == null) {
      throw new ConversionException("Output node '" + output.tfNode() + "' is a constant, not a computed tensor");
    }
    long[] shape = value.tfShape();
    if (value.nchw() && options.nhwcIo()) {
      graph.nodeTo("Transpose", output.onnxName(), List.of(value.onnxName()),
          OnnxGraphBuilder.ints("perm", Layouts.NCHW_TO_NHWC));
    } else {
      graph.nodeTo("Identity", output.onnxName(), List.of(value.onnxName()));
      shape = value.nchw() ? Layouts.toNchw(shape) : shape;
    }
    graph.output(output.onnxName(), shape, ConversionOptions.DYNAMIC_BATCH_NAME);
  }
}
