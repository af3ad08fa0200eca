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
    float[] w1 = new float[d * h];
    float[] b1 = new float[h];
    float[] w2 = new float[h * classes];
    float[] b2 = new float[classes];
    double scale1 = Math.sqrt(2.0 / d);
    double scale2 = Math.sqrt(1.0 / h);
    for (int i = 0; i < w1.length; i++) {
      w1[i] = (float) (random.nextGaussian() * scale1);
    }
    for (int i = 0; i < w2.length; i++) {
      w2[i] = (float) (random.nextGaussian() * scale2);
    }
    float[][] params = {w1, b1, w2, b2};
    float[][] m = {new float[w1.length], new float[h], new float[w2.length], new float[classes]};
    float[][] v = {new float[w1.length], new float[h], new float[w2.length], new float[classes]};
    boolean validate = validationX.length > 0;
    List<Epoch> history = new ArrayList<>();
    List<Dense> best = null;
    double bestLoss = Double.POSITIVE_INFINITY;
    int sinceBest = 0;
    int[] order = IntStream.range(0, x.length).toArray();
    long step = 0;
    for (int epoch = 1; epoch <= settings.maxEpochs(); epoch++) {
      shuffle(order, random);
      double[] running = new double[2];
      for (int start = 0; start < order.length; start += settings.batchSize()) {
        if (cancelled.getAsBoolean()) {
          throw new TeachCancelledException();
        }
        int end = Math.min(order.length, start + settings.batchSize());
        float[][] grads = gradients(x, y, classWeights, order, start, end, params, d, h, classes, running);
        step++;
        adam(params, grads, m, v, step, settings.learningRate(), settings.l2());
      }
      List<Dense> current = toDense(params, d, h, classes);
      MlpHead snapshot = new MlpHead(current, List.of());
      // training figures as Keras reports them: averaged over the epoch's batches, as they were seen
      double trainLoss = running[0] / x.length;
      double trainAccuracy = running[1] / x.length;
      double[] validation = validate ? HeadTraining.lossAndAccuracy(snapshot, validationX, validationY)
          : new double[] {trainLoss, Double.NaN};
      double valLoss = validation[0];
      double valAccuracy = validation[1];
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

  /**
   * Mean (class-weighted) cross-entropy gradients of one mini-batch, rows in parallel; adds the
   * batch's unweighted loss and correct count to {@code running}.
   */
  private static float[][] gradients(float[][] x, int[] y, double[] classWeights, int[] order, int start, int end,
      float[][] p, int d, int h, int k, double[] running) {
    float[] w1 = p[0];
    float[] b1 = p[1];
    float[] w2 = p[2];
    float[] b2 = p[3];
    int n = end - start;
    float[][][] partial = new float[n][][];
    double[] weightOf = new double[n];
    double[] lossOf = new double[n];
    boolean[] rightOf = new boolean[n];
    IntStream.range(0, n).parallel().forEach(r -> {
      int i = order[start + r];
      float[] row = x[i];
      float[] hidden = b1.clone();
      for (int j = 0; j < d; j++) {
        float xv = row[j];
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
      double[] z = new double[k];
      for (int c = 0; c < k; c++) {
        z[c] = b2[c];
      }
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
      int best = 0;
      for (int c = 1; c < k; c++) {
        if (z[c] > z[best]) {
          best = c;
        }
      }
      rightOf[r] = best == y[i];
      lossOf[r] = -Math.log(Math.max(z[y[i]], 1e-300));
      double w = classWeights[y[i]];
      z[y[i]] -= 1;
      float[] zf = new float[k];
      for (int c = 0; c < k; c++) {
        zf[c] = (float) (z[c] * w);
      }
      float[] gw2 = new float[h * k];
      float[] dh = new float[h];
      for (int u = 0; u < h; u++) {
        float hv = hidden[u];
        int base = u * k;
        float back = 0;
        for (int c = 0; c < k; c++) {
          gw2[base + c] = hv * zf[c];
          back += w2[base + c] * zf[c];
        }
        dh[u] = hv > 0 ? back : 0;
      }
      partial[r] = new float[][] {dh, gw2, zf};
      weightOf[r] = w;
    });
    for (int r = 0; r < n; r++) {
      running[0] += lossOf[r];
      running[1] += rightOf[r] ? 1 : 0;
    }
    double total = 0;
    for (double w : weightOf) {
      total += w;
    }
    float[] gw1 = new float[d * h];
    float[] gb1 = new float[h];
    float[] gw2 = new float[h * k];
    float[] gb2 = new float[k];
    for (int r = 0; r < n; r++) {
      float[] row = x[order[start + r]];
      float[] dh = partial[r][0];
      for (int j = 0; j < d; j++) {
        float xv = row[j];
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
      float[] g2 = partial[r][1];
      for (int i = 0; i < g2.length; i++) {
        gw2[i] += g2[i];
      }
      float[] z = partial[r][2];
      for (int c = 0; c < k; c++) {
        gb2[c] += z[c];
      }
    }
    float[][] grads = {gw1, gb1, gw2, gb2};
    float inv = (float) (1 / total);
    for (float[] g : grads) {
      for (int i = 0; i < g.length; i++) {
        g[i] *= inv;
      }
    }
    return grads;
  }

  private static void adam(float[][] params, float[][] grads, float[][] m, float[][] v, long step, double lr,
      double l2) {
    float beta1 = 0.9f;
    float beta2 = 0.999f;
    float c1 = (float) (1 - Math.pow(beta1, step));
    float c2 = (float) (1 - Math.pow(beta2, step));
    float rate = (float) lr;
    float decay = (float) l2;
    for (int t = 0; t < params.length; t++) {
      float[] p = params[t];
      float[] g = grads[t];
      float[] mt = m[t];
      float[] vt = v[t];
      float wd = t == 0 || t == 2 ? decay : 0f;
      for (int i = 0; i < p.length; i++) {
        float gi = g[i] + wd * p[i];
        mt[i] = beta1 * mt[i] + (1 - beta1) * gi;
        vt[i] = beta2 * vt[i] + (1 - beta2) * gi * gi;
        p[i] -= rate * (mt[i] / c1) / ((float) Math.sqrt(vt[i] / c2) + 1e-8f);
      }
    }
  }

  private static List<Dense> toDense(float[][] p, int d, int h, int k) {
    float[][] w1 = new float[d][h];
    for (int j = 0; j < d; j++) {
      System.arraycopy(p[0], j * h, w1[j], 0, h);
    }
    float[][] w2 = new float[h][k];
    for (int u = 0; u < h; u++) {
      System.arraycopy(p[2], u * k, w2[u], 0, k);
    }
    return List.of(new Dense(w1, p[1].clone()), new Dense(w2, p[3].clone()));
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
