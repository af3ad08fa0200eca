package dev.raut.core.teach;

import java.util.ArrayList;
import java.util.List;
import java.util.function.BooleanSupplier;
import java.util.stream.IntStream;

/**
 * Multinomial logistic regression with an L2 penalty, fitted by L-BFGS on the whole training set
 * (a convex problem: the same data and penalty always give the same model). Class weights make a
 * rare class count as much as a common one.
 */
public final class SoftmaxRegression implements Head {
  private static final int MEMORY = 10;
  private static final int CHUNK = 64;

  private final Dense layer;
  private final List<Epoch> history;

  private SoftmaxRegression(Dense layer, List<Epoch> history) {
    this.layer = layer;
    this.history = List.copyOf(history);
  }

  @Override
  public String kind() {
    return "logreg";
  }

  @Override
  public List<Dense> layers() {
    return List.of(layer);
  }

  @Override
  public List<Epoch> history() {
    return history;
  }

  /**
   * @param x standardised embeddings, one row per photo
   * @param l2 the penalty on the weights (not the biases)
   * @param validationX rows to report validation loss/accuracy on each iteration (may be empty)
   */
  public static SoftmaxRegression train(float[][] x, int[] y, int classes, double l2, double[] classWeights,
      float[][] validationX, int[] validationY, int maxIterations, BooleanSupplier cancelled) {
    return train(x, y, classes, l2, classWeights, validationX, validationY, maxIterations, cancelled, e -> { });
  }

  /** As above; {@code onIteration} sees each iteration's figures as they come (for live curves). */
  public static SoftmaxRegression train(float[][] x, int[] y, int classes, double l2, double[] classWeights,
      float[][] validationX, int[] validationY, int maxIterations, BooleanSupplier cancelled,
      java.util.function.Consumer<Epoch> onIteration) {
    return train(x, y, classes, l2, classWeights, validationX, validationY, maxIterations, cancelled, onIteration, null);
  }

  /**
   * Starting from {@code start} (another fit's weights, e.g. with a stronger penalty: the path
   * from strong to weak penalties takes a few iterations each), or from zero when null.
   */
  static SoftmaxRegression train(float[][] x, int[] y, int classes, double l2, double[] classWeights,
      float[][] validationX, int[] validationY, int maxIterations, BooleanSupplier cancelled,
      java.util.function.Consumer<Epoch> onIteration, SoftmaxRegression start) {
    int d = x[0].length;
    Objective objective = new Objective(x, y, classes, l2, classWeights);
    double[] theta = start == null ? new double[(d + 1) * classes] : start.theta(d, classes);
    double[] grad = new double[theta.length];
    double loss = objective.evaluate(theta, grad);
    List<double[]> s = new ArrayList<>();
    List<double[]> yk = new ArrayList<>();
    List<Double> rho = new ArrayList<>();
    List<Epoch> history = new ArrayList<>();
    for (int iteration = 1; iteration <= maxIterations; iteration++) {
      if (cancelled.getAsBoolean()) {
        throw new TeachCancelledException();
      }
      double[] direction = twoLoop(grad, s, yk, rho);
      double slope = dot(direction, grad);
      if (slope >= 0) {
        // not a descent direction (curvature pairs went stale): restart from steepest descent
        s.clear();
        yk.clear();
        rho.clear();
        direction = negate(grad);
        slope = dot(direction, grad);
      }
      double step = iteration == 1 ? 1 / Math.max(1e-12, Math.sqrt(dot(grad, grad))) : 1;
      double[] next = new double[theta.length];
      double[] nextGrad = new double[theta.length];
      double nextLoss;
      int tries = 0;
      while (true) {
        for (int i = 0; i < theta.length; i++) {
          next[i] = theta[i] + step * direction[i];
        }
        nextLoss = objective.evaluate(next, nextGrad);
        if (nextLoss <= loss + 1e-4 * step * slope || ++tries > 30) {
          break;
        }
        step *= 0.5;
      }
      double[] sk = new double[theta.length];
      double[] ykv = new double[theta.length];
      for (int i = 0; i < theta.length; i++) {
        sk[i] = next[i] - theta[i];
        ykv[i] = nextGrad[i] - grad[i];
      }
      double sy = dot(sk, ykv);
      if (sy > 1e-12) {
        s.add(sk);
        yk.add(ykv);
        rho.add(1 / sy);
        if (s.size() > MEMORY) {
          s.remove(0);
          yk.remove(0);
          rho.remove(0);
        }
      }
      double change = Math.abs(loss - nextLoss) / Math.max(1, Math.abs(loss));
      theta = next;
      grad = nextGrad;
      loss = nextLoss;
      SoftmaxRegression current = new SoftmaxRegression(toDense(theta, d, classes), List.of());
      double[] validation = validationX.length == 0 ? new double[] {Double.NaN, Double.NaN}
          : HeadTraining.lossAndAccuracy(current, validationX, validationY);
      Epoch epoch = new Epoch(iteration, loss, objective.lastAccuracy, validation[0], validation[1]);
      history.add(epoch);
      onIteration.accept(epoch);
      // the first steps are short by design (no curvature known yet): don't mistake them for convergence
      if (iteration > 3 && change < 1e-6 || Math.sqrt(dot(grad, grad)) < 1e-5) {
        break;
      }
    }
    return new SoftmaxRegression(toDense(theta, d, classes), history);
  }

