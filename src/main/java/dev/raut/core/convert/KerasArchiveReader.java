package dev.raut.core.convert;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.raut.core.convert.ConversionException.Reason;
import io.jhdf.HdfFile;
import io.jhdf.api.Dataset;
import io.jhdf.api.Group;
import io.jhdf.api.Node;
import io.jhdf.exceptions.HdfException;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.zip.ZipEntry;
import java.util.zip.ZipException;
import java.util.zip.ZipFile;

/**
 * Reads a Keras 3 {@code .keras} archive: {@code config.json} (the model config),
 * {@code metadata.json} (the Keras version) and {@code model.weights.h5}, where each layer's
 * variables sit in a {@code vars} group numbered 0, 1, ... whose {@code name} attribute is the
 * layer's name (the group paths use names Keras re-derives from class names, not the config's).
 */
final class KerasArchiveReader {
  private static final ObjectMapper JSON = new ObjectMapper();
  /** A .keras entry larger than this is not a classifier Raut can hold in memory. */
  private static final long MAX_ENTRY_BYTES = 1L << 31;

  private KerasArchiveReader() {}

  static KerasModelFile read(Path file) throws ConversionException {
    String name = file.getFileName().toString();
    try (ZipFile zip = new ZipFile(file.toFile())) {
      JsonNode config = json(zip, "config.json", name);
      JsonNode metadata = zip.getEntry("metadata.json") == null ? null : json(zip, "metadata.json", name);
      byte[] weightsBytes = bytes(zip, "model.weights.h5", name);
      KerasModelFile.LayerWeights weights = new KerasModelFile.LayerWeights();
      KerasH5Reader.requireWhole(java.util.Arrays.copyOf(weightsBytes, Math.min(64, weightsBytes.length)),
          weightsBytes.length, "The weights (model.weights.h5) inside " + name);
      try (HdfFile h5 = HdfFile.fromBytes(weightsBytes)) {
        collectVars(h5, weights, name);
      } catch (HdfException | IllegalArgumentException | IllegalStateException e) {
        throw new ConversionException(Reason.TRUNCATED, "The weights (model.weights.h5) inside " + name
            + " are damaged: " + e.getMessage() + ". Save the model again with model.save(\"model.keras\").", e);
      }
      String version = metadata == null ? "" : metadata.path("keras_version").asText("");
      return new KerasModelFile(name, config, version, weights);
    } catch (ZipException e) {
      throw new ConversionException(Reason.TRUNCATED, name + " is not a complete .keras file (a damaged zip: "
          + e.getMessage() + "). Copy it again, or save the model again with model.save(\"model.keras\").", e);
    } catch (IOException e) {
      throw new ConversionException(Reason.UNREADABLE, "Cannot read " + name + ": " + e.getMessage(), e);
    }
  }

  /** Every {@code vars} group, keyed by its {@code name} attribute (the layer's name), tensors in index order. */
  private static void collectVars(Group group, KerasModelFile.LayerWeights weights, String fileName)
      throws ConversionException {
    for (Node child : group.getChildren().values()) {
      if (!(child instanceof Group sub)) {
        continue;
      }
      if (sub.getName().equals("vars")) {
        String layer = KerasH5Reader.stringAttribute(sub, "name");
        if (layer == null) {
          layer = group.getName();
        }
        List<Dataset> vars = new ArrayList<>();
        for (Node v : sub.getChildren().values()) {
          if (v instanceof Dataset d && v.getName().matches("\\d+")) {
            vars.add(d);
          }
        }
        vars.sort(Comparator.comparingInt(d -> Integer.parseInt(d.getName())));
        for (Dataset d : vars) {
          weights.put(layer, d.getName(), KerasH5Reader.tensor(layer + "/" + d.getName(), d, fileName));
        }
      } else {
        collectVars(sub, weights, fileName);
      }
    }
  }

  private static JsonNode json(ZipFile zip, String entry, String fileName) throws ConversionException {
    byte[] data = bytes(zip, entry, fileName);
    try {
      return JSON.readTree(data);
    } catch (IOException e) {
      throw new ConversionException(Reason.BAD_CONFIG, entry + " inside " + fileName + " is not valid JSON: "
          + e.getMessage(), e);
    }
  }

  private static byte[] bytes(ZipFile zip, String entry, String fileName) throws ConversionException {
    ZipEntry e = zip.getEntry(entry);
    if (e == null) {
      throw new ConversionException(Reason.MISSING_PART, fileName + " has no " + entry + ": it is not a complete"
          + " .keras file. Save the model again with model.save(\"model.keras\").");
    }
    if (e.getSize() > MAX_ENTRY_BYTES) {
      throw new ConversionException(Reason.UNREADABLE, entry + " inside " + fileName + " is larger than 2 GB.");
    }
    try (var in = zip.getInputStream(e)) {
      return in.readAllBytes();
    } catch (IOException ex) {
      throw new ConversionException(Reason.TRUNCATED, entry + " inside " + fileName + " cannot be unpacked ("
          + ex.getMessage() + "): the file is damaged.", ex);
    }
  }
}
