package dev.raut.core.teach;

/**
 * A matrix of embeddings, one row per photo, with the per-column standardisation a head is trained
 * on. Rows are L2-normalised by the embedder; standardising here gives every feature the same scale
 * so one L2 penalty fits all backbones. The mean and scale go into the exported ONNX graph.
 */
public final class Features {
  private Features() {}

  /** Per-column mean and 1/std of {@code x}; columns with no spread get scale 1. */
  public record Standardization(float[] mean, float[] invStd) {
    public static Standardization of(float[][] x) {
      int d = x[0].length;
      double[] sum = new double[d];
      double[] sq = new double[d];
      for (float[] row : x) {
        for (int j = 0; j < d; j++) {
          sum[j] += row[j];
          sq[j] += (double) row[j] * row[j];
        }
      }
      float[] mean = new float[d];
      float[] inv = new float[d];
      for (int j = 0; j < d; j++) {
        double m = sum[j] / x.length;
        double var = Math.max(sq[j] / x.length - m * m, 0);
        mean[j] = (float) m;
        inv[j] = var > 1e-12 ? (float) (1 / Math.sqrt(var)) : 1f;
      }
      return new Standardization(mean, inv);
    }

    public float[][] apply(float[][] x) {
      float[][] out = new float[x.length][];
      for (int i = 0; i < x.length; i++) {
        out[i] = apply(x[i]);
      }
      return out;
    }

    public float[] apply(float[] row) {
      float[] out = new float[row.length];
      for (int j = 0; j < row.length; j++) {
        out[j] = (row[j] - mean[j]) * invStd[j];
      }
      return out;
    }
  }

  /** Scales a row to unit length in place (a zero row stays zero). */
  public static float[] l2Normalize(float[] row) {
    double s = 0;
    for (float v : row) {
      s += (double) v * v;
    }
    if (s > 0) {
      float inv = (float) (1 / Math.sqrt(s));
      for (int i = 0; i < row.length; i++) {
        row[i] *= inv;
      }
    }
    return row;
  }

  /** Class weights n / (k * n_c), so a rare class counts as much as a common one. */
  public static double[] balancedClassWeights(int[] y, int classes) {
    int[] counts = new int[classes];
    for (int label : y) {
      counts[label]++;
    }
    double[] w = new double[classes];
    for (int c = 0; c < classes; c++) {
      w[c] = counts[c] == 0 ? 0 : (double) y.length / (classes * counts[c]);
    }
    return w;
  }

  static void softmaxInPlace(double[] z) {
    double max = Double.NEGATIVE_INFINITY;
    for (double v : z) {
      max = Math.max(max, v);
    }
    double sum = 0;
    for (int i = 0; i < z.length; i++) {
      z[i] = Math.exp(z[i] - max);
      sum += z[i];
    }
    for (int i = 0; i < z.length; i++) {
      z[i] /= sum;
    }
  }
}