  private double[] theta(int d, int classes) {
    double[] theta = new double[(d + 1) * classes];
    for (int j = 0; j < d; j++) {
      for (int c = 0; c < classes; c++) {
        theta[j * classes + c] = layer.weights()[j][c];
      }
    }
    for (int c = 0; c < classes; c++) {
      theta[d * classes + c] = layer.bias()[c];
    }
    return theta;
  }

  private static Dense toDense(double[] theta, int d, int classes) {
    float[][] w = new float[d][classes];
    float[] b = new float[classes];
    for (int j = 0; j < d; j++) {
      for (int c = 0; c < classes; c++) {
        w[j][c] = (float) theta[j * classes + c];
      }
    }
    for (int c = 0; c < classes; c++) {
      b[c] = (float) theta[d * classes + c];
    }
    return new Dense(w, b);
  }

  /** Weighted mean cross-entropy + l2/2 |W|², and its gradient; theta = W (d x k, row-major) then b. */
  private static final class Objective {
    final float[][] x;
    final int[] y;
    final int k;
    final int d;
    final double l2;
    final double[] weights;
    final double totalWeight;
    /** Training accuracy at the last point evaluated (unweighted), for the curves at no extra cost. */
    double lastAccuracy;

    Objective(float[][] x, int[] y, int k, double l2, double[] classWeights) {
      this.x = x;
      this.y = y;
      this.k = k;
      this.d = x[0].length;
      this.l2 = l2;
      this.weights = classWeights;
      double total = 0;
      for (int label : y) {
        total += classWeights[label];
      }
      this.totalWeight = total;
    }

    double evaluate(double[] theta, double[] grad) {
      int chunks = (x.length + CHUNK - 1) / CHUNK;
      double[][] partialGrads = new double[chunks][];
      double[] partialLoss = new double[chunks];
      int[] partialRight = new int[chunks];
      IntStream.range(0, chunks).parallel().forEach(chunk -> {
        double[] g = new double[theta.length];
        double l = 0;
        double[] z = new double[k];
        for (int i = chunk * CHUNK; i < Math.min(x.length, (chunk + 1) * CHUNK); i++) {
          float[] row = x[i];
          for (int c = 0; c < k; c++) {
            z[c] = theta[d * k + c];
          }
          for (int j = 0; j < d; j++) {
            double v = row[j];
            int base = j * k;
            for (int c = 0; c < k; c++) {
              z[c] += v * theta[base + c];
            }
          }
          Features.softmaxInPlace(z);
          int best = 0;
          for (int c = 1; c < k; c++) {
            if (z[c] > z[best]) {
              best = c;
            }
          }
          if (best == y[i]) {
            partialRight[chunk]++;
          }
          double w = weights[y[i]];
          l -= w * Math.log(Math.max(z[y[i]], 1e-300));
          z[y[i]] -= 1;
          for (int c = 0; c < k; c++) {
            z[c] *= w;
          }
          for (int j = 0; j < d; j++) {
            double v = row[j];
            if (v == 0) {
              continue;
            }
            int base = j * k;
            for (int c = 0; c < k; c++) {
              g[base + c] += v * z[c];
            }
          }
          for (int c = 0; c < k; c++) {
            g[d * k + c] += z[c];
          }
        }
        partialGrads[chunk] = g;
        partialLoss[chunk] = l;
      });
      java.util.Arrays.fill(grad, 0);
      double loss = 0;
      for (int chunk = 0; chunk < chunks; chunk++) {
        loss += partialLoss[chunk];
        double[] g = partialGrads[chunk];
        for (int i = 0; i < grad.length; i++) {
          grad[i] += g[i];
        }
      }
      loss /= totalWeight;
      int right = 0;
      for (int r : partialRight) {
        right += r;
      }
      lastAccuracy = (double) right / x.length;
      double penalty = 0;
      for (int i = 0; i < grad.length; i++) {
        grad[i] /= totalWeight;
        if (i < d * k) {
          penalty += theta[i] * theta[i];
          grad[i] += l2 * theta[i];
        }
      }
      return loss + 0.5 * l2 * penalty;
    }
  }

  private static double[] twoLoop(double[] grad, List<double[]> s, List<double[]> y, List<Double> rho) {
    double[] q = grad.clone();
    double[] alpha = new double[s.size()];
    for (int i = s.size() - 1; i >= 0; i--) {
      alpha[i] = rho.get(i) * dot(s.get(i), q);
      axpy(-alpha[i], y.get(i), q);
    }
    if (!s.isEmpty()) {
      int last = s.size() - 1;
      double gamma = dot(s.get(last), y.get(last)) / dot(y.get(last), y.get(last));
      for (int i = 0; i < q.length; i++) {
        q[i] *= gamma;
      }
    }
    for (int i = 0; i < s.size(); i++) {
      double beta = rho.get(i) * dot(y.get(i), q);
      axpy(alpha[i] - beta, s.get(i), q);
    }
    return negate(q);
  }

  private static double dot(double[] a, double[] b) {
    double s = 0;
    for (int i = 0; i < a.length; i++) {
      s += a[i] * b[i];
    }
    return s;
  }

  private static void axpy(double a, double[] x, double[] y) {
    for (int i = 0; i < x.length; i++) {
      y[i] += a * x[i];
    }
  }

  private static double[] negate(double[] v) {
    double[] r = new double[v.length];
    for (int i = 0; i < v.length; i++) {
      r[i] = -v[i];
    }
    return r;
  }
}
