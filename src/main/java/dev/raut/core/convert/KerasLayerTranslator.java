package dev.raut.core.convert;

import static dev.raut.core.convert.OnnxGraphBuilder.integer;
import static dev.raut.core.convert.OnnxGraphBuilder.ints;
import static dev.raut.core.convert.OnnxGraphBuilder.string;

import com.fasterxml.jackson.databind.JsonNode;
import dev.raut.core.convert.ConversionException.Reason;
import dev.raut.core.convert.onnx.OnnxProto.AttributeProto;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Translates a Keras layer config (Sequential, Functional/Model, nested to any depth) and its
 * weights into one ONNX graph, layer by layer. Shapes are tracked in Keras order (batch first,
 * channels last); inside the graph 4-D tensors are NCHW, so every layer that depends on the order
 * of the axes (Flatten, Reshape, Permute, Dense on feature maps, Concatenate, Softmax) says how it
 * goes back to Keras order. A layer or option without an exact ONNX equivalent is refused with its
 * name, never approximated.
 */
final class KerasLayerTranslator {
  /** A tensor in the ONNX graph; 4-D ones are stored NCHW, {@code shape} is always in Keras order. */
  record Value(String onnx, long[] shape) {
    boolean nchw() {
      return shape.length == 4;
    }

    int rank() {
      return shape.length;
    }
  }

  /** Layers that only act in training: identities at inference. */
  private static final Set<String> TRAINING_ONLY = Set.of("Dropout", "SpatialDropout1D", "SpatialDropout2D",
      "SpatialDropout3D", "GaussianNoise", "GaussianDropout", "AlphaDropout", "ActivityRegularization",
      "RandomFlip", "RandomRotation", "RandomZoom", "RandomContrast", "RandomTranslation", "RandomCrop",
      "RandomBrightness", "RandomHeight", "RandomWidth", "Masking");
  private static final Set<String> MODEL_CLASSES = Set.of("Sequential", "Functional", "Model");
  private static final Set<String> CUSTOM_CLASSES = Set.of("Lambda", "TFOpLambda", "SlicingOpLambda");
  private static final long INT64_MAX = Long.MAX_VALUE;

  private final KerasModelFile file;
  private final OnnxGraphBuilder graph = new OnnxGraphBuilder();
  private final List<String> layerClasses = new ArrayList<>();
  private final List<String> layerNames = new ArrayList<>();
  private final Set<String> identities = new LinkedHashSet<>();
  private final Map<String, String> scalarInitializers = new HashMap<>();
  private boolean lastWasSoftmax;

  private KerasLayerTranslator(KerasModelFile file) {
    this.file = file;
  }

  static KerasConversion translate(KerasModelFile file) throws ConversionException {
    return new KerasLayerTranslator(file).run();
  }

  private KerasConversion run() throws ConversionException {
    JsonNode model = file.modelConfig();
    String cls = model.path("class_name").asText();
    if (!MODEL_CLASSES.contains(cls)) {
      throw bad("the top level is a " + cls + ", not a Sequential or Functional model");
    }
    long[] inputShape = modelInputShape(model);
    if (inputShape == null) {
      throw bad("the model does not say what input it takes (no InputLayer or input shape)");
    }
    graph.claim(KerasConverter.INPUT_NAME);
    graph.claim(KerasConverter.OUTPUT_NAME);
    long[] declared = inputShape.clone();
    declared[0] = -1;
    graph.input(KerasConverter.INPUT_NAME, declared, ConversionOptions.DYNAMIC_BATCH_NAME);
    Value input = new Value(KerasConverter.INPUT_NAME, declared);
    if (input.nchw()) {
      input = new Value(graph.node("Transpose", "input_nchw", List.of(KerasConverter.INPUT_NAME),
          ints("perm", Layouts.NHWC_TO_NCHW)), declared);
    }
    List<Value> outputs = callModel(model, List.of(input));
    if (outputs.size() != 1) {
      throw new ConversionException(Reason.UNSUPPORTED_LAYER, file.fileName() + " has " + outputs.size()
          + " outputs; Raut imports classifiers with one output.");
    }
    Value out = outputs.get(0);
    if (out.nchw()) {
      graph.nodeTo("Transpose", KerasConverter.OUTPUT_NAME, List.of(out.onnx()), ints("perm", Layouts.NCHW_TO_NHWC));
    } else {
      graph.nodeTo("Identity", KerasConverter.OUTPUT_NAME, List.of(out.onnx()));
    }
    long[] outShape = out.shape().clone();
    outShape[0] = -1;
    graph.output(KerasConverter.OUTPUT_NAME, outShape, ConversionOptions.DYNAMIC_BATCH_NAME);
    List<String> notes = new ArrayList<>();
    if (!identities.isEmpty()) {
      notes.add("Training-only layers left out (they change nothing when predicting): " + String.join(", ", identities)
          + ".");
    }
    byte[] onnx = graph.toModelBytes("Converted by Raut from the Keras model " + file.fileName()
        + (file.kerasVersion().isEmpty() ? "" : " (Keras " + file.kerasVersion() + ")"));
    return new KerasConversion(onnx, inputShape, out.shape(), layerClasses, layerNames, file.kerasVersion(),
        lastWasSoftmax, notes);
  }

  // ---------------------------------------------------------------- models

  /** Runs a (nested) model on {@code inputs}; returns its outputs in order. */
  private List<Value> callModel(JsonNode model, List<Value> inputs) throws ConversionException {
    String cls = model.path("class_name").asText();
    JsonNode config = model.path("config");
    if (cls.equals("Sequential")) {
      JsonNode layers = config.isArray() ? config : config.path("layers");
      if (inputs.size() != 1) {
        throw bad("the Sequential model '" + config.path("name").asText() + "' is given " + inputs.size() + " inputs");
      }
      Value x = inputs.get(0);
      for (JsonNode layer : layers) {
        String layerCls = layer.path("class_name").asText();
        if (layerCls.equals("InputLayer")) {
          continue;
        }
        x = single(applyLayer(layer, List.of(x)), layer);
      }
      return List.of(x);
    }
    return callFunctional(config, inputs);
  }

  /** A functional graph: layers are applied once all their inbound tensors exist (shared layers once per node). */
  private List<Value> callFunctional(JsonNode config, List<Value> inputs) throws ConversionException {
    String modelName = config.path("name").asText("model");
    List<TensorRef> inputRefs = tensorRefs(config.path("input_layers"));
    List<TensorRef> outputRefs = tensorRefs(config.path("output_layers"));
    if (inputRefs.size() != inputs.size()) {
      throw bad("the model '" + modelName + "' takes " + inputRefs.size() + " inputs but is given " + inputs.size());
    }
    Map<String, Value> tensors = new HashMap<>();
    for (int i = 0; i < inputRefs.size(); i++) {
      tensors.put(inputRefs.get(i).key(), inputs.get(i));
    }
    List<Pending> pending = new ArrayList<>();
    Map<String, Integer> calls = new HashMap<>();
    Set<String> models = new java.util.HashSet<>();
    for (JsonNode layer : config.path("layers")) {
      if (layer.path("class_name").asText().equals("InputLayer")) {
        continue;
      }
      List<List<TensorRef>> nodes = inboundNodes(layer.path("inbound_nodes"));
      for (int n = 0; n < nodes.size(); n++) {
        pending.add(new Pending(layer, n, nodes.get(n)));
      }
      calls.put(layerName(layer), nodes.size());
      if (MODEL_CLASSES.contains(layer.path("class_name").asText())) {
        models.add(layerName(layer));
      }
    }
    pending = renumberModelCalls(pending, calls, models);
    outputRefs = renumber(outputRefs, calls, models, outputRefs);
    boolean progress = true;
    while (!pending.isEmpty() && progress) {
      progress = false;
      for (int i = 0; i < pending.size(); i++) {
        Pending p = pending.get(i);
        if (!p.inputs().stream().allMatch(r -> tensors.containsKey(r.key()))) {
          continue;
        }
        List<Value> in = new ArrayList<>();
        p.inputs().forEach(r -> in.add(tensors.get(r.key())));
        List<Value> out = applyLayer(p.layer(), in);
        String name = layerName(p.layer());
        for (int t = 0; t < out.size(); t++) {
          tensors.put(name + "#" + p.node() + "#" + t, out.get(t));
        }
        pending.remove(i);
        i--;
        progress = true;
      }
    }
    List<Value> outputs = new ArrayList<>();
    for (TensorRef ref : outputRefs) {
      Value v = tensors.get(ref.key());
      if (v == null) {
        String stuck = pending.isEmpty() ? ref.layer() : layerName(pending.get(0).layer());
        throw bad("in the model '" + modelName + "', layer '" + stuck + "' reads a tensor no layer makes");
      }
      outputs.add(v);
    }
    return outputs;
  }

