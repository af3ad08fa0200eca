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

  /** One prediction per face, in the order of {@code faces}; FAST and THOROUGH also read the mirrored crop. */
  public List<EmotionPrediction> classify(Mat bgr, List<DetectedFace> faces, FaceCrop crop, EmotionViews views) {
    if (faces.isEmpty()) {
      return List.of();
    }
    int perFace = views.mirrored() ? 2 : 1;
    int n = faces.size() * perFace;
    ByteBuffer input = model.inputBuffer(n * SIDE * SIDE * 3);
    FaceImages.rgbBatch(bgr, faces, crop, SIDE, views.mirrored(), input);
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
