package dev.raut.core.teach;

import dev.raut.core.model.ModelCard;
import dev.raut.core.model.ModelCatalog;
import dev.raut.core.model.ModelStore;
import dev.raut.core.onnx.OnnxModel;
import java.util.ArrayList;
import java.util.List;
import org.opencv.core.Core;
import org.opencv.core.Mat;
import org.opencv.core.Rect;
import org.opencv.core.Size;
import org.opencv.imgproc.Imgproc;

/**
 * Turns photos into a {@link Backbone}'s embedding. Owns one ONNX Runtime session per part; safe to
 * call from several threads at once (sessions are), so callers parallelise across photos and give
 * each session one intra-op thread.
 *
 * <p>Each view of the photo is resized to the part's input square with Raut's resize (area when
 * shrinking, bilinear when enlarging, like the classifiers), converted BGR to RGB and scaled as the
 * part's card says; each part's output is L2-normalised, then the parts are joined. With
 * {@link Views} other than {@link Views#WHOLE} the views' embeddings are averaged per part and
 * normalised again.
 */
public final class BackboneEmbedder implements AutoCloseable {

  /** Which views of a photo are embedded and averaged. */
  public enum Views {
    /** The whole photo, stretched to the input square. */
    WHOLE,
    /** The whole photo and its mirror image. */
    WHOLE_AND_FLIP,
    /**
     * The whole photo, its 2x2 grid of quarters, and the mirror image of each (10 views): repeating
     * motifs (batik) are seen at two scales. About 10x the work of {@link #WHOLE}.
     */
    WHOLE_GRID_AND_FLIP
  }

  private final Backbone backbone;
  private final List<OnnxModel> models;
  private final Views views;

  private BackboneEmbedder(Backbone backbone, List<OnnxModel> models, Views views) {
    this.backbone = backbone;
    this.models = List.copyOf(models);
    this.views = views;
  }

  /** Loads the backbone's converted models from the store (run {@code raut models fetch} first). */
  public static BackboneEmbedder open(Backbone backbone, ModelStore store, Views views, int threadsPerSession) {
    List<OnnxModel> models = new ArrayList<>();
    try {
      for (Backbone.Part part : backbone.parts()) {
        ModelCard card = ModelCatalog.defaults().get(part.modelId());
        models.add(OnnxModel.load(store.artifact(card.id(), card.artifact().file()), card.name(), threadsPerSession));
      }
    } catch (RuntimeException e) {
      models.forEach(OnnxModel::close);
      throw e;
    }
    return new BackboneEmbedder(backbone, models, views);
  }

  public Backbone backbone() {
    return backbone;
  }

  public int dimension() {
    return backbone.dimension();
  }

  /** The embedding of a BGR 8-bit photo (as ImageDecoder gives it). */
  public float[] embed(Mat bgr) {
    Rect whole = new Rect(0, 0, bgr.cols(), bgr.rows());
    return switch (views) {
      case WHOLE -> embedRegion(bgr, whole, false);
      case WHOLE_AND_FLIP -> averagePerPart(List.of(embedRegion(bgr, whole, false), embedRegion(bgr, whole, true)));
      case WHOLE_GRID_AND_FLIP -> {
        List<float[]> all = new ArrayList<>();
        List<Rect> regions = new ArrayList<>(List.of(whole));
        regions.addAll(grid(bgr.cols(), bgr.rows()));
        for (Rect r : regions) {
          all.add(embedRegion(bgr, r, false));
          all.add(embedRegion(bgr, r, true));
        }
        yield averagePerPart(all);
      }
    };
  }

  /** The four quarters of a w x h photo (row by row). */
  static List<Rect> grid(int w, int h) {
    List<Rect> cells = new ArrayList<>();
    for (int y = 0; y < 2; y++) {
      for (int x = 0; x < 2; x++) {
        int x0 = x * w / 2;
        int y0 = y * h / 2;
        cells.add(new Rect(x0, y0, Math.max(1, (x + 1) * w / 2 - x0), Math.max(1, (y + 1) * h / 2 - y0)));
      }
    }
    return cells;
  }

  /**
   * The embedding of one region of the photo, optionally mirrored left to right: each part's output
   * L2-normalised, joined in part order.
   */
  public float[] embedRegion(Mat bgr, Rect region, boolean flipped) {
    float[] out = new float[backbone.dimension()];
    int offset = 0;
    for (int p = 0; p < models.size(); p++) {
      Backbone.Part part = backbone.parts().get(p);
      int size = part.inputSize();
      float[] input = toInput(bgr, region, flipped, size, part.pixels().scale());
      float[] embedding = models.get(p).run(input, new long[] {1, size, size, 3})[0];
      if (embedding.length != part.dimension()) {
        throw new IllegalStateException(part.modelId() + " gave " + embedding.length + " values, its card says "
            + part.dimension());
      }
      normalise(embedding);
      System.arraycopy(embedding, 0, out, offset, embedding.length);
      offset += embedding.length;
    }
    return out;
  }

  /** Averages embeddings of several views part by part, each part normalised again. */
  public float[] averagePerPart(List<float[]> embeddings) {
    float[] out = new float[backbone.dimension()];
    for (float[] e : embeddings) {
      for (int i = 0; i < out.length; i++) {
        out[i] += e[i];
      }
    }
    int offset = 0;
    for (Backbone.Part part : backbone.parts()) {
      float[] slice = java.util.Arrays.copyOfRange(out, offset, offset + part.dimension());
      normalise(slice);
      System.arraycopy(slice, 0, out, offset, slice.length);
      offset += part.dimension();
    }
    return out;
  }

  /** NHWC RGB floats of {@code region} resized to size x size (Raut's resize), times {@code scale}. */
  static float[] toInput(Mat bgr, Rect region, boolean flipped, int size, float scale) {
    Mat view = bgr.submat(region);
    Mat resized = new Mat();
    Mat rgb = new Mat();
    try {
      boolean shrinking = view.cols() > size || view.rows() > size;
      Imgproc.resize(view, resized, new Size(size, size), 0, 0, shrinking ? Imgproc.INTER_AREA : Imgproc.INTER_LINEAR);
      Imgproc.cvtColor(resized, rgb, Imgproc.COLOR_BGR2RGB);
      if (flipped) {
        Core.flip(rgb, rgb, 1);
      }
      byte[] pixels = new byte[size * size * 3];
      rgb.get(0, 0, pixels);
      float[] input = new float[pixels.length];
      for (int i = 0; i < pixels.length; i++) {
        input[i] = (pixels[i] & 0xff) * scale;
      }
      return input;
    } finally {
      view.release();
      resized.release();
      rgb.release();
    }
  }

  static void normalise(float[] v) {
    double sum = 0;
    for (float x : v) {
      sum += (double) x * x;
    }
    double norm = Math.sqrt(sum);
    if (norm > 0) {
      for (int i = 0; i < v.length; i++) {
        v[i] = (float) (v[i] / norm);
      }
    }
  }

  @Override
  public void close() {
    models.forEach(OnnxModel::close);
  }
}
