package dev.raut.core.teach;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Random;
import org.junit.jupiter.api.Test;

/** Heads on synthetic embeddings whose answer is known: well-separated blobs, and one that needs a hidden layer. */
class HeadTrainingTest {
  /** Three Gaussian blobs in 40-D, unit spread, centres 3 apart. */
  static float[][] blobs(int perClass, long seed, int[] labelsOut) {
    Random r = new Random(seed);
    float[][] centres = new float[3][40];
    Random c = new Random(7);
    for (float[] centre : centres) {
      for (int j = 0; j < centre.length; j++) {
        centre[j] = (float) (c.nextGaussian() * 1.5);
      }
    }
    float[][] x = new float[3 * perClass][40];
    for (int i = 0; i < x.length; i++) {
      int label = i % 3;
      labelsOut[i] = label;
      for (int j = 0; j < 40; j++) {
        x[i][j] = centres[label][j] + (float) r.nextGaussian();
      }
    }
    return x;
  }

  @Test
  void logisticRegressionSeparatesBlobsAndGeneralises() {
    int[] y = new int[300];
    float[][] x = blobs(100, 1, y);
    int[] yTest = new int[150];
    float[][] xTest = blobs(50, 2, yTest);
    HeadTraining.Result result = HeadTraining.train(x, y, 3, HeadTraining.Choice.LOGREG, 42, () -> false);
    assertThat(result.head().kind()).isEqualTo("logreg");
    assertThat(HeadTraining.accuracy(result.head(), result.standardization().apply(xTest), yTest)).isGreaterThan(0.95);
    assertThat(result.curves()).isNotEmpty();
    assertThat(result.curves().get(result.curves().size() - 1).trainLoss())
        .isLessThan(result.curves().get(0).trainLoss());
  }

  /** XOR of two coordinates: no linear head can do better than chance; one hidden layer can. */
  @Test
  void mlpLearnsWhatALinearHeadCannotAndAutoPicksIt() {
    Random r = new Random(3);
    int n = 600;
    float[][] x = new float[n][2];
    int[] y = new int[n];
    for (int i = 0; i < n; i++) {
      x[i][0] = (float) (r.nextDouble() * 2 - 1);
      x[i][1] = (float) (r.nextDouble() * 2 - 1);
      y[i] = (x[i][0] > 0) ^ (x[i][1] > 0) ? 1 : 0;
    }
    HeadTraining.Result auto = HeadTraining.train(x, y, 2, HeadTraining.Choice.AUTO, 5, () -> false);
    assertThat(auto.head().kind()).isEqualTo("mlp");
    assertThat(auto.validationAccuracy().get("mlp")).isGreaterThan(0.9);
    assertThat(auto.validationAccuracy().get("logreg l2=0.01")).isLessThan(0.7);
    assertThat(HeadTraining.accuracy(auto.head(), auto.standardization().apply(x), y)).isGreaterThan(0.9);
    // the reason is said in the user's language, with the figures in its number format
    double mlp = 100 * auto.validationAccuracy().get("mlp");
    assertThat(auto.reason()).startsWith("The small neural network scored")
        .contains(String.format(java.util.Locale.ENGLISH, "%.1f%%", mlp));
    assertThat(auto.why().in(dev.raut.core.text.Language.INDONESIAN)).startsWith("Jaringan saraf kecil benar")
        .contains(String.format(java.util.Locale.forLanguageTag("id"), "%.1f%%", mlp));
  }

  @Test
  void stratifiedSplitKeepsEveryClassAndIsRepeatable() {
    int[] y = {0, 0, 0, 0, 0, 1, 1, 1, 1, 1, 2, 2};
    int[][] a = HeadTraining.stratifiedSplit(y, 3, 0.2, 9);
    int[][] b = HeadTraining.stratifiedSplit(y, 3, 0.2, 9);
    assertThat(a[0]).containsExactly(b[0]);
    assertThat(a[1]).hasSize(3);
    assertThat(java.util.Arrays.stream(a[1]).map(i -> y[i]).distinct().count()).isEqualTo(3);
  }

  /** The problem is convex: starting from a stronger penalty's weights reaches the same optimum, sooner. */
  @Test
  void warmStartReachesTheColdOptimum() {
    int[] y = new int[600];
    float[][] x = blobs(200, 1, y);
    double[] w = Features.balancedClassWeights(y, 3);
    SoftmaxRegression strong = SoftmaxRegression.train(x, y, 3, 1e-1, w, new float[0][], new int[0], 300, () -> false,
        e -> { }, null);
    SoftmaxRegression warm = SoftmaxRegression.train(x, y, 3, 1e-3, w, new float[0][], new int[0], 300, () -> false,
        e -> { }, strong);
    SoftmaxRegression cold = SoftmaxRegression.train(x, y, 3, 1e-3, w, new float[0][], new int[0], 300, () -> false,
        e -> { }, null);
    double warmLoss = warm.history().get(warm.history().size() - 1).trainLoss();
    double coldLoss = cold.history().get(cold.history().size() - 1).trainLoss();
    assertThat(warmLoss).isCloseTo(coldLoss, org.assertj.core.data.Offset.offset(1e-5));
    assertThat(warmLoss).isLessThan(strong.history().get(strong.history().size() - 1).trainLoss());
  }

  /** Views of one photo never straddle the validation split. */
  @Test
  void groupedSplitKeepsAPhotosViewsTogether() {
    int[] y = {0, 0, 0, 0, 0, 0, 0, 0, 1, 1, 1, 1, 1, 1, 1, 1};
    int[] groups = {0, 0, 1, 1, 2, 2, 3, 3, 4, 4, 5, 5, 6, 6, 7, 7};
    int[][] split = HeadTraining.groupedSplit(y, groups, 2, 3);
    java.util.Set<Integer> trainGroups = new java.util.HashSet<>();
    for (int i : split[0]) {
      trainGroups.add(groups[i]);
    }
    for (int i : split[1]) {
      assertThat(trainGroups).doesNotContain(groups[i]);
    }
    assertThat(split[1]).hasSize(4);
  }

  @Test
  void cancelStopsTraining() {
    int[] y = new int[300];
    float[][] x = blobs(100, 1, y);
    assertThatThrownBy(() -> HeadTraining.train(x, y, 3, HeadTraining.Choice.AUTO, 1, () -> true))
        .isInstanceOf(TeachCancelledException.class);
  }
}