  private record Pending(JsonNode layer, int node, List<TensorRef> inputs) {}

  /**
   * Keras 2 and TF.js count a nested functional model's own construction as its node 0, so the
   * outer graph's references to its first call say node 1; Keras 3 counts from the call. References
   * past a nested model's calls are shifted back by one.
   */
  private static List<Pending> renumberModelCalls(List<Pending> pending, Map<String, Integer> calls, Set<String> models) {
    List<TensorRef> all = new ArrayList<>();
    pending.forEach(p -> all.addAll(p.inputs()));
    List<Pending> result = new ArrayList<>();
    for (Pending p : pending) {
      result.add(new Pending(p.layer(), p.node(), renumber(p.inputs(), calls, models, all)));
    }
    return result;
  }

  private static List<TensorRef> renumber(List<TensorRef> refs, Map<String, Integer> calls, Set<String> models,
      List<TensorRef> allRefs) {
    List<TensorRef> result = new ArrayList<>();
    for (TensorRef r : refs) {
      boolean shifted = models.contains(r.layer()) && allRefs.stream()
          .anyMatch(o -> o.layer().equals(r.layer()) && o.node() >= calls.getOrDefault(r.layer(), 0));
      result.add(shifted ? new TensorRef(r.layer(), r.node() - 1, r.tensor()) : r);
    }
    return result;
  }

  /** A reference to a layer's output: layer name, the call (node) of that layer, the output index. */
  private record TensorRef(String layer, int node, int tensor) {
    String key() {
      return layer + "#" + node + "#" + tensor;
    }
  }

  /** Keras 2 / TF.js {@code [["conv", 0, 0, {}], ...]} per node, or Keras 3 {@code {"args": [...]}} per node. */
  private List<List<TensorRef>> inboundNodes(JsonNode nodes) throws ConversionException {
    List<List<TensorRef>> result = new ArrayList<>();
    for (JsonNode node : nodes) {
      List<TensorRef> refs = new ArrayList<>();
      if (node.isObject()) {
        collectKerasTensors(node.path("args"), refs);
      } else {
        for (JsonNode ref : node) {
          refs.add(new TensorRef(ref.get(0).asText(), ref.get(1).asInt(), ref.get(2).asInt()));
        }
      }
      result.add(refs);
    }
    return result;
  }

  private static void collectKerasTensors(JsonNode node, List<TensorRef> refs) {
    if (node.isObject() && node.path("class_name").asText().equals("__keras_tensor__")) {
      JsonNode h = node.path("config").path("keras_history");
      refs.add(new TensorRef(h.get(0).asText(), h.get(1).asInt(), h.get(2).asInt()));
    } else if (node.isArray()) {
      for (JsonNode child : node) {
        collectKerasTensors(child, refs);
      }
    }
  }

  /** {@code [["in", 0, 0], ...]}, or Keras 3's single {@code ["in", 0, 0]}. */
  private static List<TensorRef> tensorRefs(JsonNode layers) {
    List<TensorRef> refs = new ArrayList<>();
    if (layers.isArray() && layers.size() == 3 && layers.get(0).isTextual()) {
      refs.add(new TensorRef(layers.get(0).asText(), layers.get(1).asInt(), layers.get(2).asInt()));
      return refs;
    }
    for (JsonNode ref : layers) {
      refs.add(new TensorRef(ref.get(0).asText(), ref.get(1).asInt(), ref.get(2).asInt()));
    }
    return refs;
  }

  /** The input shape in Keras order, batch first, -1 where unknown; null if the model doesn't say. */
  private long[] modelInputShape(JsonNode model) throws ConversionException {
    String cls = model.path("class_name").asText();
    JsonNode config = model.path("config");
    if (cls.equals("Sequential")) {
      JsonNode layers = config.isArray() ? config : config.path("layers");
      if (layers.size() == 0) {
        return null;
      }
      JsonNode first = layers.get(0);
      long[] shape = declaredShape(first.path("config"));
      if (shape != null) {
        return shape;
      }
      if (MODEL_CLASSES.contains(first.path("class_name").asText())) {
        return modelInputShape(first);
      }
      JsonNode build = config.path("build_input_shape");
      return build.isArray() ? shapeOf(build) : null;
    }
    List<TensorRef> inputs = tensorRefs(config.path("input_layers"));
    if (inputs.size() != 1) {
      throw new ConversionException(Reason.UNSUPPORTED_LAYER, file.fileName() + " takes " + inputs.size()
          + " inputs; Raut imports image classifiers with one input.");
    }
    for (JsonNode layer : config.path("layers")) {
      if (layerName(layer).equals(inputs.get(0).layer())) {
        return declaredShape(layer.path("config"));
      }
    }
    return null;
  }

  private static long[] declaredShape(JsonNode config) {
    for (String key : List.of("batch_input_shape", "batch_shape")) {
      if (config.path(key).isArray()) {
        return shapeOf(config.path(key));
      }
    }
    if (config.path("input_shape").isArray()) {
      JsonNode s = config.path("input_shape");
      long[] shape = new long[s.size() + 1];
      shape[0] = -1;
      for (int i = 0; i < s.size(); i++) {
        shape[i + 1] = s.get(i).isNull() ? -1 : s.get(i).asLong();
      }
      return shape;
    }
    return null;
  }

  private static long[] shapeOf(JsonNode array) {
    long[] shape = new long[array.size()];
    for (int i = 0; i < shape.length; i++) {
      shape[i] = array.get(i).isNull() ? -1 : array.get(i).asLong();
    }
    return shape;
  }

  // ---------------------------------------------------------------- layers

  private static Value single(List<Value> values, JsonNode layer) throws ConversionException {
    if (values.size() != 1) {
      throw new ConversionException(Reason.UNSUPPORTED_LAYER, "Layer '" + layerName(layer) + "' has "
          + values.size() + " outputs inside a Sequential model.");
    }
    return values.get(0);
  }

  private static String layerName(JsonNode layer) {
    String name = layer.path("name").asText("");
    return name.isEmpty() ? layer.path("config").path("name").asText("") : name;
  }

