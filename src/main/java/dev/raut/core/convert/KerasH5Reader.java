package dev.raut.core.convert;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.raut.core.convert.ConversionException.Reason;
import io.jhdf.HdfFile;
import io.jhdf.api.Attribute;
import io.jhdf.api.Dataset;
import io.jhdf.api.Group;
import io.jhdf.api.Node;
import io.jhdf.exceptions.HdfException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Reads a Keras HDF5 model ({@code model.save("model.h5")}) with jHDF: the {@code model_config}
 * attribute and the weights under {@code model_weights/<layer>/}, named by each layer group's
 * {@code weight_names}. Keras 2 writes {@code <layer>/kernel:0}, Keras 3
 * {@code <model>/<layer>/kernel}; a nested model's group holds the weights of all its layers.
 */
final class KerasH5Reader {
  private static final ObjectMapper JSON = new ObjectMapper();

  private KerasH5Reader() {}

  static KerasModelFile read(Path file) throws ConversionException {
    String name = file.getFileName().toString();
    try (java.io.InputStream in = Files.newInputStream(file)) {
      requireWhole(in.readNBytes(64), Files.size(file), name);
    } catch (IOException e) {
      throw new ConversionException(Reason.UNREADABLE, "Cannot read " + file + ": " + e.getMessage(), e);
    }
    try (HdfFile h5 = new HdfFile(file)) {
      String config = stringAttribute(h5, "model_config");
      if (config == null) {
        if (h5.getAttribute("layer_names") != null || h5.getChild("model_weights") == null
            && h5.getChild("layers") != null) {
          throw new ConversionException(Reason.WEIGHTS_ONLY, name + " holds only weights, not the model itself"
              + " (it was saved with save_weights). Raut needs the whole model: in Keras, save it with"
              + " model.save(\"model.h5\") or model.save(\"model.keras\").");
        }
        throw new ConversionException(Reason.UNREADABLE, name + " is an HDF5 file but not a Keras model (it has no"
            + " model_config). Save the model from Keras with model.save(\"model.h5\").");
      }
      JsonNode modelConfig = parseConfig(config, name);
      String version = stringAttribute(h5, "keras_version");
      Node weightsNode = h5.getChild("model_weights");
      if (!(weightsNode instanceof Group weights)) {
        throw new ConversionException(Reason.WEIGHTS_ONLY, name + " holds the model's structure but no weights."
            + " Save the trained model with model.save(\"model.h5\").");
      }
      return new KerasModelFile(name, modelConfig, version == null ? "" : version, readWeights(weights, name));
    } catch (HdfException | IllegalArgumentException | IllegalStateException | UnsupportedOperationException e) {
      throw truncatedOrDamaged(file, e);
    }
  }

  static KerasModelFile.LayerWeights readWeights(Group modelWeights, String fileName) throws ConversionException {
    KerasModelFile.LayerWeights weights = new KerasModelFile.LayerWeights();
    for (Node child : modelWeights.getChildren().values()) {
      if (!(child instanceof Group layerGroup)) {
        continue;
      }
      List<String> names = stringList(layerGroup.getAttribute("weight_names"));
      Set<String> owners = new LinkedHashSet<>();
      for (String weightName : names) {
        owners.add(KerasModelFile.splitWeightName(weightName)[0]);
      }
      for (String weightName : names) {
        Node node = layerGroup.getByPath(weightName);
        if (!(node instanceof Dataset dataset)) {
          throw new ConversionException(Reason.TRUNCATED, fileName + " lists the weight " + weightName
              + " of layer " + layerGroup.getName() + " but does not hold it: the file is incomplete.");
        }
        String[] split = KerasModelFile.splitWeightName(weightName);
        TfTensor tensor = tensor(weightName, dataset, fileName);
        weights.put(split[0], split[1], tensor);
        if (owners.size() == 1 && !split[0].equals(layerGroup.getName())) {
          // a plain layer: its group is named after it, whatever scope the weight names carry
          weights.put(layerGroup.getName(), split[1], tensor);
        }
      }
    }
    return weights;
  }

