package dev.raut.core.teach;

import dev.raut.core.text.Problem;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.BooleanSupplier;

/**
 * Trains the head on embeddings: a stratified validation part of the training photos picks the L2
 * penalty of the logistic regression and, for {@link Choice#AUTO}, logistic regression or the MLP;
 * the chosen head is then refitted on all training photos with the chosen settings.
 */
public final class HeadTraining {
  /** Which head: picked by validation accuracy, or the user's. */
  public enum Choice { AUTO, LOGREG, MLP }

  /** Strongest first: each fit starts from the previous one's weights. */
  static final double[] PENALTIES = {1e-1, 1e-2, 1e-3, 1e-4};
  static final double VALIDATION_FRACTION = 0.2;
  private static final int LOGREG_ITERATIONS = 300;

  /**
   * @param head the final head, trained on all training photos
   * @param standardization the feature scaling it expects (part of the exported graph)
   * @param curves the validation run's per-epoch curves (for MLP) or per-iteration (logistic regression)
   * @param validationAccuracy of each candidate tried, e.g. {"logreg l2=0.01": 0.85, "mlp": 0.83}
   * @param why why this head, in plain words kept as a text key and arguments: each door says it in
   *     its user's language; {@link #reason()} is the English sentence, for files
   */
  public record Result(Head head, Features.Standardization standardization, List<Head.Epoch> curves,
      Map<String, Double> validationAccuracy, Problem why) {
    /** Why this head, in English: for teach.json and the model's card. */
    public String reason() {
      return why.english();
    }
  }

  private HeadTraining() {}

  public static Result train(float[][] embeddings, int[] labels, int classes, Choice choice, long seed,
      BooleanSupplier cancelled) {
    return train(embeddings, labels, classes, choice, seed, cancelled, (head, epoch) -> { });
  }

  /** Sees each candidate's figures as it trains on the validation split ("logreg l2=0.01", "mlp"). */
  @FunctionalInterface
  public interface Curves {
    void epoch(String candidate, Head.Epoch epoch);
  }

  public static Result train(float[][] embeddings, int[] labels, int classes, Choice choice, long seed,
      BooleanSupplier cancelled, Curves curves) {
    return train(embeddings, labels, null, classes, choice, seed, cancelled, curves);
  }

  /**
   * {@code groups[i]} names the photo row i comes from: the views of one photo (mirrored, shifted)
   * all go to the same side of the validation split, or the validation figures would flatter the
   * head with near-copies of its own training rows. Null: every row is its own photo.
   */
  public static Result train(float[][] embeddings, int[] labels, int[] groups, int classes, Choice choice, long seed,
      BooleanSupplier cancelled, Curves curves) {
    int[][] split = groups == null ? stratifiedSplit(labels, classes, VALIDATION_FRACTION, seed)
        : groupedSplit(labels, groups, classes, seed);
    float[][] fitX = rows(embeddings, split[0]);
    int[] fitY = pick(labels, split[0]);
    float[][] valX = rows(embeddings, split[1]);
    int[] valY = pick(labels, split[1]);
    Features.Standardization fitScale = Features.Standardization.of(fitX);
    float[][] fitS = fitScale.apply(fitX);
    float[][] valS = valX.length == 0 ? new float[0][] : fitScale.apply(valX);
    double[] weights = Features.balancedClassWeights(fitY, classes);
    Map<String, Double> tried = new LinkedHashMap<>();

    double bestPenalty = PENALTIES[0];
    double bestLogreg = -1;
    List<Head.Epoch> logregCurves = List.of();
    if (choice != Choice.MLP) {
      SoftmaxRegression previous = null;
      for (double l2 : PENALTIES) {
        String candidate = "logreg l2=" + l2;
        SoftmaxRegression lr = SoftmaxRegression.train(fitS, fitY, classes, l2, weights, valS, valY,
            LOGREG_ITERATIONS, cancelled, e -> curves.epoch(candidate, e), previous);
        previous = lr;
        double acc = valS.length == 0 ? 0 : accuracy(lr, valS, valY);
        tried.put("logreg l2=" + l2, acc);
        // ties go to the stronger penalty (tried first): the simpler model
        if (acc > bestLogreg) {
          bestLogreg = acc;
          bestPenalty = l2;
          logregCurves = lr.history();
        }
      }
    }
    double mlpAccuracy = -1;
    int mlpEpochs = 0;
    List<Head.Epoch> mlpCurves = List.of();
    if (choice != Choice.LOGREG) {
      MlpHead mlp = MlpHead.train(fitS, fitY, classes, MlpHead.Settings.defaults(), weights, valS, valY, seed, cancelled,
          e -> curves.epoch("mlp", e));
      mlpAccuracy = valS.length == 0 ? 0 : accuracy(mlp, valS, valY);
      mlpEpochs = bestEpoch(mlp.history());
      mlpCurves = mlp.history();
      tried.put("mlp", mlpAccuracy);
    }
    boolean useMlp = choice == Choice.MLP || choice == Choice.AUTO && mlpAccuracy > bestLogreg;

    Features.Standardization scale = Features.Standardization.of(embeddings);
    float[][] all = scale.apply(embeddings);
    double[] allWeights = Features.balancedClassWeights(labels, classes);
    Head head;
    Problem why;
    if (useMlp) {
      MlpHead.Settings d = MlpHead.Settings.defaults();
      MlpHead.Settings refit = new MlpHead.Settings(d.hidden(), d.l2(), d.learningRate(), d.batchSize(),
          Math.max(1, mlpEpochs), Integer.MAX_VALUE);
      head = MlpHead.train(all, labels, classes, refit, allWeights, new float[0][], new int[0], seed, cancelled);
      why = choice == Choice.MLP ? Problem.of("teach.why.mlpChosen")
          : Problem.of("teach.why.mlpBetter", 100 * mlpAccuracy, 100 * bestLogreg);
    } else {
      head = SoftmaxRegression.train(all, labels, classes, bestPenalty, allWeights, new float[0][], new int[0],
          LOGREG_ITERATIONS, cancelled);
      double penalty = bestPenalty;
      why = choice == Choice.LOGREG ? Problem.of("teach.why.logregChosen", penalty)
          : mlpAccuracy < 0 ? Problem.of("teach.why.logregScored", penalty, 100 * bestLogreg)
          : Problem.of("teach.why.logregBetter", penalty, 100 * bestLogreg, 100 * mlpAccuracy);
    }
    return new Result(head, scale, useMlp ? mlpCurves : logregCurves, tried, why);
  }