  private List<Value> applyLayer(JsonNode layer, List<Value> in) throws ConversionException {
    String cls = layer.path("class_name").asText();
    String name = layerName(layer);
    JsonNode c = layer.path("config");
    if (MODEL_CLASSES.contains(cls)) {
      return callModel(layer, in);
    }
    layerClasses.add(cls);
    layerNames.add(name);
    checkDataFormat(c, cls, name);
    lastWasSoftmax = false;
    if (TRAINING_ONLY.contains(cls)) {
      identities.add(cls);
      return List.of(in.get(0));
    }
    Layer l = new Layer(name, cls, c, file.weights().of(name));
    Value x = in.get(0);
    Value out = switch (cls) {
      case "Conv2D", "Convolution2D" -> activation(l, conv2d(l, x));
      case "DepthwiseConv2D" -> activation(l, depthwise(l, x));
      case "SeparableConv2D", "SeparableConvolution2D" -> activation(l, separable(l, x));
      case "Conv2DTranspose", "Deconvolution2D", "Convolution2DTranspose" -> activation(l, convTranspose(l, x));
      case "Dense" -> activation(l, dense(l, x));
      case "BatchNormalization" -> batchNorm(l, x);
      case "Activation" -> activation(l, x, c.path("activation"));
      case "ReLU" -> relu(l, x);
      case "LeakyReLU" -> leakyRelu(l, x, doubleOf(c, c.has("negative_slope") ? "negative_slope" : "alpha", 0.3));
      case "PReLU" -> prelu(l, x);
      case "ELU" -> elu(x, doubleOf(c, "alpha", 1.0), name);
      case "ThresholdedReLU" -> thresholdedRelu(x, doubleOf(c, "theta", 1.0), name);
      case "Softmax" -> softmax(x, c.has("axis") ? axisOf(c.path("axis")) : -1, name);
      case "MaxPooling2D", "MaxPool2D" -> pool(l, x, "MaxPool");
      case "AveragePooling2D", "AvgPool2D" -> pool(l, x, "AveragePool");
      case "GlobalAveragePooling2D", "GlobalAvgPool2D" -> globalPool(l, x, "ReduceMean");
      case "GlobalMaxPooling2D", "GlobalMaxPool2D" -> globalPool(l, x, "ReduceMax");
      case "ZeroPadding2D" -> zeroPadding(l, x);
      case "Cropping2D" -> cropping(l, x);
      case "UpSampling2D" -> upSampling(l, x);
      case "Flatten" -> flatten(x, name);
      case "Reshape" -> reshape(l, x);
      case "Permute" -> permute(l, x);
      case "Add" -> merge(l, in, "Add");
      case "Subtract" -> subtract(l, in);
      case "Multiply" -> merge(l, in, "Mul");
      case "Average" -> variadic(l, in, "Mean");
      case "Maximum" -> variadic(l, in, "Max");
      case "Minimum" -> variadic(l, in, "Min");
      case "Concatenate" -> concatenate(l, in);
      case "Rescaling" -> rescaling(l, x);
      case "Normalization" -> normalization(l, x);
      case "Resizing" -> resizing(l, x);
      case "CenterCrop" -> centerCrop(l, x);
      default -> throw unknownLayer(layer, cls, name);
    };
    return List.of(out);
  }

  private ConversionException unknownLayer(JsonNode layer, String cls, String name) {
    String registered = layer.path("registered_name").asText("");
    String module = layer.path("module").asText("");
    boolean custom = CUSTOM_CLASSES.contains(cls) || registered.contains(">")
        || !module.isEmpty() && !module.startsWith("keras");
    if (custom) {
      return new ConversionException(Reason.CUSTOM_LAYER, "Layer '" + name + "' of " + file.fileName() + " is a "
          + cls + " layer: its Python code is not stored in the file, so Raut cannot know what it computes."
          + " Replace it with built-in Keras layers (for example Rescaling(1/255) instead of Lambda(lambda x: x / 255))"
          + " and save the model again.");
    }
    return new ConversionException(Reason.UNSUPPORTED_LAYER, "Layer '" + name + "' of " + file.fileName()
        + " is a " + cls + ", which Raut's converter does not support yet. Raut converts the usual image-classifier"
        + " layers (convolutions, pooling, dense, normalisation, activations, merges); see docs/models.md.");
  }

  private void checkDataFormat(JsonNode c, String cls, String name) throws ConversionException {
    String format = c.path("data_format").asText("channels_last");
    if (!format.equals("channels_last") && !format.isEmpty() && !format.equals("null")) {
      throw new ConversionException(Reason.UNSUPPORTED_LAYER, "Layer '" + name + "' (" + cls + ") uses "
          + format + "; Raut converts channels_last models (the Keras default).");
    }
  }

  /** One layer being translated: its name, class, config and weights. */
  private final class Layer {
    final String name;
    final String cls;
    final JsonNode config;
    final Map<String, TfTensor> weights;

    Layer(String name, String cls, JsonNode config, Map<String, TfTensor> weights) {
      this.name = name;
      this.cls = cls;
      this.config = config;
      this.weights = weights;
    }

    /**
     * A weight by its Keras name, or by position where the file only numbers them (.keras); the
     * position counts only the weights this layer has.
     */
    TfTensor weight(String shortName, int position, long... expectedShape) throws ConversionException {
      TfTensor t = weights.get(shortName);
      if (t == null && shortName.equals("depthwise_kernel")) {
        t = weights.get("kernel");
      }
      if (t == null) {
        t = weights.get(String.valueOf(position));
      }
      if (t == null) {
        throw new ConversionException(Reason.BAD_CONFIG, "Layer '" + name + "' (" + cls + ") of " + file.fileName()
            + " has no " + shortName + " weight in the file" + (weights.isEmpty() ? " (no weights at all for it)"
            : " (it has " + weights.keySet() + ")") + ". The file may be incomplete; save the model again.");
      }
      if (expectedShape.length > 0 && !shapeMatches(t.shape(), expectedShape)) {
        throw new ConversionException(Reason.BAD_CONFIG, "Layer '" + name + "' (" + cls + ") of " + file.fileName()
            + ": its " + shortName + " weight has shape " + Arrays.toString(t.shape()) + " but the layer needs "
            + Arrays.toString(expectedShape) + ".");
      }
      return t;
    }

    boolean bool(String key, boolean fallback) {
      JsonNode v = config.path(key);
      return v.isBoolean() ? v.asBoolean() : fallback;
    }

    String text(String key, String fallback) {
      JsonNode v = config.path(key);
      return v.isTextual() ? v.asText() : fallback;
    }

    ConversionException unsupported(String detail) {
      return new ConversionException(Reason.UNSUPPORTED_LAYER, "Layer '" + name + "' (" + cls + ") of "
          + file.fileName() + ": " + detail + ", which Raut cannot convert exactly.");
    }
  }

  private static boolean shapeMatches(long[] actual, long[] expected) {
    if (actual.length != expected.length) {
      return false;
    }
    for (int i = 0; i < actual.length; i++) {
      if (expected[i] >= 0 && actual[i] != expected[i]) {
        return false;
      }
    }
    return true;
  }

  // ---------------------------------------------------------------- convolutions