  static TfTensor tensor(String name, Dataset dataset, String fileName) throws ConversionException {
    int[] dims = dataset.getDimensions();
    long[] shape = new long[dims.length];
    long count = 1;
    for (int i = 0; i < dims.length; i++) {
      shape[i] = dims[i];
      count *= dims[i];
    }
    Object data = dims.length == 0 ? dataset.getData() : dataset.getDataFlat();
    float[] values = new float[(int) count];
    if (data instanceof float[] f) {
      System.arraycopy(f, 0, values, 0, values.length);
    } else if (data instanceof double[] d) {
      for (int i = 0; i < values.length; i++) {
        values[i] = (float) d[i];
      }
    } else if (data instanceof Float f) {
      values[0] = f;
    } else if (data instanceof Double d) {
      values[0] = d.floatValue();
    } else if (data instanceof long[] l) {
      for (int i = 0; i < values.length; i++) {
        values[i] = l[i];
      }
    } else if (data instanceof int[] n) {
      for (int i = 0; i < values.length; i++) {
        values[i] = n[i];
      }
    } else {
      throw new ConversionException(Reason.UNREADABLE, "The weight " + name + " in " + fileName + " has the type "
          + dataset.getJavaType().getSimpleName() + ", which Raut cannot read as numbers.");
    }
    return new TfTensor(name, shape, values, null);
  }

  /**
   * An HDF5 file states its own length (the superblock's end-of-file address). A copy cut short can
   * still parse, its missing weights read as whatever the reader fills in, so it is refused here:
   * never a silently wrong model. {@code head} is the file's first 64 bytes.
   */
  static void requireWhole(byte[] head, long size, String name) throws ConversionException {
    if (head.length < 14) {
      return;
    }
    int version = head[8] & 0xff;
    // the end-of-file address follows the base and free-space (v0, v1) or extension (v2, v3) addresses
    int offsets = version <= 1 ? head[13] & 0xff : head[9] & 0xff;
    int at = switch (version) {
      case 0 -> 24 + 2 * offsets;
      case 1 -> 28 + 2 * offsets;
      default -> 12 + 2 * offsets;
    };
    if (offsets < 1 || offsets > 8 || head.length < at + offsets) {
      return; // an unusual layout: left to the reader
    }
    long end = 0;
    for (int i = offsets - 1; i >= 0; i--) {
      end = (end << 8) | (head[at + i] & 0xff);
    }
    if (end > size) {
      throw new ConversionException(Reason.TRUNCATED, name + " is truncated: it is " + size
          + " bytes but says it is " + end + " bytes long. Copy or download it again.");
    }
  }

  static ConversionException truncatedOrDamaged(Path file, RuntimeException e) {
    long size;
    try {
      size = Files.size(file);
    } catch (IOException io) {
      size = -1;
    }
    return new ConversionException(Reason.TRUNCATED, file.getFileName() + " cannot be read as HDF5 (" + size
        + " bytes): it is truncated or damaged (" + e.getMessage() + "). Copy or download the file again.", e);
  }

  private static JsonNode parseConfig(String config, String fileName) throws ConversionException {
    try {
      return JSON.readTree(config);
    } catch (IOException e) {
      throw new ConversionException(Reason.BAD_CONFIG, "The model config in " + fileName + " is not valid JSON: "
          + e.getMessage(), e);
    }
  }

  static String stringAttribute(Node node, String name) {
    Attribute attribute = node.getAttribute(name);
    if (attribute == null) {
      return null;
    }
    Object data = attribute.getData();
    if (data instanceof String s) {
      return s;
    }
    if (data instanceof String[] array && array.length == 1) {
      return array[0];
    }
    if (data instanceof byte[] bytes) {
      return new String(bytes, java.nio.charset.StandardCharsets.UTF_8);
    }
    return data == null ? null : String.valueOf(data);
  }

  private static List<String> stringList(Attribute attribute) {
    List<String> list = new ArrayList<>();
    if (attribute == null) {
      return list;
    }
    Object data = attribute.getData();
    if (data instanceof String[] array) {
      list.addAll(List.of(array));
    } else if (data instanceof String s) {
      list.add(s);
    }
    return list;
  }
}
