package dev.raut.core.teach;

import java.util.List;

/**
 * A trained classifier head on standardised embeddings: one or two dense layers ending in a
 * softmax. {@link #layers()} is what the ONNX export writes; {@link #probabilities} runs it in Java
 * with the same arithmetic.
 */
public interface Head {
  /** One dense layer: {@code out = in · weights + bias} (weights [in][out]), then ReLU unless it is the last. */
  record Dense(float[][] weights, float[] bias) {
    public int inputs() {
      return weights.length;
    }

    public int outputs() {
      return bias.length;
    }
  }

  /** "logreg" or "mlp". */
  String kind();

  List<Dense> layers();

  /** The loss and accuracy after each epoch (or optimiser iteration), for the curves. */
  List<Epoch> history();

  record Epoch(int index, double trainLoss, double trainAccuracy, double validationLoss, double validationAccuracy) {}

  default double[] probabilities(float[] standardized) {
    double[] x = new double[standardized.length];
    for (int i = 0; i < x.length; i++) {
      x[i] = standardized[i];
    }
    List<Dense> layers = layers();
    for (int l = 0; l < layers.size(); l++) {
      Dense d = layers.get(l);
      double[] z = new double[d.outputs()];
      for (int o = 0; o < z.length; o++) {
        z[o] = d.bias()[o];
      }
      for (int i = 0; i < d.inputs(); i++) {
        double xi = x[i];
        if (xi == 0) {
          continue;
        }
        float[] row = d.weights()[i];
        for (int o = 0; o < z.length; o++) {
          z[o] += xi * row[o];
        }
      }
      if (l < layers.size() - 1) {
        for (int o = 0; o < z.length; o++) {
          z[o] = Math.max(0, z[o]);
        }
      }
      x = z;
    }
    Features.softmaxInPlace(x);
    return x;
  }

  default int predict(float[] standardized) {
    double[] p = probabilities(standardized);
    int best = 0;
    for (int i = 1; i < p.length; i++) {
      if (p[i] > p[best]) {
        best = i;
      }
    }
    return best;
  }
}