  private Value conv2d(Layer l, Value x) throws ConversionException {
    require4d(l, x);
    long[] k = pair(l.config.path("kernel_size"));
    long filters = l.config.path("filters").asLong();
    long groups = l.config.path("groups").asLong(1);
    long inChannels = x.shape()[3];
    TfTensor kernel = l.weight("kernel", 0, k[0], k[1], inChannels < 0 ? -1 : inChannels / groups, filters);
    long[] ks = kernel.shape();
    float[] w = Layouts.hwioToOihw(kernel.floats(), ks);
    List<String> inputs = new ArrayList<>(List.of(x.onnx(),
        graph.floatInitializer(l.name + "/kernel", new long[] {ks[3], ks[2], ks[0], ks[1]}, w)));
    if (l.bool("use_bias", true)) {
      inputs.add(bias(l, 1, filters));
    }
    long[] strides = pair(l.config.path("strides"), 1);
    long[] dilations = pair(l.config.path("dilation_rate"), 1);
    long[] out = new long[4];
    AttributeProto pads = padding(l, x.shape(), k, strides, dilations, out);
    out[3] = filters;
    return new Value(graph.node("Conv", l.name, inputs, ints("dilations", dilations), integer("group", groups),
        ints("kernel_shape", k), ints("strides", strides), pads), out);
  }

  private Value depthwise(Layer l, Value x) throws ConversionException {
    require4d(l, x);
    long[] k = pair(l.config.path("kernel_size"));
    long channels = x.shape()[3];
    long multiplier = l.config.path("depth_multiplier").asLong(1);
    TfTensor kernel = l.weight("depthwise_kernel", 0, k[0], k[1], channels, multiplier);
    long outChannels = kernel.shape()[2] * kernel.shape()[3];
    List<String> inputs = new ArrayList<>(List.of(x.onnx(), graph.floatInitializer(l.name + "/depthwise_kernel",
        new long[] {outChannels, 1, k[0], k[1]}, Layouts.depthwiseToOnnx(kernel.floats(), kernel.shape()))));
    if (l.bool("use_bias", true)) {
      inputs.add(bias(l, 1, outChannels));
    }
    long[] strides = pair(l.config.path("strides"), 1);
    long[] dilations = pair(l.config.path("dilation_rate"), 1);
    long[] out = new long[4];
    AttributeProto pads = padding(l, x.shape(), k, strides, dilations, out);
    out[3] = outChannels;
    return new Value(graph.node("Conv", l.name, inputs, ints("dilations", dilations),
        integer("group", kernel.shape()[2]), ints("kernel_shape", k), ints("strides", strides), pads), out);
  }

  /** Depthwise (with the layer's strides, padding and dilation), then a 1x1 pointwise conv with the bias. */
  private Value separable(Layer l, Value x) throws ConversionException {
    require4d(l, x);
    long[] k = pair(l.config.path("kernel_size"));
    long channels = x.shape()[3];
    long multiplier = l.config.path("depth_multiplier").asLong(1);
    long filters = l.config.path("filters").asLong();
    TfTensor dw = l.weight("depthwise_kernel", 0, k[0], k[1], channels, multiplier);
    long mid = dw.shape()[2] * dw.shape()[3];
    TfTensor pw = l.weight("pointwise_kernel", 1, 1, 1, mid, filters);
    long[] strides = pair(l.config.path("strides"), 1);
    long[] dilations = pair(l.config.path("dilation_rate"), 1);
    long[] midShape = new long[4];
    AttributeProto pads = padding(l, x.shape(), k, strides, dilations, midShape);
    midShape[3] = mid;
    String depth = graph.node("Conv", l.name + "/depthwise", List.of(x.onnx(),
        graph.floatInitializer(l.name + "/depthwise_kernel", new long[] {mid, 1, k[0], k[1]},
            Layouts.depthwiseToOnnx(dw.floats(), dw.shape()))),
        ints("dilations", dilations), integer("group", dw.shape()[2]), ints("kernel_shape", k),
        ints("strides", strides), pads);
    List<String> inputs = new ArrayList<>(List.of(depth, graph.floatInitializer(l.name + "/pointwise_kernel",
        new long[] {filters, mid, 1, 1}, Layouts.hwioToOihw(pw.floats(), pw.shape()))));
    if (l.bool("use_bias", true)) {
      inputs.add(bias(l, 2, filters));
    }
    long[] out = {midShape[0], midShape[1], midShape[2], filters};
    return new Value(graph.node("Conv", l.name, inputs, ints("kernel_shape", 1, 1)), out);
  }

  /**
   * Keras' transposed kernel is [h, w, filters, in]; ONNX wants [in, filters, h, w]. Padding is the
   * forward conv's: "same" crops (k - s) / 2 at the start and the rest at the end.
   */
  private Value convTranspose(Layer l, Value x) throws ConversionException {
    require4d(l, x);
    if (!l.config.path("output_padding").isNull() && !l.config.path("output_padding").isMissingNode()) {
      throw l.unsupported("an explicit output_padding");
    }
    long[] k = pair(l.config.path("kernel_size"));
    long filters = l.config.path("filters").asLong();
    long in = x.shape()[3];
    TfTensor kernel = l.weight("kernel", 0, k[0], k[1], filters, in);
    long[] ks = kernel.shape();
    float[] w = new float[kernel.floats().length];
    float[] src = kernel.floats();
    for (int y = 0; y < ks[0]; y++) {
      for (int xx = 0; xx < ks[1]; xx++) {
        for (int o = 0; o < ks[2]; o++) {
          for (int i = 0; i < ks[3]; i++) {
            w[(int) (((i * ks[2] + o) * ks[0] + y) * ks[1] + xx)] = src[(int) (((y * ks[1] + xx) * ks[2] + o) * ks[3] + i)];
          }
        }
      }
    }
    List<String> inputs = new ArrayList<>(List.of(x.onnx(),
        graph.floatInitializer(l.name + "/kernel", new long[] {ks[3], ks[2], ks[0], ks[1]}, w)));
    if (l.bool("use_bias", true)) {
      inputs.add(bias(l, 1, filters));
    }
    long[] strides = pair(l.config.path("strides"), 1);
    long[] dilations = pair(l.config.path("dilation_rate"), 1);
    String mode = l.text("padding", "valid");
    long[] pads = new long[4];
    long[] outputPadding = new long[2];
    long[] out = {x.shape()[0], 0, 0, filters};
    for (int axis = 0; axis < 2; axis++) {
      long size = x.shape()[axis + 1];
      long span = (k[axis] - 1) * dilations[axis] + 1;
      if (size < 0) {
        throw l.unsupported("an input of unknown size");
      }
      if (mode.equals("valid")) {
        out[axis + 1] = (size - 1) * strides[axis] + span + Math.max(strides[axis] - span, 0);
        outputPadding[axis] = Math.max(strides[axis] - span, 0);
      } else if (mode.equals("same")) {
        long total = Math.max(span - strides[axis], 0);
        pads[axis] = total / 2;
        pads[axis + 2] = total - total / 2;
        outputPadding[axis] = Math.max(strides[axis] - span, 0);
        out[axis + 1] = size * strides[axis];
      } else {
        throw l.unsupported("padding '" + mode + "'");
      }
    }
    return new Value(graph.node("ConvTranspose", l.name, inputs, ints("dilations", dilations),
        ints("kernel_shape", k), ints("strides", strides), ints("pads", pads), ints("output_padding", outputPadding)),
        out);
  }

  private String bias(Layer l, int position, long size) throws ConversionException {
    TfTensor b = l.weight("bias", position, size);
    return graph.floatInitializer(l.name + "/bias", new long[] {size}, b.floats());
  }

