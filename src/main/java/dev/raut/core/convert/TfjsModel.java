package dev.raut.core.convert;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A TF.js graph model read from disk: the nodes of {@code modelTopology}, the signature outputs,
 * and every constant from the {@code weightsManifest} shards, dequantised to float32 / int32.
 */
final class TfjsModel {
  private final Map<String, TfNode> nodes;
  private final List<String> signatureOutputs;
  private final Map<String, TfTensor> constants;

  private TfjsModel(Map<String, TfNode> nodes, List<String> signatureOutputs, Map<String, TfTensor> constants) {
    this.nodes = nodes;
    this.signatureOutputs = signatureOutputs;
    this.constants = constants;
  }

  static TfjsModel load(Path modelJson) throws ConversionException {
    JsonNode root;
    try {
      root = new ObjectMapper().readTree(modelJson.toFile());
    } catch (IOException e) {
      throw new ConversionException("Cannot read TF.js model " + modelJson + ": " + e.getMessage(), e);
    }
    if (!"graph-model".equals(root.path("format").asText("graph-model"))) {
      throw new ConversionException(modelJson + " is a '" + root.path("format").asText()
          + "' model; only TF.js graph models are supported");
    }
    Map<String, TfNode> nodes = new LinkedHashMap<>();
    for (JsonNode n : root.path("modelTopology").path("node")) {
      List<String> inputs = new ArrayList<>();
      n.path("input").forEach(i -> inputs.add(i.asText()));
      TfNode node = new TfNode(n.path("name").asText(), n.path("op").asText(), List.copyOf(inputs), n.path("attr"));
      nodes.put(node.name(), node);
    }
    if (nodes.isEmpty()) {
      throw new ConversionException(modelJson + " has no modelTopology.node entries");
    }
    if (root.path("modelTopology").path("library").path("function").size() > 0) {
      throw new ConversionException(modelJson + " uses graph functions (control flow), which are not supported");
    }
    List<String> signatureOutputs = new ArrayList<>();
    root.path("signature").path("outputs").fields().forEachRemaining(e -> {
      String name = e.getValue().path("name").asText(e.getKey());
      signatureOutputs.add(name.endsWith(":0") ? name.substring(0, name.length() - 2) : name);
    });
    Path dir = modelJson.toAbsolutePath().getParent();
    Map<String, TfTensor> constants = new LinkedHashMap<>();
    for (JsonNode group : root.path("weightsManifest")) {
      readGroup(dir, group, constants);
    }
    return new TfjsModel(Collections.unmodifiableMap(nodes), List.copyOf(signatureOutputs),
        Collections.unmodifiableMap(constants));
  }

  Map<String, TfNode> nodes() {
    return nodes;
  }

  List<String> signatureOutputs() {
    return signatureOutputs;
  }

  Map<String, TfTensor> constants() {
    return constants;
  }

