package dev.raut.core.objects;

import dev.raut.core.geometry.Box;
import dev.raut.core.onnx.ModelLoadException;
import dev.raut.core.onnx.OnnxModel;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.opencv.core.Mat;
import org.opencv.core.Size;
import org.opencv.imgproc.Imgproc;

/**
 * CenterNet (MobileNetV3, COCO-80). The network ends at its class heatmaps and box sizes; the peak
 * decoding that the original graph did with TopK/Gather is done here: a cell is a detection when it
 * is the maximum of its 3x3 neighbourhood in its class and above the threshold. Its box spans
 * (col*4 - l, row*4 - t) to (col*4 + r, row*4 + b) in the 512 input, from the size output (l, t, r, b).
 * The image is stretched to the square input, as the model's own pipeline does.
 */
public final class ObjectDetector {
  private static final int STRIDE = 4;
  private static final int MAX_PEAKS = 100;

  private final OnnxModel model;
  private final List<String> labels;
  private final int size;
  private final int grid;
  private final int heatmapOutput;
  private final int sizesOutput;
  private final double minScore;
  private final double nmsIou;

  public ObjectDetector(OnnxModel model, List<String> labels, double minScore, double nmsIou) {
    this.model = model;
    this.labels = List.copyOf(labels);
    this.minScore = minScore;
    this.nmsIou = nmsIou;
    long[] in = model.inputShape();
    if (in.length != 4 || in[3] != 3 || in[1] != in[2]) {
      throw new ModelLoadException(model.name() + " is not the CenterNet model: input must be [1,S,S,3]");
    }
    this.size = (int) in[1];
    this.grid = size / STRIDE;
    int heat = -1;
    int sizes = -1;
    for (int i = 0; i < model.outputNames().size(); i++) {
      long[] s = model.outputShape(i);
      if (s.length == 4 && s[3] == labels.size()) {
        heat = i;
      } else if (s.length == 4 && s[3] == 4) {
        sizes = i;
      }
    }
    if (heat < 0 || sizes < 0) {
      throw new ModelLoadException(model.name() + " lacks the heatmap [1,g,g," + labels.size() + "] or size [1,g,g,4] output");
    }
    this.heatmapOutput = heat;
    this.sizesOutput = sizes;
  }

  public List<String> labels() {
    return labels;
  }

  /** Objects in the pixel coordinates of {@code bgr} above the detector's own minimum score, most confident first. */
  public List<DetectedObject> detect(Mat bgr) {
    return detect(bgr, minScore);
  }

  /**
   * Objects scoring at least {@code threshold}, most confident first: the caller's threshold is
   * applied to the heatmap itself, so one below the default finds more objects, not the same ones.
   */
  public List<DetectedObject> detect(Mat bgr, double threshold) {
    float[] input = toInput(bgr);
    float[][] out = model.run(input, new long[] {1, size, size, 3});
    float[] heat = out[heatmapOutput];
    float[] wh = out[sizesOutput];
    int classes = labels.size();
    double sx = bgr.cols() / (double) size;
    double sy = bgr.rows() / (double) size;

    List<DetectedObject> peaks = new ArrayList<>();
    for (int row = 0; row < grid; row++) {
      for (int col = 0; col < grid; col++) {
        int cell = (row * grid + col) * classes;
        for (int c = 0; c < classes; c++) {
          float v = heat[cell + c];
          if (v >= threshold && isLocalMaximum(heat, row, col, c, v)) {
            int s = (row * grid + col) * 4;
            double x1 = col * STRIDE - wh[s];
            double y1 = row * STRIDE - wh[s + 1];
            double x2 = col * STRIDE + wh[s + 2];
            double y2 = row * STRIDE + wh[s + 3];
            Box box = new Box(x1 * sx, y1 * sy, (x2 - x1) * sx, (y2 - y1) * sy).clippedTo(bgr.cols(), bgr.rows());
            peaks.add(new DetectedObject(labels.get(c), v, box));
          }
        }
      }
    }
    peaks.sort(Comparator.comparingDouble(DetectedObject::score).reversed());
    return suppress(peaks.subList(0, Math.min(MAX_PEAKS, peaks.size())));
  }

  private boolean isLocalMaximum(float[] heat, int row, int col, int c, float v) {
    int classes = labels.size();
    for (int dy = -1; dy <= 1; dy++) {
      for (int dx = -1; dx <= 1; dx++) {
        int r = row + dy;
        int k = col + dx;
        if ((dy != 0 || dx != 0) && r >= 0 && r < grid && k >= 0 && k < grid && heat[(r * grid + k) * classes + c] > v) {
          return false;
        }
      }
    }
    return true;
  }

  /** Per-class non-maximum suppression, as the model's own pipeline applies after decoding. */
  private List<DetectedObject> suppress(List<DetectedObject> sorted) {
    List<DetectedObject> kept = new ArrayList<>();
    for (DetectedObject o : sorted) {
      boolean overlaps = kept.stream().anyMatch(k -> k.label().equals(o.label()) && k.box().iou(o.box()) > nmsIou);
      if (!overlaps && o.box().area() > 0) {
        kept.add(o);
      }
    }
    return kept;
  }

  /** Stretched to the square input, RGB 0..255 as float, NHWC. */
  private float[] toInput(Mat bgr) {
    Mat resized = new Mat();
    try {
      boolean shrinking = bgr.cols() > size || bgr.rows() > size;
      Imgproc.resize(bgr, resized, new Size(size, size), 0, 0, shrinking ? Imgproc.INTER_AREA : Imgproc.INTER_LINEAR);
      byte[] pixels = new byte[size * size * 3];
      resized.get(0, 0, pixels);
      float[] input = new float[pixels.length];
      for (int p = 0; p < pixels.length; p += 3) {
        input[p] = pixels[p + 2] & 0xff;
        input[p + 1] = pixels[p + 1] & 0xff;
        input[p + 2] = pixels[p] & 0xff;
      }
      return input;
    } finally {
      resized.release();
    }
  }
}