  /** TF's "valid" / "same" (the odd pixel padded at the end); fills H and W of {@code out}. */
  private AttributeProto padding(Layer l, long[] in, long[] window, long[] strides, long[] dilations, long[] out)
      throws ConversionException {
    String mode = l.text("padding", "valid").toLowerCase(Locale.ROOT);
    if (!mode.equals("same") && !mode.equals("valid")) {
      throw l.unsupported("padding '" + mode + "'");
    }
    long[] pads = Layouts.tfPads(mode.equals("same"), in, window, strides, dilations, out);
    if (pads == null) {
      if (dilations[0] != 1 || dilations[1] != 1) {
        throw l.unsupported("'same' padding with dilation on an input of unknown size");
      }
      return string("auto_pad", "SAME_UPPER");
    }
    return ints("pads", pads);
  }

  // ---------------------------------------------------------------- dense and normalisation

  /** Dense applies to the last axis only, whatever the rank (feature maps go back to NHWC for it). */
  private Value dense(Layer l, Value x) throws ConversionException {
    long units = l.config.path("units").asLong();
    long inFeatures = x.shape()[x.rank() - 1];
    TfTensor kernel = l.weight("kernel", 0, inFeatures, units);
    String w = graph.floatInitializer(l.name + "/kernel", kernel.shape(), kernel.floats());
    long[] outShape = x.shape().clone();
    outShape[outShape.length - 1] = units;
    if (x.rank() == 2) {
      List<String> inputs = new ArrayList<>(List.of(x.onnx(), w));
      if (l.bool("use_bias", true)) {
        inputs.add(bias(l, 1, units));
      }
      return new Value(graph.node("Gemm", l.name, inputs), outShape);
    }
    String in = x.nchw() ? toNhwc(x, l.name) : x.onnx();
    String y = graph.node("MatMul", l.name + "/matmul", List.of(in, w));
    if (l.bool("use_bias", true)) {
      y = graph.node("Add", l.name + "/bias_add", List.of(y, bias(l, 1, units)));
    }
    return x.nchw() ? new Value(toNchw(y, l.name), outShape) : new Value(y, outShape);
  }

  private Value batchNorm(Layer l, Value x) throws ConversionException {
    long axis = axisOf(l.config.path("axis"));
    int rank = x.rank();
    if (axis != -1 && axis != rank - 1) {
      throw l.unsupported("normalising axis " + axis + " instead of the channels (the last axis)");
    }
    long c = x.shape()[rank - 1];
    boolean scale = l.bool("scale", true);
    boolean center = l.bool("center", true);
    int position = 0;
    float[] gamma = scale ? l.weight("gamma", position++, c).floats() : filled((int) c, 1f);
    float[] beta = center ? l.weight("beta", position++, c).floats() : filled((int) c, 0f);
    float[] mean = l.weight("moving_mean", position++, c).floats();
    float[] variance = l.weight("moving_variance", position, c).floats();
    double epsilon = doubleOf(l.config, "epsilon", 1e-3);
    if (x.nchw()) {
      long[] dims = {c};
      return new Value(graph.node("BatchNormalization", l.name, List.of(x.onnx(),
          graph.floatInitializer(l.name + "/gamma", dims, gamma), graph.floatInitializer(l.name + "/beta", dims, beta),
          graph.floatInitializer(l.name + "/moving_mean", dims, mean),
          graph.floatInitializer(l.name + "/moving_variance", dims, variance)),
          OnnxGraphBuilder.floatAttribute("epsilon", (float) epsilon)), x.shape());
    }
    // y = x * a + b on the last axis, with a = gamma / sqrt(var + eps), b = beta - mean * a
    float[] a = new float[(int) c];
    float[] b = new float[(int) c];
    for (int i = 0; i < c; i++) {
      a[i] = (float) (gamma[i] / Math.sqrt(variance[i] + epsilon));
      b[i] = (float) (beta[i] - mean[i] * (double) a[i]);
    }
    String scaled = graph.node("Mul", l.name + "/scale", List.of(x.onnx(),
        graph.floatInitializer(l.name + "/a", new long[] {c}, a)));
    return new Value(graph.node("Add", l.name, List.of(scaled, graph.floatInitializer(l.name + "/b", new long[] {c}, b))),
        x.shape());
  }

  private static float[] filled(int n, float v) {
    float[] a = new float[n];
    Arrays.fill(a, v);
    return a;
  }

  /** y = x * scale + offset; a per-channel scale or offset is broadcast over the channels. */
  private Value rescaling(Layer l, Value x) throws ConversionException {
    String y = x.onnx();
    float[] scale = floatsOf(l.config.path("scale"), 1f);
    float[] offset = floatsOf(l.config.path("offset"), 0f);
    if (!(scale.length == 1 && scale[0] == 1f)) {
      y = graph.node("Mul", l.name + "/scale", List.of(y, channelConstant(l.name + "/scale_value", scale, x)));
    }
    if (!(offset.length == 1 && offset[0] == 0f)) {
      y = graph.node("Add", l.name + "/offset", List.of(y, channelConstant(l.name + "/offset_value", offset, x)));
    }
    return new Value(y.equals(x.onnx()) ? graph.node("Identity", l.name, List.of(y)) : y, x.shape());
  }

  /**
   * (x - mean) / max(sqrt(variance), 1e-7), Keras' formula; mean and variance from the weights
   * (adapted) or the config. {@code invert} undoes it.
   */
  private Value normalization(Layer l, Value x) throws ConversionException {
    long axis = l.config.path("axis").isArray() && l.config.path("axis").size() == 1
        ? l.config.path("axis").get(0).asLong() : l.config.path("axis").isNumber() ? l.config.path("axis").asLong() : -1;
    if (axis != -1 && axis != x.rank() - 1) {
      throw l.unsupported("normalising axis " + axis + " instead of the channels (the last axis)");
    }
    float[] mean;
    float[] variance;
    if (!l.config.path("mean").isNull() && !l.config.path("mean").isMissingNode()) {
      mean = floatsOf(l.config.path("mean"), 0f);
      variance = floatsOf(l.config.path("variance"), 1f);
    } else {
      mean = l.weight("mean", 0).floats();
      variance = l.weight("variance", 1).floats();
    }
    float[] std = new float[variance.length];
    for (int i = 0; i < std.length; i++) {
      std[i] = (float) Math.max(Math.sqrt(variance[i]), 1e-7);
    }
    String m = channelConstant(l.name + "/mean", mean, x);
    String s = channelConstant(l.name + "/std", std, x);
    if (l.bool("invert", false)) {
      String scaled = graph.node("Mul", l.name + "/scale", List.of(x.onnx(), s));
      return new Value(graph.node("Add", l.name, List.of(scaled, m)), x.shape());
    }
    String centred = graph.node("Sub", l.name + "/centre", List.of(x.onnx(), m));
    return new Value(graph.node("Div", l.name, List.of(centred, s)), x.shape());
  }

  /** A scalar, or one value per channel laid out to broadcast against {@code x} (NCHW: [1, C, 1, 1]). */
  private String channelConstant(String hint, float[] values, Value x) {
    if (values.length == 1) {
      return graph.floatInitializer(hint, new long[0], values);
    }
    long[] dims = x.nchw() ? new long[] {1, values.length, 1, 1} : new long[] {values.length};
    return graph.floatInitializer(hint, dims, values);
  }

  private static float[] floatsOf(JsonNode node, float fallback) {
    if (node.isNumber()) {
      return new float[] {(float) node.asDouble()};
    }
    if (node.isArray()) {
      List<Float> flat = new ArrayList<>();
      flatten(node, flat);
      float[] a = new float[flat.size()];
      for (int i = 0; i < a.length; i++) {
        a[i] = flat.get(i);
      }
      return a;
    }
    return new float[] {fallback};
  }

