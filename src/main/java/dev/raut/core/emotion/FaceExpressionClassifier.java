package dev.raut.core.emotion;

import dev.raut.core.face.DetectedFace;
import dev.raut.core.onnx.ModelLoadException;
import dev.raut.core.onnx.OnnxModel;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.opencv.core.Mat;

/**
 * face-api's FaceExpressionNet: a 112x112 colour crop, seven probabilities, answered in
 * mini-Xception's label names and order so every built-in emotion model reads the same way.
 */
public final class FaceExpressionClassifier {
  public static final int SIDE = 112;
  /**
   * FAST reads the mirrored crop only below this top probability. FaceExpressionNet is surer of
   * itself than mini-Xception, so its bar is higher: at 0.95 a third of FER2013's crops and 41% of
   * the dev photos are read twice, within 0.3 points of reading all twice on both (62.14% against
   * 61.88%, 59.21% against 59.46%; docs/bench/emotion-gate.txt).
   */
  static final double MIRROR_BELOW = 0.95;
  /** face-api's label names → the FER2013 names mini-Xception uses. */
  private static final Map<String, String> FER_NAMES = Map.of("neutral", "neutral", "happy", "happy", "sad", "sad",
      "angry", "angry", "fearful", "fear", "disgusted", "disgust", "surprised", "surprise");

  private final OnnxModel model;
  private final List<String> modelLabels;
  private final List<String> labels;

  /** {@code modelLabels}: the card's (face-api's) order; {@code labels}: the order to answer in (FER names). */
  public FaceExpressionClassifier(OnnxModel model, List<String> modelLabels, List<String> labels) {
    long[] shape = model.inputShape();
    if (shape.length != 4 || shape[1] != SIDE || shape[2] != SIDE || shape[3] != 3) {
      throw new ModelLoadException(model.name() + " is not FaceExpressionNet: input must be [N,112,112,3]");
    }
    if (!modelLabels.stream().map(FER_NAMES::get).toList().containsAll(labels) || modelLabels.size() != labels.size()) {
      throw new ModelLoadException(model.name() + "'s labels " + modelLabels + " do not map onto " + labels);
    }
    this.model = model;
    this.modelLabels = List.copyOf(modelLabels);
    this.labels = List.copyOf(labels);
  }

  /**
   * One prediction per face, in the order of {@code faces}; THOROUGH also reads the mirrored crop,
   * FAST where the first look is unsure (it reads the centred crop only, unshifted, like SINGLE).
   */
  public List<EmotionPrediction> classify(Mat bgr, List<DetectedFace> faces, FaceCrop crop, EmotionViews views) {
    if (faces.isEmpty()) {
      return List.of();
    }
    if (views.mirroredWhereUnsure()) {
      return SecondLook.whereUnsure(faces, MIRROR_BELOW, (some, look) -> read(bgr, some, crop, look));
    }
    return read(bgr, faces, crop, views.looks());
  }

  /** Each face's crop, read with {@code looks}, in one batch. */
  List<EmotionPrediction> read(Mat bgr, List<DetectedFace> faces, FaceCrop crop, FaceLooks looks) {
    int perFace = looks.perCrop();
    int n = faces.size() * perFace;
    ByteBuffer input = model.inputBuffer(n * SIDE * SIDE * 3);
    FaceImages.rgbBatch(bgr, faces, crop, SIDE, looks, input);
    float[] out = model.run(input, new long[] {n, SIDE, SIDE, 3})[0];
    int classes = modelLabels.size();
    List<EmotionPrediction> predictions = new ArrayList<>(faces.size());
    for (int f = 0; f < faces.size(); f++) {
      Map<String, Double> byName = new LinkedHashMap<>();
      for (int c = 0; c < classes; c++) {
        double p = 0;
        for (int v = 0; v < perFace; v++) {
          p += out[(f * perFace + v) * classes + c] / perFace;
        }
        byName.put(FER_NAMES.get(modelLabels.get(c)), p);
      }
      predictions.add(EmotionPrediction.of(labels, byName));
    }
    return predictions;
  }
}
