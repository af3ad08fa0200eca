package dev.raut.core.convert;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.raut.core.convert.ConversionException.Reason;
import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Reads a TF.js layers model: {@code model.json} whose {@code modelTopology} is a Keras model
 * config (bare, or under {@code model_config}) and whose {@code weightsManifest} names each weight
 * {@code <layer>/<name>}; shards are read (and dequantised) as for graph models.
 */
final class TfjsLayersReader {
  private static final ObjectMapper JSON = new ObjectMapper();

  private TfjsLayersReader() {}

  static KerasModelFile read(Path modelJson) throws ConversionException {
    String name = modelJson.getFileName().toString();
    JsonNode root;
    try {
      root = JSON.readTree(modelJson.toFile());
    } catch (IOException e) {
      throw new ConversionException(Reason.UNREADABLE, name + " is not valid JSON (" + e.getMessage()
          + "): it may be truncated. Copy the model folder again.", e);
    }
    JsonNode topology = root.path("modelTopology");
    if (root.path("format").asText("").equals("graph-model") || topology.has("node")) {
      throw new ConversionException(Reason.UNSUPPORTED_LAYER, name + " is a TensorFlow.js graph model: it has no"
          + " Keras layers. Raut imports TensorFlow.js layers models (as Teachable Machine exports them).");
    }
    JsonNode config = topology.has("model_config") ? topology.path("model_config") : topology;
    if (!config.has("class_name")) {
      throw new ConversionException(Reason.BAD_CONFIG, name + " has no model topology: it is not a TensorFlow.js"
          + " layers model.");
    }
    if (!root.has("weightsManifest")) {
      throw new ConversionException(Reason.WEIGHTS_ONLY, name + " has no weightsManifest: the weights are missing.");
    }
    Map<String, TfTensor> tensors = new LinkedHashMap<>();
    Path dir = modelJson.toAbsolutePath().getParent();
    for (JsonNode group : root.path("weightsManifest")) {
      TfjsModel.readGroup(dir, group, tensors);
    }
    KerasModelFile.LayerWeights weights = new KerasModelFile.LayerWeights();
    tensors.forEach((weightName, tensor) -> {
      String[] split = KerasModelFile.splitWeightName(weightName);
      weights.put(split[0], split[1], tensor);
    });
    String version = topology.path("keras_version").asText("");
    return new KerasModelFile(name, config, version, weights);
  }
}