  private static void flatten(JsonNode node, List<Float> out) {
    if (node.isArray()) {
      node.forEach(n -> flatten(n, out));
    } else {
      out.add((float) node.asDouble());
    }
  }

  // ---------------------------------------------------------------- activations

  private Value activation(Layer l, Value x) throws ConversionException {
    JsonNode a = l.config.path("activation");
    if (a.isMissingNode() || a.isNull()) {
      return x;
    }
    return activation(l, x, a);
  }

  private Value activation(Layer l, Value x, JsonNode spec) throws ConversionException {
    String name = spec.isTextual() ? spec.asText()
        : spec.path("config").isTextual() ? spec.path("config").asText() : spec.path("class_name").asText("");
    String hint = l.name + "/" + name;
    String in = x.onnx();
    lastWasSoftmax = false;
    String out = switch (name) {
      case "linear", "" -> null;
      case "relu" -> graph.node("Relu", hint, List.of(in));
      case "relu6" -> clip(in, 0f, 6f, hint);
      case "sigmoid" -> graph.node("Sigmoid", hint, List.of(in));
      case "tanh" -> graph.node("Tanh", hint, List.of(in));
      case "softmax" -> {
        lastWasSoftmax = true;
        yield graph.node("Softmax", hint, List.of(in), integer("axis", x.nchw() ? 1 : x.rank() - 1));
      }
      case "log_softmax" -> graph.node("LogSoftmax", hint, List.of(in), integer("axis", x.nchw() ? 1 : x.rank() - 1));
      case "hard_sigmoid" -> file.keras3()
          ? graph.node("HardSigmoid", hint, List.of(in), OnnxGraphBuilder.floatAttribute("alpha", 1f / 6),
              OnnxGraphBuilder.floatAttribute("beta", 0.5f))
          : graph.node("HardSigmoid", hint, List.of(in), OnnxGraphBuilder.floatAttribute("alpha", 0.2f),
              OnnxGraphBuilder.floatAttribute("beta", 0.5f));
      case "swish", "silu" -> graph.node("Mul", hint, List.of(in, graph.node("Sigmoid", hint + "/sigmoid", List.of(in))));
      case "hard_swish", "hard_silu" -> graph.node("Mul", hint, List.of(in, graph.node("HardSigmoid",
          hint + "/hard_sigmoid", List.of(in), OnnxGraphBuilder.floatAttribute("alpha", 1f / 6),
          OnnxGraphBuilder.floatAttribute("beta", 0.5f))));
      case "gelu" -> gelu(in, hint);
      case "elu" -> graph.node("Elu", hint, List.of(in), OnnxGraphBuilder.floatAttribute("alpha", 1f));
      case "selu" -> graph.node("Selu", hint, List.of(in), OnnxGraphBuilder.floatAttribute("alpha", 1.6732632423543772f),
          OnnxGraphBuilder.floatAttribute("gamma", 1.0507009873554805f));
      case "softplus" -> graph.node("Softplus", hint, List.of(in));
      case "softsign" -> graph.node("Softsign", hint, List.of(in));
      case "exponential" -> graph.node("Exp", hint, List.of(in));
      case "leaky_relu" -> graph.node("LeakyRelu", hint, List.of(in), OnnxGraphBuilder.floatAttribute("alpha", 0.2f));
      case "mish" -> graph.node("Mul", hint, List.of(in, graph.node("Tanh", hint + "/tanh",
          List.of(graph.node("Softplus", hint + "/softplus", List.of(in))))));
      default -> throw new ConversionException(Reason.UNSUPPORTED_LAYER, "Layer '" + l.name + "' of "
          + file.fileName() + " uses the activation '" + name + "', which Raut's converter does not know.");
    };
    return out == null ? x : new Value(out, x.shape());
  }

  /** 0.5 x (1 + erf(x / sqrt 2)): the exact GELU, Keras' default. */
  private String gelu(String in, String hint) {
    String scaled = graph.node("Mul", hint + "/scaled", List.of(in, scalar((float) (1 / Math.sqrt(2)))));
    String erf = graph.node("Erf", hint + "/erf", List.of(scaled));
    String onePlus = graph.node("Add", hint + "/one_plus", List.of(erf, scalar(1f)));
    String half = graph.node("Mul", hint + "/half", List.of(in, scalar(0.5f)));
    return graph.node("Mul", hint, List.of(half, onePlus));
  }

  private String clip(String in, float min, float max, String hint) {
    return graph.node("Clip", hint, List.of(in, scalar(min), scalar(max)));
  }

  private String scalar(float v) {
    String key = Float.toString(v);
    String existing = scalarInitializers.get(key);
    if (existing == null) {
      existing = graph.floatInitializer("const_" + key.replace('-', 'm').replace('.', '_'), new long[0], new float[] {v});
      scalarInitializers.put(key, existing);
    }
    return existing;
  }

  /** Keras ReLU: max_value above the cap, x from the threshold up, negative_slope * (x - threshold) below. */
  private Value relu(Layer l, Value x) throws ConversionException {
    JsonNode maxNode = l.config.path("max_value");
    Float max = maxNode.isNumber() ? (float) maxNode.asDouble() : null;
    float slope = (float) doubleOf(l.config, "negative_slope", 0);
    float threshold = (float) doubleOf(l.config, "threshold", 0);
    String in = x.onnx();
    String out;
    if (threshold == 0f) {
      if (slope == 0f) {
        out = max == null ? graph.node("Relu", l.name, List.of(in)) : clip(in, 0f, max, l.name);
      } else {
        out = graph.node("LeakyRelu", max == null ? l.name : l.name + "/leaky", List.of(in),
            OnnxGraphBuilder.floatAttribute("alpha", slope));
        if (max != null) {
          out = graph.node("Min", l.name, List.of(out, scalar(max)));
        }
      }
    } else {
      String below = graph.node("Mul", l.name + "/below", List.of(graph.node("Sub", l.name + "/shifted",
          List.of(in, scalar(threshold))), scalar(slope)));
      String isAbove = graph.node("GreaterOrEqual", l.name + "/is_above", List.of(in, scalar(threshold)));
      out = graph.node("Where", max == null ? l.name : l.name + "/where", List.of(isAbove, in, below));
      if (max != null) {
        out = graph.node("Min", l.name, List.of(out, scalar(max)));
      }
    }
    return new Value(out, x.shape());
  }

  private Value leakyRelu(Layer l, Value x, double alpha) {
    return new Value(graph.node("LeakyRelu", l.name, List.of(x.onnx()),
        OnnxGraphBuilder.floatAttribute("alpha", (float) alpha)), x.shape());
  }

  private Value elu(Value x, double alpha, String name) {
    return new Value(graph.node("Elu", name, List.of(x.onnx()), OnnxGraphBuilder.floatAttribute("alpha", (float) alpha)),
        x.shape());
  }

  private Value thresholdedRelu(Value x, double theta, String name) {
    return new Value(graph.node("ThresholdedRelu", name, List.of(x.onnx()),
        OnnxGraphBuilder.floatAttribute("alpha", (float) theta)), x.shape());
  }

