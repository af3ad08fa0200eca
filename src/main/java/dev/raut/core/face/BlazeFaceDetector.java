package dev.raut.core.face;

import dev.raut.core.geometry.Box;
import dev.raut.core.geometry.Point;
import dev.raut.core.onnx.ModelLoadException;
import dev.raut.core.onnx.OnnxModel;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.opencv.core.Core;
import org.opencv.core.CvType;
import org.opencv.core.Mat;
import org.opencv.core.Rect;
import org.opencv.core.Size;
import org.opencv.imgproc.Imgproc;

/**
 * MediaPipe BlazeFace (front 128 or back 256) run with ONNX Runtime. The image is letterboxed to
 * the square input so faces keep their shape; boxes are decoded against the SSD anchors and merged
 * with weighted non-maximum suppression (blending overlapping boxes steadies them from frame to frame).
 */
public final class BlazeFaceDetector implements FaceDetector {
  private static final int KEYPOINTS = 6;
  private static final int REGRESSOR_WIDTH = 4 + 2 * KEYPOINTS;

  private final OnnxModel model;
  private final int size;
  private final double minScore;
  private final double mergeIou;
  private final double boxScale;
  /** Per anchor set: output index of scores, output index of regressors, anchors (x, y pairs in 0..1). */
  private final List<AnchorSet> anchorSets = new ArrayList<>();

  private record AnchorSet(int scoreOutput, int regressorOutput, float[] anchors) {
    int count() {
      return anchors.length / 2;
    }
  }

  /**
   * {@code boxScale} resizes each box about its centre, so that boxes of different BlazeFace
   * models describe the same extent of a face (1 keeps the model's own boxes).
   */
  public BlazeFaceDetector(OnnxModel model, double minScore, double mergeIou, double boxScale) {
    this.model = model;
    this.minScore = minScore;
    this.mergeIou = mergeIou;
    this.boxScale = boxScale;
    long[] in = model.inputShape();
    if (in.length != 4 || in[3] != 3 || in[1] != in[2]) {
      throw new ModelLoadException(model.name() + " is not a BlazeFace model: input shape must be [1,S,S,3]");
    }
    this.size = (int) in[1];
    findAnchorSets();
  }

  /** Scores ([1,n,1]) and regressors ([1,n,16]) come in pairs; 2 anchors per cell on the fine grid, 6 on the coarse. */
  private void findAnchorSets() {
    List<Integer> scores = new ArrayList<>();
    List<Integer> regressors = new ArrayList<>();
    for (int i = 0; i < model.outputNames().size(); i++) {
      long[] s = model.outputShape(i);
      (s[s.length - 1] == 1 ? scores : regressors).add(i);
    }
    if (scores.size() != 2 || regressors.size() != 2) {
      throw new ModelLoadException(model.name() + " is not a BlazeFace model: expected two score and two box outputs");
    }
    int[] anchorsPerCell = {2, 6};
    for (int k = 0; k < 2; k++) {
      int n = (int) model.outputShape(scores.get(k))[1];
      int perCell = anchorsPerCell[k];
      int cells = (int) Math.round(Math.sqrt(n / (double) perCell));
      if (cells * cells * perCell != n || model.outputShape(regressors.get(k))[2] != REGRESSOR_WIDTH) {
        throw new ModelLoadException(model.name() + ": output of " + n + " anchors does not match a BlazeFace grid");
      }
      float[] anchors = new float[n * 2];
      int a = 0;
      for (int y = 0; y < cells; y++) {
        for (int x = 0; x < cells; x++) {
          for (int r = 0; r < perCell; r++) {
            anchors[a++] = (x + 0.5f) / cells;
            anchors[a++] = (y + 0.5f) / cells;
          }
        }
      }
      anchorSets.add(new AnchorSet(scores.get(k), regressors.get(k), anchors));
    }
  }

  public int inputSize() {
    return size;
  }

  @Override
  public List<DetectedFace> detect(Mat bgr) {
    double scale = (double) size / Math.max(bgr.cols(), bgr.rows());
    int rw = Math.max(1, (int) Math.round(bgr.cols() * scale));
    int rh = Math.max(1, (int) Math.round(bgr.rows() * scale));
    int padX = (size - rw) / 2;
    int padY = (size - rh) / 2;
    float[] input = toInput(bgr, rw, rh, padX, padY);
    float[][] out = model.run(input, new long[] {1, size, size, 3});

    List<DetectedFace> candidates = new ArrayList<>();
    double minLogit = Math.log(minScore / (1 - minScore));
    for (AnchorSet set : anchorSets) {
      float[] scores = out[set.scoreOutput()];
      float[] reg = out[set.regressorOutput()];
      for (int i = 0; i < set.count(); i++) {
        if (scores[i] < minLogit) {
          continue;
        }
        double score = 1 / (1 + Math.exp(-Math.max(-100, Math.min(100, scores[i]))));
        double ax = set.anchors()[2 * i] * size;
        double ay = set.anchors()[2 * i + 1] * size;
        int o = i * REGRESSOR_WIDTH;
        double cx = ax + reg[o];
        double cy = ay + reg[o + 1];
        double w = reg[o + 2] * boxScale;
        double h = reg[o + 3] * boxScale;
        Box box = new Box((cx - w / 2 - padX) / scale, (cy - h / 2 - padY) / scale, w / scale, h / scale);
        List<Point> keypoints = new ArrayList<>(KEYPOINTS);
        for (int k = 0; k < KEYPOINTS; k++) {
          keypoints.add(new Point((ax + reg[o + 4 + 2 * k] - padX) / scale, (ay + reg[o + 5 + 2 * k] - padY) / scale));
        }
        candidates.add(new DetectedFace(box, score, keypoints));
      }
    }
    return WeightedNonMaxSuppression.merge(candidates, mergeIou);
  }

  /** Letterboxes into the square input, RGB scaled to [-1, 1], NHWC. Padding is black (-1). */
  private float[] toInput(Mat bgr, int rw, int rh, int padX, int padY) {
    Mat canvas = Mat.zeros(size, size, CvType.CV_8UC3);
    Mat resized = new Mat();
    try {
      Imgproc.resize(bgr, resized, new Size(rw, rh), 0, 0, Imgproc.INTER_AREA);
      Mat roi = canvas.submat(new Rect(padX, padY, rw, rh));
      resized.copyTo(roi);
      roi.release();
      byte[] pixels = new byte[size * size * 3];
      canvas.get(0, 0, pixels);
      float[] input = new float[pixels.length];
      for (int p = 0; p < pixels.length; p += 3) {
        input[p] = (pixels[p + 2] & 0xff) / 127.5f - 1f;
        input[p + 1] = (pixels[p + 1] & 0xff) / 127.5f - 1f;
        input[p + 2] = (pixels[p] & 0xff) / 127.5f - 1f;
      }
      return input;
    } finally {
      canvas.release();
      resized.release();
    }
  }
}
