package dev.raut.core.emotion;

import dev.raut.core.face.DetectedFace;
import dev.raut.core.onnx.ModelLoadException;
import dev.raut.core.onnx.OnnxModel;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.opencv.core.Mat;

/**
 * mini-Xception (FER2013): 64x64 grey face crops scaled to [-1, 1], seven softmax probabilities.
 * All faces of an image go through the network in one batch. Each face is also read mirrored and
 * the two predictions averaged: expressions are left-right symmetric and this steadies the answer.
 */
public final class EmotionClassifier {
  private static final int SIDE = 64;

  private final OnnxModel model;
  private final List<String> labels;
  private final FaceCrop crop;
  private final boolean mirrorAverage;

  public EmotionClassifier(OnnxModel model, List<String> labels, FaceCrop crop, boolean mirrorAverage) {
    long[] shape = model.inputShape();
    if (shape.length != 4 || shape[1] != SIDE || shape[2] != SIDE || shape[3] != 1) {
      throw new ModelLoadException(model.name() + " is not the emotion model: input must be [N,64,64,1]");
    }
    this.model = model;
    this.labels = List.copyOf(labels);
    this.crop = crop;
    this.mirrorAverage = mirrorAverage;
  }

  public List<String> labels() {
    return labels;
  }

  /** The network, shared by classifiers that differ only in how they read a face. */
  public OnnxModel model() {
    return model;
  }

  /** One prediction per face, in the order of {@code faces}. */
  public List<EmotionPrediction> classify(Mat bgr, List<DetectedFace> faces) {
    if (faces.isEmpty()) {
      return List.of();
    }
    int views = mirrorAverage ? 2 : 1;
    int n = faces.size() * views;
    float[] input = new float[n * SIDE * SIDE];
    byte[] pixels = new byte[SIDE * SIDE];
    Mat grey = new Mat();
    try {
      for (int f = 0; f < faces.size(); f++) {
        crop.cropGrey(bgr, faces.get(f), SIDE, grey);
        grey.get(0, 0, pixels);
        int base = f * views * SIDE * SIDE;
        for (int i = 0; i < pixels.length; i++) {
          input[base + i] = (pixels[i] & 0xff) / 127.5f - 1f;
        }
        if (mirrorAverage) {
          int mirror = base + SIDE * SIDE;
          for (int y = 0; y < SIDE; y++) {
            for (int x = 0; x < SIDE; x++) {
              input[mirror + y * SIDE + x] = input[base + y * SIDE + (SIDE - 1 - x)];
            }
          }
        }
      }
    } finally {
      grey.release();
    }
    float[] out = model.run(input, new long[] {n, SIDE, SIDE, 1})[0];
    int classes = labels.size();
    if (out.length != n * classes) {
      throw new ModelLoadException(model.name() + " returned " + out.length / n + " classes, the card lists " + classes);
    }
    List<EmotionPrediction> predictions = new ArrayList<>(faces.size());
    for (int f = 0; f < faces.size(); f++) {
      double[] p = new double[classes];
      for (int v = 0; v < views; v++) {
        for (int c = 0; c < classes; c++) {
          p[c] += out[(f * views + v) * classes + c] / views;
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
