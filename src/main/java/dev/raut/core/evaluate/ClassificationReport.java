package dev.raut.core.evaluate;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.TreeSet;

/**
 * The figures of scikit-learn's {@code classification_report}, {@code confusion_matrix} and
 * {@code balanced_accuracy_score}, computed the same way: labels are the sorted union of true and
 * predicted labels; a ratio whose denominator is zero is 0.0 (never NaN); balanced accuracy is the
 * mean recall over the classes that occur among the true labels.
 */
public record ClassificationReport(
    ConfusionMatrix matrix, List<ClassMetrics> classes, double accuracy, AverageMetrics macroAverage,
    AverageMetrics weightedAverage, double balancedAccuracy) {

  public ClassificationReport {
    classes = List.copyOf(classes);
  }

  /** {@code truth.get(i)} and {@code predicted.get(i)} are the labels of the same image. */
  public static ClassificationReport of(List<String> truth, List<String> predicted) {
    TreeSet<String> labels = new TreeSet<>(truth);
    labels.addAll(predicted);
    return of(new ArrayList<>(labels), truth, predicted);
  }

  /** With the label order given; every true and predicted label must be among {@code labels}. */
  public static ClassificationReport of(List<String> labels, List<String> truth, List<String> predicted) {
    if (truth.size() != predicted.size()) {
      throw new IllegalArgumentException(truth.size() + " true labels but " + predicted.size() + " predictions");
    }
    int n = labels.size();
    int[][] counts = new int[n][n];
    for (int i = 0; i < truth.size(); i++) {
      counts[indexOf(labels, truth.get(i))][indexOf(labels, predicted.get(i))]++;
    }
    ConfusionMatrix matrix = new ConfusionMatrix(labels, counts);

    List<ClassMetrics> classes = new ArrayList<>(n);
    int correct = 0;
    double recallSumOverPresent = 0;
    int present = 0;
    for (int k = 0; k < n; k++) {
      int truePositives = counts[k][k];
      int support = matrix.rowTotal(k);
      int predictedAs = matrix.columnTotal(k);
      double precision = ratio(truePositives, predictedAs);
      double recall = ratio(truePositives, support);
      double f1 = precision + recall == 0 ? 0.0 : 2 * precision * recall / (precision + recall);
      classes.add(new ClassMetrics(labels.get(k), precision, recall, f1, support, predictedAs));
      correct += truePositives;
      if (support > 0) {
        recallSumOverPresent += recall;
        present++;
      }
    }
    int total = truth.size();
    return new ClassificationReport(matrix, classes, ratio(correct, total), macro(classes, total),
        weighted(classes, total), present == 0 ? 0.0 : recallSumOverPresent / present);
  }

  public int total() {
    return matrix.total();
  }

  public List<String> labels() {
    return matrix.labels();
  }

  /** The line for one label, if the report has it. */
  public Optional<ClassMetrics> forLabel(String label) {
    return classes.stream().filter(c -> c.label().equals(label)).findFirst();
  }

  private static AverageMetrics macro(List<ClassMetrics> classes, int total) {
    if (classes.isEmpty()) {
      return new AverageMetrics(0, 0, 0, total);
    }
    double p = 0;
    double r = 0;
    double f = 0;
    for (ClassMetrics c : classes) {
      p += c.precision();
      r += c.recall();
      f += c.f1();
    }
    int n = classes.size();
    return new AverageMetrics(p / n, r / n, f / n, total);
  }

  private static AverageMetrics weighted(List<ClassMetrics> classes, int total) {
    if (total == 0) {
      return new AverageMetrics(0, 0, 0, 0);
    }
    double p = 0;
    double r = 0;
    double f = 0;
    for (ClassMetrics c : classes) {
      p += c.precision() * c.support();
      r += c.recall() * c.support();
      f += c.f1() * c.support();
    }
    return new AverageMetrics(p / total, r / total, f / total, total);
  }

  private static double ratio(int numerator, int denominator) {
    return denominator == 0 ? 0.0 : (double) numerator / denominator;
  }

  private static int indexOf(List<String> labels, String label) {
    int index = labels.indexOf(label);
    if (index < 0) {
      throw new IllegalArgumentException("The label '" + label + "' is not among " + labels);
    }
    return index;
  }
}
