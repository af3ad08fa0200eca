package dev.raut.core.convert;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * A Keras-layers model as every reader hands it to the translator: the model config
 * ({@code {"class_name": ..., "config": ...}}), the Keras version the file states, and each
 * layer's weights by layer name. Layers mean what they mean in Keras, whichever format carried them
 * (TF.js 4.22 resizes bilinearly without Keras' half-pixel centres; Raut follows Keras).
 */
record KerasModelFile(String fileName, JsonNode modelConfig, String kerasVersion, LayerWeights weights) {

  /** Keras 3 changed some defaults (hard_sigmoid's slope); 2.x, TF.js and unknown files keep the old ones. */
  boolean keras3() {
    return kerasVersion.startsWith("3.");
  }

  /**
   * Weights by leaf layer name. Each layer's tensors keep the file's order and their short names
   * ({@code kernel}, {@code gamma}, ...; or {@code 0}, {@code 1}, ... where a .keras file only numbers them).
   */
  static final class LayerWeights {
    private static final Pattern SCOPE_SUFFIX = Pattern.compile("_\\d+$");
    private final Map<String, Map<String, TfTensor>> byLayer = new LinkedHashMap<>();

    void put(String layer, String shortName, TfTensor tensor) {
      byLayer.computeIfAbsent(layer, k -> new LinkedHashMap<>()).put(shortName, tensor);
    }

    /**
     * A layer's weights; Keras 2.0 files sometimes scope them as {@code <layer>_1/gamma:0}, which
     * is accepted when exactly one such scope exists.
     */
    Map<String, TfTensor> of(String layer) {
      Map<String, TfTensor> exact = byLayer.get(layer);
      if (exact != null) {
        return exact;
      }
      List<String> scoped = new ArrayList<>();
      for (String key : byLayer.keySet()) {
        if (key.startsWith(layer + "_") && SCOPE_SUFFIX.matcher(key.substring(layer.length())).matches()) {
          scoped.add(key);
        }
      }
      return scoped.size() == 1 ? byLayer.get(scoped.get(0)) : Map.of();
    }

    /** The layer names weights were stored for, for error messages. */
    List<String> layers() {
      return List.copyOf(byLayer.keySet());
    }
  }

  /** {@code a/b/conv2d/kernel:0} → layer {@code conv2d}, name {@code kernel}. */
  static String[] splitWeightName(String path) {
    String trimmed = path.endsWith(":0") ? path.substring(0, path.length() - 2) : path;
    String[] parts = trimmed.split("/");
    if (parts.length < 2) {
      return new String[] {"", trimmed};
    }
    return new String[] {parts[parts.length - 2], parts[parts.length - 1]};
  }
}