  /** PReLU's alpha has the input's shape without the batch (1 on shared axes); NCHW needs it as [C, H, W]. */
  private Value prelu(Layer l, Value x) throws ConversionException {
    TfTensor alpha = l.weight("alpha", 0);
    long[] s = alpha.shape();
    String slope;
    if (x.nchw() && s.length == 3) {
      float[] t = new float[alpha.floats().length];
      int h = (int) s[0];
      int w = (int) s[1];
      int c = (int) s[2];
      for (int y = 0; y < h; y++) {
        for (int xx = 0; xx < w; xx++) {
          for (int ch = 0; ch < c; ch++) {
            t[(ch * h + y) * w + xx] = alpha.floats()[(y * w + xx) * c + ch];
          }
        }
      }
      slope = graph.floatInitializer(l.name + "/alpha", new long[] {c, h, w}, t);
    } else if (!x.nchw() && s.length == x.rank() - 1) {
      slope = graph.floatInitializer(l.name + "/alpha", s, alpha.floats());
    } else {
      throw l.unsupported("an alpha of shape " + Arrays.toString(s) + " on an input of rank " + x.rank());
    }
    return new Value(graph.node("PRelu", l.name, List.of(x.onnx(), slope)), x.shape());
  }

  private Value softmax(Value x, long axis, String name) throws ConversionException {
    long a = axis < 0 ? axis + x.rank() : axis;
    // opset 13 Softmax normalises along one axis, as Keras does; only the axis maps to NCHW
    long onnxAxis = x.nchw() ? Layouts.nchwAxis(a) : a;
    lastWasSoftmax = a == x.rank() - 1;
    return new Value(graph.node("Softmax", name, List.of(x.onnx()), integer("axis", onnxAxis)), x.shape());
  }

  // ---------------------------------------------------------------- pooling, padding, resizing

  private Value pool(Layer l, Value x, String op) throws ConversionException {
    require4d(l, x);
    long[] window = pair(l.config.path("pool_size"), 2);
    JsonNode stridesNode = l.config.path("strides");
    long[] strides = stridesNode.isNull() || stridesNode.isMissingNode() ? window : pair(stridesNode);
    long[] out = new long[4];
    AttributeProto pads = padding(l, x.shape(), window, strides, new long[] {1, 1}, out);
    out[3] = x.shape()[3];
    // AveragePool's default count_include_pad=0 averages only real pixels, as TF does
    return new Value(graph.node(op, l.name, List.of(x.onnx()), ints("kernel_shape", window),
        ints("strides", strides), pads), out);
  }

  private Value globalPool(Layer l, Value x, String op) throws ConversionException {
    require4d(l, x);
    boolean keep = l.bool("keepdims", false);
    long[] out = keep ? new long[] {x.shape()[0], 1, 1, x.shape()[3]} : new long[] {x.shape()[0], x.shape()[3]};
    return new Value(graph.node(op, l.name, List.of(x.onnx()), ints("axes", 2, 3), integer("keepdims", keep ? 1 : 0)),
        out);
  }

  /** ((top, bottom), (left, right)) from an int, a pair, or a pair of pairs. */
  private static long[] symmetric2d(JsonNode p, long fallback) {
    if (p.isNumber()) {
      long v = p.asLong();
      return new long[] {v, v, v, v};
    }
    if (p.isArray() && p.size() == 2 && p.get(0).isNumber()) {
      return new long[] {p.get(0).asLong(), p.get(0).asLong(), p.get(1).asLong(), p.get(1).asLong()};
    }
    if (p.isArray() && p.size() == 2) {
      return new long[] {p.get(0).get(0).asLong(), p.get(0).get(1).asLong(), p.get(1).get(0).asLong(),
          p.get(1).get(1).asLong()};
    }
    return new long[] {fallback, fallback, fallback, fallback};
  }

  private Value zeroPadding(Layer l, Value x) throws ConversionException {
    require4d(l, x);
    long[] p = symmetric2d(l.config.path("padding"), 1);
    String pads = graph.int64Initializer(l.name + "/pads", new long[] {8}, new long[] {0, 0, p[0], p[2], 0, 0, p[1], p[3]});
    long[] s = x.shape();
    long[] out = {s[0], s[1] < 0 ? -1 : s[1] + p[0] + p[1], s[2] < 0 ? -1 : s[2] + p[2] + p[3], s[3]};
    return new Value(graph.node("Pad", l.name, List.of(x.onnx(), pads)), out);
  }

  private Value cropping(Layer l, Value x) throws ConversionException {
    require4d(l, x);
    long[] c = symmetric2d(l.config.path("cropping"), 0);
    long[] s = x.shape();
    long[] out = {s[0], s[1] < 0 ? -1 : s[1] - c[0] - c[1], s[2] < 0 ? -1 : s[2] - c[2] - c[3], s[3]};
    return new Value(slice(x.onnx(), l.name, new long[] {c[0], c[2]},
        new long[] {c[1] == 0 ? INT64_MAX : -c[1], c[3] == 0 ? INT64_MAX : -c[3]}), out);
  }

  private String slice(String in, String name, long[] startsHw, long[] endsHw) {
    return graph.node("Slice", name, List.of(in,
        graph.int64Initializer(name + "/starts", new long[] {2}, startsHw),
        graph.int64Initializer(name + "/ends", new long[] {2}, endsHw),
        graph.int64Initializer(name + "/axes", new long[] {2}, new long[] {2, 3})));
  }

  private Value upSampling(Layer l, Value x) throws ConversionException {
    require4d(l, x);
    long[] size = pair(l.config.path("size"), 2);
    String interpolation = l.text("interpolation", "nearest");
    long[] s = x.shape();
    long[] out = {s[0], s[1] < 0 ? -1 : s[1] * size[0], s[2] < 0 ? -1 : s[2] * size[1], s[3]};
    String scales = graph.floatInitializer(l.name + "/scales", new long[] {4}, new float[] {1, 1, size[0], size[1]});
    if (interpolation.equals("nearest")) {
      return new Value(graph.node("Resize", l.name, List.of(x.onnx(), "", scales), string("mode", "nearest"),
          string("coordinate_transformation_mode", "asymmetric"), string("nearest_mode", "floor")), out);
    }
    if (interpolation.equals("bilinear")) {
      return new Value(graph.node("Resize", l.name, List.of(x.onnx(), "", scales), string("mode", "linear"),
          string("coordinate_transformation_mode", "half_pixel")), out);
    }
    throw l.unsupported("interpolation '" + interpolation + "'");
  }

  /**
   * tf.image.resize: half-pixel centres, no antialiasing (Keras' defaults). Sizes are [N, C] of the
   * input plus the requested [H, W], so the batch stays dynamic.
   */
  private Value resizing(Layer l, Value x) throws ConversionException {
    require4d(l, x);
    if (l.bool("crop_to_aspect_ratio", false) || l.bool("pad_to_aspect_ratio", false)) {
      throw l.unsupported("crop_to_aspect_ratio / pad_to_aspect_ratio");
    }
    long h = l.config.path("height").asLong();
    long w = l.config.path("width").asLong();
    String interpolation = l.text("interpolation", "bilinear");
    String shape = graph.node("Shape", l.name + "/input_shape", List.of(x.onnx()));
    String batchAndChannels = graph.node("Slice", l.name + "/batch_channels", List.of(shape,
        graph.int64Initializer(l.name + "/slice_start", new long[] {1}, new long[] {0}),
        graph.int64Initializer(l.name + "/slice_end", new long[] {1}, new long[] {2})));
    String sizes = graph.node("Concat", l.name + "/sizes", List.of(batchAndChannels,
        graph.int64Initializer(l.name + "/height_width", new long[] {2}, new long[] {h, w})), integer("axis", 0));
    long[] out = {x.shape()[0], h, w, x.shape()[3]};
    List<String> inputs = List.of(x.onnx(), "", "", sizes);
    return switch (interpolation) {
      case "bilinear" -> new Value(graph.node("Resize", l.name, inputs, string("mode", "linear"),
          string("coordinate_transformation_mode", "half_pixel")), out);
      case "nearest" -> new Value(graph.node("Resize", l.name, inputs, string("mode", "nearest"),
          string("coordinate_transformation_mode", "tf_half_pixel_for_nn"),
          string("nearest_mode", "floor")), out);
      default -> throw l.unsupported("interpolation '" + interpolation + "'");
    };
  }