  /** A manifest group's shards are one byte stream holding its weights back to back. */
  static void readGroup(Path dir, JsonNode group, Map<String, TfTensor> out) throws ConversionException {
    List<String> paths = new ArrayList<>();
    group.path("paths").forEach(p -> paths.add(p.asText()));
    ByteArrayOutputStream joined = new ByteArrayOutputStream();
    for (String p : paths) {
      Path shard = dir.resolve(p);
      try {
        joined.write(Files.readAllBytes(shard));
      } catch (NoSuchFileException e) {
        throw new ConversionException(ConversionException.Reason.MISSING_PART, "The weights file " + shard.getFileName()
            + " named in the model.json is missing from " + dir + ". Copy every file of the exported model folder.");
      } catch (IOException e) {
        throw new ConversionException("Cannot read weights shard " + shard + ": " + e.getMessage(), e);
      }
    }
    ByteBuffer bytes = ByteBuffer.wrap(joined.toByteArray()).order(ByteOrder.LITTLE_ENDIAN);
    for (JsonNode spec : group.path("weights")) {
      String name = spec.path("name").asText();
      long[] shape = new long[spec.path("shape").size()];
      long count = 1;
      for (int i = 0; i < shape.length; i++) {
        shape[i] = spec.path("shape").get(i).asLong();
        count *= shape[i];
      }
      String dtype = spec.path("dtype").asText();
      JsonNode quantization = spec.path("quantization");
      int elementBytes = quantization.isMissingNode() ? 4 : storedBytes(name, quantization.path("dtype").asText());
      if ((long) bytes.remaining() < count * elementBytes) {
        throw new ConversionException(ConversionException.Reason.TRUNCATED, "Weights shard "
            + dir.resolve(paths.get(paths.size() - 1)) + " is truncated or corrupt: weight '" + name + "' needs "
            + count * elementBytes + " bytes at offset " + bytes.position() + " but the shards " + paths + " hold " + bytes.limit());
      }
      out.put(name, readTensor(name, shape, (int) count, dtype, quantization, bytes));
    }
    if (bytes.hasRemaining()) {
      throw new ConversionException(ConversionException.Reason.TRUNCATED, "Weights shards " + paths + " in " + dir
          + " are corrupt: " + bytes.remaining() + " bytes left over after the last weight of the manifest");
    }
  }

  private static int storedBytes(String name, String quantizedDtype) throws ConversionException {
    return switch (quantizedDtype) {
      case "uint8" -> 1;
      case "uint16", "float16" -> 2;
      default -> throw new ConversionException("Weight '" + name + "' has unsupported quantization dtype '"
          + quantizedDtype + "'");
    };
  }

  private static TfTensor readTensor(String name, long[] shape, int count, String dtype, JsonNode quantization,
      ByteBuffer bytes) throws ConversionException {
    if (!quantization.isMissingNode()) {
      if (!dtype.equals("float32")) {
        throw new ConversionException("Weight '" + name + "': quantised " + dtype + " weights are not supported");
      }
      String stored = quantization.path("dtype").asText();
      // In double, rounded once to float, as TF.js dequantises (JS numbers, stored in a Float32Array).
      double scale = quantization.path("scale").asDouble();
      double min = quantization.path("min").asDouble();
      float[] values = new float[count];
      for (int i = 0; i < count; i++) {
        values[i] = switch (stored) {
          case "float16" -> halfToFloat(bytes.getShort() & 0xffff);
          case "uint8" -> (float) ((bytes.get() & 0xff) * scale + min);
          default -> (float) ((bytes.getShort() & 0xffff) * scale + min);
        };
      }
      return new TfTensor(name, shape, values, null);
    }
    switch (dtype) {
      case "float32": {
        float[] values = new float[count];
        bytes.asFloatBuffer().get(values);
        bytes.position(bytes.position() + 4 * count);
        return new TfTensor(name, shape, values, null);
      }
      case "int32": {
        int[] values = new int[count];
        bytes.asIntBuffer().get(values);
        bytes.position(bytes.position() + 4 * count);
        return new TfTensor(name, shape, null, values);
      }
      default:
        throw new ConversionException("Weight '" + name + "' has unsupported dtype '" + dtype + "'");
    }
  }

  /** IEEE 754 binary16 to float (Float.float16ToFloat needs Java 20). */
  static float halfToFloat(int half) {
    int exponent = (half >>> 10) & 0x1f;
    int mantissa = half & 0x3ff;
    float magnitude;
    if (exponent == 0) {
      magnitude = mantissa * 0x1p-24f;
    } else if (exponent == 31) {
      magnitude = mantissa == 0 ? Float.POSITIVE_INFINITY : Float.NaN;
    } else {
      magnitude = Float.intBitsToFloat(((exponent + 112) << 23) | (mantissa << 13));
    }
    return (half & 0x8000) != 0 ? -magnitude : magnitude;
  }
}
