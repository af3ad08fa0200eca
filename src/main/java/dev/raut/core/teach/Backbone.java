package dev.raut.core.teach;

import java.util.List;
import java.util.Objects;

/**
 * A pretrained network that turns a photo into an embedding for teaching a classifier. A backbone
 * is one or more converted models ({@link Part}s, each a model card in {@code models/}); the
 * embedding is each part's output, L2-normalised, joined in order.
 *
 * @param id stable identifier (CLI {@code --backbone}, cache keys, exported model cards)
 * @param displayName what the user sees
 * @param parts the models run on each photo, in embedding order
 * @param license licence(s) of the weights, as on the model cards
 */
public record Backbone(String id, String displayName, List<Part> parts, String license) {

  /** How a part wants its RGB pixels: raw 0..255 or scaled to 0..1. */
  public enum Pixels {
    RAW_0_255(1f),
    ZERO_ONE(1f / 255f);

    private final float scale;

    Pixels(float scale) {
      this.scale = scale;
    }

    public float scale() {
      return scale;
    }
  }

  /**
   * One converted model: its card id, square input size (the whole photo is resized to it with
   * Raut's resize), pixel scaling of RGB NHWC input, and output embedding dimension.
   */
  public record Part(String modelId, int inputSize, Pixels pixels, int dimension) {
    public Part {
      Objects.requireNonNull(modelId);
      Objects.requireNonNull(pixels);
      if (inputSize < 1 || dimension < 1) {
        throw new IllegalArgumentException("input size and dimension must be positive");
      }
    }
  }

  public Backbone {
    Objects.requireNonNull(id);
    Objects.requireNonNull(displayName);
    parts = List.copyOf(parts);
    if (parts.isEmpty()) {
      throw new IllegalArgumentException("a backbone needs at least one model");
    }
  }

  /** Length of the embedding: the sum of the parts' dimensions. */
  public int dimension() {
    return parts.stream().mapToInt(Part::dimension).sum();
  }

  /** The input size of the first part (all current backbones read 224x224). */
  public int inputSize() {
    return parts.get(0).inputSize();
  }

  /** True for a backbone made of several models joined (the "accurate" one). */
  public boolean combined() {
    return parts.size() > 1;
  }
}