  private Value centerCrop(Layer l, Value x) throws ConversionException {
    require4d(l, x);
    long h = l.config.path("height").asLong();
    long w = l.config.path("width").asLong();
    long[] s = x.shape();
    if (s[1] < h || s[2] < w) {
      throw l.unsupported(s[1] < 0 || s[2] < 0 ? "an input of unknown size"
          : "cropping " + s[1] + " x " + s[2] + " to a larger " + h + " x " + w);
    }
    long top = (s[1] - h) / 2;
    long left = (s[2] - w) / 2;
    return new Value(slice(x.onnx(), l.name, new long[] {top, left}, new long[] {top + h, left + w}),
        new long[] {s[0], h, w, s[3]});
  }

  // ---------------------------------------------------------------- shapes

  /** Keras flattens in NHWC order: back to NHWC first, or the next Dense reads its weights scrambled. */
  private Value flatten(Value x, String name) {
    long features = 1;
    for (int i = 1; i < x.rank(); i++) {
      features = features < 0 || x.shape()[i] < 0 ? -1 : features * x.shape()[i];
    }
    String in = x.nchw() ? toNhwc(x, name) : x.onnx();
    String shape = graph.int64Initializer(name + "/shape", new long[] {2}, new long[] {0, -1});
    return new Value(graph.node("Reshape", name, List.of(in, shape)), new long[] {x.shape()[0], features});
  }

  private Value reshape(Layer l, Value x) throws ConversionException {
    JsonNode target = l.config.path("target_shape");
    long[] t = new long[target.size() + 1];
    t[0] = 0;
    long known = 1;
    int unknown = -1;
    for (int i = 0; i < target.size(); i++) {
      t[i + 1] = target.get(i).asLong();
      if (t[i + 1] == -1) {
        unknown = i + 1;
      } else {
        known *= t[i + 1];
      }
    }
    long total = 1;
    for (int i = 1; i < x.rank(); i++) {
      total = total < 0 || x.shape()[i] < 0 ? -1 : total * x.shape()[i];
    }
    long[] out = t.clone();
    out[0] = x.shape()[0];
    if (unknown > 0) {
      out[unknown] = total < 0 ? -1 : total / known;
    }
    String in = x.nchw() ? toNhwc(x, l.name) : x.onnx();
    String y = graph.node("Reshape", out.length == 4 ? l.name + "/nhwc" : l.name, List.of(in,
        graph.int64Initializer(l.name + "/shape", new long[] {t.length}, t)));
    return new Value(out.length == 4 ? toNchw(y, l.name) : y, out);
  }

  private Value permute(Layer l, Value x) throws ConversionException {
    JsonNode dims = l.config.path("dims");
    long[] perm = new long[dims.size() + 1];
    long[] out = new long[perm.length];
    out[0] = x.shape()[0];
    for (int i = 0; i < dims.size(); i++) {
      perm[i + 1] = dims.get(i).asLong();
      out[i + 1] = x.shape()[(int) perm[i + 1]];
    }
    if (perm.length != x.rank()) {
      throw l.unsupported("dims " + dims + " for an input of rank " + x.rank());
    }
    String in = x.nchw() ? toNhwc(x, l.name) : x.onnx();
    String y = graph.node("Transpose", out.length == 4 ? l.name + "/nhwc" : l.name, List.of(in), ints("perm", perm));
    return new Value(out.length == 4 ? toNchw(y, l.name) : y, out);
  }

  private String toNhwc(Value x, String name) {
    return graph.node("Transpose", name + "/to_nhwc", List.of(x.onnx()), ints("perm", Layouts.NCHW_TO_NHWC));
  }

  private String toNchw(String nhwc, String name) {
    return graph.node("Transpose", name, List.of(nhwc), ints("perm", Layouts.NHWC_TO_NCHW));
  }

  // ---------------------------------------------------------------- merges

  private Value merge(Layer l, List<Value> in, String op) throws ConversionException {
    requireSameShapes(l, in);
    String acc = in.get(0).onnx();
    for (int i = 1; i < in.size(); i++) {
      acc = graph.node(op, i == in.size() - 1 ? l.name : l.name + "/" + i, List.of(acc, in.get(i).onnx()));
    }
    return new Value(acc, in.get(0).shape());
  }

  private Value subtract(Layer l, List<Value> in) throws ConversionException {
    if (in.size() != 2) {
      throw l.unsupported(in.size() + " inputs (Subtract takes two)");
    }
    return merge(l, in, "Sub");
  }

  private Value variadic(Layer l, List<Value> in, String op) throws ConversionException {
    requireSameShapes(l, in);
    return new Value(graph.node(op, l.name, in.stream().map(Value::onnx).toList()), in.get(0).shape());
  }

  private Value concatenate(Layer l, List<Value> in) throws ConversionException {
    int rank = in.get(0).rank();
    long axis = axisOf(l.config.path("axis"));
    long a = axis < 0 ? axis + rank : axis;
    long[] out = in.get(0).shape().clone();
    out[(int) a] = 0;
    for (Value v : in) {
      if (v.rank() != rank) {
        throw l.unsupported("inputs of different ranks");
      }
      long size = v.shape()[(int) a];
      out[(int) a] = size < 0 || out[(int) a] < 0 ? -1 : out[(int) a] + size;
    }
    long onnxAxis = in.get(0).nchw() ? Layouts.nchwAxis(a) : a;
    return new Value(graph.node("Concat", l.name, in.stream().map(Value::onnx).toList(), integer("axis", onnxAxis)), out);
  }

  private static void requireSameShapes(Layer l, List<Value> in) throws ConversionException {
    for (Value v : in) {
      if (v.rank() != in.get(0).rank()) {
        throw l.unsupported("inputs of different ranks " + in.stream().map(x -> Arrays.toString(x.shape())).toList());
      }
    }
  }

  // ---------------------------------------------------------------- config helpers

  private static void require4d(Layer l, Value x) throws ConversionException {
    if (!x.nchw()) {
      throw l.unsupported("an input of rank " + x.rank() + " (it needs images: batch, height, width, channels)");
    }
  }

  private static long[] pair(JsonNode node) {
    return pair(node, 1);
  }

  private static long[] pair(JsonNode node, long fallback) {
    if (node.isNumber()) {
      return new long[] {node.asLong(), node.asLong()};
    }
    if (node.isArray() && node.size() == 2) {
      return new long[] {node.get(0).asLong(), node.get(1).asLong()};
    }
    if (node.isArray() && node.size() == 1) {
      return new long[] {node.get(0).asLong(), node.get(0).asLong()};
    }
    return new long[] {fallback, fallback};
  }

  private static long axisOf(JsonNode node) {
    if (node.isArray() && node.size() == 1) {
      return node.get(0).asLong();
    }
    return node.isNumber() ? node.asLong() : -1;
  }

  private static double doubleOf(JsonNode config, String key, double fallback) {
    JsonNode v = config.path(key);
    return v.isNumber() ? v.asDouble() : fallback;
  }

  private ConversionException bad(String detail) {
    return new ConversionException(Reason.BAD_CONFIG, "The model config in " + file.fileName() + " is not usable: "
        + detail + ".");
  }
}
