package dev.raut.core.teach;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.function.BooleanSupplier;
import java.util.stream.IntStream;

/**
 * One hidden ReLU layer and a softmax, trained with Adam on mini-batches, an L2 penalty and class
 * weights; stops when the validation loss has not improved for {@code patience} epochs and keeps
 * the best epoch's weights.
 */
public final class MlpHead implements Head {
  private final List<Dense> layers;
  private final List<Epoch> history;

  private MlpHead(List<Dense> layers, List<Epoch> history) {
    this.layers = List.copyOf(layers);
    this.history = List.copyOf(history);
  }

  @Override
  public String kind() {
    return "mlp";
  }

  @Override
  public List<Dense> layers() {
    return layers;
  }

  @Override
  public List<Epoch> history() {
    return history;
  }

  /** Settings; {@link #defaults()} are what Raut uses unless told otherwise. */
  public record Settings(int hidden, double l2, double learningRate, int batchSize, int maxEpochs, int patience) {
    public static Settings defaults() {
      return new Settings(256, 1e-3, 1e-3, 32, 200, 12);
    }
  }

  public static MlpHead train(float[][] x, int[] y, int classes, Settings settings, double[] classWeights,
      float[][] validationX, int[] validationY, long seed, BooleanSupplier cancelled) {
    return train(x, y, classes, settings, classWeights, validationX, validationY, seed, cancelled, e -> { });
  }

  /** As above; {@code onEpoch} sees each epoch's figures as they come (for live curves). */
  public static MlpHead train(float[][] x, int[] y, int classes, Settings settings, double[] classWeights,
      float[][] validationX, int[] validationY, long seed, BooleanSupplier cancelled,
      java.util.function.Consumer<Epoch> onEpoch) {
    int d = x[0].length;
    int h = settings.hidden();
    Random random = new Random(seed);
    double[] w1 = new double[d * h];
    double[] b1 = new double[h];
    double[] w2 = new double[h * classes];
    double[] b2 = new double[classes];
    double scale1 = Math.sqrt(2.0 / d);
    double scale2 = Math.sqrt(1.0 / h);
    for (int i = 0; i < w1.length; i++) {
      w1[i] = random.nextGaussian() * scale1;
    }
    for (int i = 0; i < w2.length; i++) {
      w2[i] = random.nextGaussian() * scale2;
    }
    double[][] params = {w1, b1, w2, b2};
    double[][] m = {new double[w1.length], new double[h], new double[w2.length], new double[classes]};
    double[][] v = {new double[w1.length], new double[h], new double[w2.length], new double[classes]};
    boolean validate = validationX.length > 0;
    List<Epoch> history = new ArrayList<>();
    List<Dense> best = null;
    double bestLoss = Double.POSITIVE_INFINITY;
    int sinceBest = 0;
    int[] order = IntStream.range(0, x.length).toArray();
    long step = 0;
    for (int epoch = 1; epoch <= settings.maxEpochs(); epoch++) {
      shuffle(order, random);
      for (int start = 0; start < order.length; start += settings.batchSize()) {
        if (cancelled.getAsBoolean()) {
          throw new TeachCancelledException();
        }
        int end = Math.min(order.length, start + settings.batchSize());
        double[][] grads = gradients(x, y, classWeights, order, start, end, params, d, h, classes);
        step++;
        adam(params, grads, m, v, step, settings.learningRate(), settings.l2());
      }
      List<Dense> current = toDense(params, d, h, classes);
      MlpHead snapshot = new MlpHead(current, List.of());
      double trainLoss = HeadTraining.loss(snapshot, x, y);
      double trainAccuracy = HeadTraining.accuracy(snapshot, x, y);
      double valLoss = validate ? HeadTraining.loss(snapshot, validationX, validationY) : trainLoss;
      double valAccuracy = validate ? HeadTraining.accuracy(snapshot, validationX, validationY) : Double.NaN;
      Epoch figures = new Epoch(epoch, trainLoss, trainAccuracy, validate ? valLoss : Double.NaN, valAccuracy);
      history.add(figures);
      onEpoch.accept(figures);
      if (valLoss < bestLoss - 1e-6) {
        bestLoss = valLoss;
        best = current;
        sinceBest = 0;
      } else if (++sinceBest >= settings.patience()) {
        break;
      }
    }
    return new MlpHead(best, history);
  }