  private static int bestEpoch(List<Head.Epoch> history) {
    int best = 1;
    double loss = Double.POSITIVE_INFINITY;
    for (Head.Epoch e : history) {
      double l = Double.isNaN(e.validationLoss()) ? e.trainLoss() : e.validationLoss();
      if (l < loss) {
        loss = l;
        best = e.index();
      }
    }
    return best;
  }

  /**
   * Indices of the training and held-out parts, stratified: each class gives {@code fraction} of its
   * photos (at least one when it has two or more) to the held-out part. Deterministic for a seed.
   */
  public static int[][] stratifiedSplit(int[] labels, int classes, double fraction, long seed) {
    List<List<Integer>> byClass = new ArrayList<>();
    for (int c = 0; c < classes; c++) {
      byClass.add(new ArrayList<>());
    }
    for (int i = 0; i < labels.length; i++) {
      byClass.get(labels[i]).add(i);
    }
    Random random = new Random(seed);
    List<Integer> train = new ArrayList<>();
    List<Integer> held = new ArrayList<>();
    for (List<Integer> members : byClass) {
      java.util.Collections.shuffle(members, random);
      int out = members.size() < 2 ? 0 : Math.max(1, (int) Math.round(members.size() * fraction));
      held.addAll(members.subList(0, out));
      train.addAll(members.subList(out, members.size()));
    }
    java.util.Collections.sort(train);
    java.util.Collections.sort(held);
    return new int[][] {train.stream().mapToInt(Integer::intValue).toArray(),
        held.stream().mapToInt(Integer::intValue).toArray()};
  }

  /** A stratified split of whole groups (photos), returned as row indices. */
  static int[][] groupedSplit(int[] labels, int[] groups, int classes, long seed) {
    java.util.Map<Integer, Integer> labelOfGroup = new java.util.LinkedHashMap<>();
    for (int i = 0; i < groups.length; i++) {
      labelOfGroup.putIfAbsent(groups[i], labels[i]);
    }
    List<Integer> ids = new ArrayList<>(labelOfGroup.keySet());
    int[] groupLabels = ids.stream().mapToInt(labelOfGroup::get).toArray();
    int[][] byGroup = stratifiedSplit(groupLabels, classes, VALIDATION_FRACTION, seed);
    java.util.Set<Integer> held = new java.util.HashSet<>();
    for (int g : byGroup[1]) {
      held.add(ids.get(g));
    }
    List<Integer> train = new ArrayList<>();
    List<Integer> validation = new ArrayList<>();
    for (int i = 0; i < groups.length; i++) {
      (held.contains(groups[i]) ? validation : train).add(i);
    }
    return new int[][] {train.stream().mapToInt(Integer::intValue).toArray(),
        validation.stream().mapToInt(Integer::intValue).toArray()};
  }

  static double accuracy(Head head, float[][] x, int[] y) {
    int right = 0;
    for (int i = 0; i < x.length; i++) {
      right += head.predict(x[i]) == y[i] ? 1 : 0;
    }
    return x.length == 0 ? Double.NaN : (double) right / x.length;
  }

  /** Mean cross-entropy and accuracy in one pass. */
  static double[] lossAndAccuracy(Head head, float[][] x, int[] y) {
    double sum = 0;
    int right = 0;
    for (int i = 0; i < x.length; i++) {
      double[] p = head.probabilities(x[i]);
      sum -= Math.log(Math.max(p[y[i]], 1e-300));
      int best = 0;
      for (int c = 1; c < p.length; c++) {
        if (p[c] > p[best]) {
          best = c;
        }
      }
      right += best == y[i] ? 1 : 0;
    }
    return x.length == 0 ? new double[] {Double.NaN, Double.NaN} : new double[] {sum / x.length, (double) right / x.length};
  }

  static double loss(Head head, float[][] x, int[] y) {
    double sum = 0;
    for (int i = 0; i < x.length; i++) {
      sum -= Math.log(Math.max(head.probabilities(x[i])[y[i]], 1e-300));
    }
    return x.length == 0 ? Double.NaN : sum / x.length;
  }

  static float[][] rows(float[][] x, int[] index) {
    float[][] out = new float[index.length][];
    for (int i = 0; i < index.length; i++) {
      out[i] = x[index[i]];
    }
    return out;
  }

  static int[] pick(int[] y, int[] index) {
    int[] out = new int[index.length];
    for (int i = 0; i < index.length; i++) {
      out[i] = y[index[i]];
    }
    return out;
  }
}
