package dev.raut.core.emotion;

import dev.raut.core.face.DetectedFace;
import dev.raut.core.onnx.ModelLoadException;
import dev.raut.core.onnx.OnnxModel;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.opencv.core.Core;
import org.opencv.core.CvType;
import org.opencv.core.Mat;

/**
 * mini-Xception (FER2013): 64x64 grey face crops scaled to [-1, 1], seven softmax probabilities.
 * All views of all faces of an image go through the network in one batch (FAST's second look in a second one).
 */
public final class EmotionClassifier {
  private static final int SIDE = 64;
  private static final int PIXELS = SIDE * SIDE;
  /**
   * FAST reads the mirrored crop only below this top probability: the same accuracy as reading
   * every face twice on the dev photos (48.56%) and 0.1 point less on FER2013's crops (65.76% against
   * 65.87%), with 26% and 17% of the faces read twice (docs/bench/emotion-gate.txt). A bar of 0.6
   * gives exactly the same accuracy on both sets with 40% and 28% read twice, so the cheaper one.
   */
  static final double MIRROR_BELOW = 0.5;

  private final OnnxModel model;
  private final List<String> labels;

  public EmotionClassifier(OnnxModel model, List<String> labels) {
    long[] shape = model.inputShape();
    if (shape.length != 4 || shape[1] != SIDE || shape[2] != SIDE || shape[3] != 1) {
      throw new ModelLoadException(model.name() + " is not the emotion model: input must be [N,64,64,1]");
    }
    this.model = model;
    this.labels = List.copyOf(labels);
  }

  public List<String> labels() {
    return labels;
  }

  /** One prediction per face, in the order of {@code faces}. */
  public List<EmotionPrediction> classify(Mat bgr, List<DetectedFace> faces, FaceCrop crop, EmotionViews views) {
    if (faces.isEmpty()) {
      return List.of();
    }
    if (views.mirroredWhereUnsure()) {
      return SecondLook.whereUnsure(faces, MIRROR_BELOW, (some, look) -> read(bgr, some, crop, look));
    }
    return read(bgr, faces, crop, views.shifts(), views.looks());
  }

  /** Each face's centred crop, read with {@code look}, in one batch. */
  List<EmotionPrediction> read(Mat bgr, List<DetectedFace> faces, FaceCrop crop, FaceLooks look) {
    return read(bgr, faces, crop, EmotionViews.SINGLE.shifts(), look);
  }

  /** Every look at every shifted crop of every face in one batch; each face's looks averaged. */
  private List<EmotionPrediction> read(Mat bgr, List<DetectedFace> faces, FaceCrop crop, List<double[]> shifts,
      FaceLooks looks) {
    int perFace = shifts.size() * looks.perCrop();
    int n = faces.size() * perFace;
    ByteBuffer input = model.inputBuffer(n * PIXELS);
    // every view a 64-row band of one float Mat over the model's input: OpenCV writes the tensor in place
    Mat batch = new Mat(n * SIDE, SIDE, CvType.CV_32F, input);
    Mat grey = new Mat();
    try {
      int slot = 0;
      for (DetectedFace face : faces) {
        for (double[] shift : shifts) {
          crop.cropGrey(bgr, face, SIDE, shift[0], shift[1], grey);
          Mat view = batch.rowRange(slot * SIDE, (slot + 1) * SIDE);
          grey.convertTo(view, CvType.CV_32F, 1 / 127.5, -1);
          slot++;
          if (looks == FaceLooks.MIRRORED) {
            Core.flip(view, view, 1);
          } else if (looks == FaceLooks.BOTH) {
            Mat mirror = batch.rowRange(slot * SIDE, (slot + 1) * SIDE);
            Core.flip(view, mirror, 1);
            mirror.release();
            slot++;
          }
          view.release();
        }
      }
    } finally {
      grey.release();
      batch.release();
    }
    float[] out = model.run(input, new long[] {n, SIDE, SIDE, 1})[0];
    int classes = labels.size();
    if (out.length != n * classes) {
      throw new ModelLoadException(model.name() + " returned " + out.length / n + " classes, the card lists " + classes);
    }
    List<EmotionPrediction> predictions = new ArrayList<>(faces.size());
    for (int f = 0; f < faces.size(); f++) {
      double[] p = new double[classes];
      for (int v = 0; v < perFace; v++) {
        for (int c = 0; c < classes; c++) {
          p[c] += out[(f * perFace + v) * classes + c] / perFace;
        }
      }
      predictions.add(toPrediction(p));
    }
    return predictions;
  }

  private EmotionPrediction toPrediction(double[] p) {
    int best = 0;
    Map<String, Double> scores = new LinkedHashMap<>();
    for (int c = 0; c < p.length; c++) {
      scores.put(labels.get(c), p[c]);
      if (p[c] > p[best]) {
        best = c;
      }
    }
    return new EmotionPrediction(labels.get(best), p[best], scores);
  }
}