  /** Mean (class-weighted) cross-entropy gradients of one mini-batch, rows in parallel. */
  private static double[][] gradients(float[][] x, int[] y, double[] classWeights, int[] order, int start, int end,
      double[][] p, int d, int h, int k) {
    double[] w1 = p[0];
    double[] b1 = p[1];
    double[] w2 = p[2];
    double[] b2 = p[3];
    int n = end - start;
    double[][][] partial = new double[n][][];
    double[] weightOf = new double[n];
    IntStream.range(0, n).parallel().forEach(r -> {
      int i = order[start + r];
      float[] row = x[i];
      double[] hidden = b1.clone();
      for (int j = 0; j < d; j++) {
        double xv = row[j];
        if (xv == 0) {
          continue;
        }
        int base = j * h;
        for (int u = 0; u < h; u++) {
          hidden[u] += xv * w1[base + u];
        }
      }
      for (int u = 0; u < h; u++) {
        hidden[u] = Math.max(0, hidden[u]);
      }
      double[] z = b2.clone();
      for (int u = 0; u < h; u++) {
        double hv = hidden[u];
        if (hv == 0) {
          continue;
        }
        int base = u * k;
        for (int c = 0; c < k; c++) {
          z[c] += hv * w2[base + c];
        }
      }
      Features.softmaxInPlace(z);
      double w = classWeights[y[i]];
      z[y[i]] -= 1;
      for (int c = 0; c < k; c++) {
        z[c] *= w;
      }
      double[] gw2 = new double[h * k];
      double[] dh = new double[h];
      for (int u = 0; u < h; u++) {
        double hv = hidden[u];
        int base = u * k;
        double back = 0;
        for (int c = 0; c < k; c++) {
          gw2[base + c] = hv * z[c];
          back += w2[base + c] * z[c];
        }
        dh[u] = hv > 0 ? back : 0;
      }
      partial[r] = new double[][] {dh, gw2, z};
      weightOf[r] = w;
    });
    double total = 0;
    for (double w : weightOf) {
      total += w;
    }
    double[] gw1 = new double[d * h];
    double[] gb1 = new double[h];
    double[] gw2 = new double[h * k];
    double[] gb2 = new double[k];
    for (int r = 0; r < n; r++) {
      float[] row = x[order[start + r]];
      double[] dh = partial[r][0];
      for (int j = 0; j < d; j++) {
        double xv = row[j];
        if (xv == 0) {
          continue;
        }
        int base = j * h;
        for (int u = 0; u < h; u++) {
          gw1[base + u] += xv * dh[u];
        }
      }
      for (int u = 0; u < h; u++) {
        gb1[u] += dh[u];
      }
      double[] g2 = partial[r][1];
      for (int i = 0; i < g2.length; i++) {
        gw2[i] += g2[i];
      }
      double[] z = partial[r][2];
      for (int c = 0; c < k; c++) {
        gb2[c] += z[c];
      }
    }
    double[][] grads = {gw1, gb1, gw2, gb2};
    for (double[] g : grads) {
      for (int i = 0; i < g.length; i++) {
        g[i] /= total;
      }
    }
    return grads;
  }

  private static void adam(double[][] params, double[][] grads, double[][] m, double[][] v, long step, double lr,
      double l2) {
    double beta1 = 0.9;
    double beta2 = 0.999;
    double c1 = 1 - Math.pow(beta1, step);
    double c2 = 1 - Math.pow(beta2, step);
    for (int t = 0; t < params.length; t++) {
      double[] p = params[t];
      double[] g = grads[t];
      boolean weights = t == 0 || t == 2;
      for (int i = 0; i < p.length; i++) {
        double gi = g[i] + (weights ? l2 * p[i] : 0);
        m[t][i] = beta1 * m[t][i] + (1 - beta1) * gi;
        v[t][i] = beta2 * v[t][i] + (1 - beta2) * gi * gi;
        p[i] -= lr * (m[t][i] / c1) / (Math.sqrt(v[t][i] / c2) + 1e-8);
      }
    }
  }

  private static List<Dense> toDense(double[][] p, int d, int h, int k) {
    float[][] w1 = new float[d][h];
    for (int j = 0; j < d; j++) {
      for (int u = 0; u < h; u++) {
        w1[j][u] = (float) p[0][j * h + u];
      }
    }
    float[][] w2 = new float[h][k];
    for (int u = 0; u < h; u++) {
      for (int c = 0; c < k; c++) {
        w2[u][c] = (float) p[2][u * k + c];
      }
    }
    return List.of(new Dense(w1, toFloat(p[1])), new Dense(w2, toFloat(p[3])));
  }

  private static float[] toFloat(double[] a) {
    float[] f = new float[a.length];
    for (int i = 0; i < a.length; i++) {
      f[i] = (float) a[i];
    }
    return f;
  }

  private static void shuffle(int[] a, Random random) {
    for (int i = a.length - 1; i > 0; i--) {
      int j = random.nextInt(i + 1);
      int t = a[i];
      a[i] = a[j];
      a[j] = t;
    }
  }
}
