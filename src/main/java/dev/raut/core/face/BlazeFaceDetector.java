package dev.raut.core.face;

import dev.raut.core.geometry.Box;
import dev.raut.core.geometry.Point;
import dev.raut.core.onnx.ModelLoadException;
import dev.raut.core.onnx.OnnxModel;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.opencv.core.CvType;
import org.opencv.core.Mat;
import org.opencv.core.Rect;
import org.opencv.core.Scalar;
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
    return detectWithBorder(bgr, 0);
  }

  /**
   * As if the image had a black border of {@code border} pixels, without making that copy: the
   * border is letterbox padding like any other, so only the image itself is resized into the input.
   */
  @Override
  public List<DetectedFace> detectWithBorder(Mat bgr, int border) {
    int paddedWidth = bgr.cols() + 2 * border;
    int paddedHeight = bgr.rows() + 2 * border;
    double scale = (double) size / Math.max(paddedWidth, paddedHeight);
    // where the bordered image's letterbox puts the image's own top-left corner, in input pixels
    double left = (size - Math.max(1, (int) Math.round(paddedWidth * scale))) / 2 + border * scale;
    double top = (size - Math.max(1, (int) Math.round(paddedHeight * scale))) / 2 + border * scale;
    ByteBuffer input = model.inputBuffer(size * size * 3);
    fillInput(bgr, scale, (int) Math.round(left), (int) Math.round(top), input);
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
        Box box = new Box((cx - w / 2 - left) / scale, (cy - h / 2 - top) / scale, w / scale, h / scale);
        List<Point> keypoints = new ArrayList<>(KEYPOINTS);
        for (int k = 0; k < KEYPOINTS; k++) {
          keypoints.add(new Point((ax + reg[o + 4 + 2 * k] - left) / scale, (ay + reg[o + 5 + 2 * k] - top) / scale));
        }
        candidates.add(new DetectedFace(box, score, keypoints));
      }
    }
    return WeightedNonMaxSuppression.merge(candidates, mergeIou);
  }

  /**
   * Letterboxes into the square input, RGB scaled to [-1, 1], NHWC, padding black (-1), written by
   * OpenCV straight into the model's input buffer (no pixel loop, no copy of the tensor). Only the
   * padding around the image is filled, not the whole input first: that fill cost as much as the
   * rest of the preparation.
   */
  private void fillInput(Mat bgr, double scale, int x, int y, ByteBuffer into) {
    int rw = Math.min(size - x, Math.max(1, (int) Math.round(bgr.cols() * scale)));
    int rh = Math.min(size - y, Math.max(1, (int) Math.round(bgr.rows() * scale)));
    Mat input = new Mat(size, size, CvType.CV_32FC3, into);
    Mat resized = new Mat();
    Mat roi = null;
    try {
      fillBlack(input, new Rect(0, 0, size, y));
      fillBlack(input, new Rect(0, y + rh, size, size - y - rh));
      fillBlack(input, new Rect(0, y, x, rh));
      fillBlack(input, new Rect(x + rw, y, size - x - rw, rh));
      Imgproc.resize(bgr, resized, new Size(rw, rh), 0, 0, Imgproc.INTER_AREA);
      Imgproc.cvtColor(resized, resized, Imgproc.COLOR_BGR2RGB);
      roi = input.submat(new Rect(x, y, rw, rh));
      resized.convertTo(roi, CvType.CV_32F, 1 / 127.5, -1);
    } finally {
      if (roi != null) {
        roi.release();
      }
      resized.release();
      input.release();
    }
  }

  private static void fillBlack(Mat input, Rect area) {
    if (area.width <= 0 || area.height <= 0) {
      return;
    }
    Mat strip = input.submat(area);
    try {
      strip.setTo(new Scalar(-1, -1, -1));
    } finally {
      strip.release();
    }
  }
}
