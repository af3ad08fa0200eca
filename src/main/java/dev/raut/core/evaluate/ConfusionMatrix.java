package dev.raut.core.evaluate;

import java.util.List;

/**
 * Counts of (true label, predicted label) pairs. Rows are true labels, columns predicted labels,
 * both in {@link #labels()} order (as in scikit-learn's {@code confusion_matrix}).
 */
public final class ConfusionMatrix {
  private final List<String> labels;
  private final int[][] counts;

  ConfusionMatrix(List<String> labels, int[][] counts) {
    this.labels = List.copyOf(labels);
    this.counts = counts;
  }

  public List<String> labels() {
    return labels;
  }

  public int size() {
    return labels.size();
  }

  /** How many images of true class {@code row} were predicted as class {@code column}. */
  public int count(int row, int column) {
    return counts[row][column];
  }

  /** By label; 0 for a label the matrix does not have. */
  public int count(String truth, String predicted) {
    int row = labels.indexOf(truth);
    int column = labels.indexOf(predicted);
    return row < 0 || column < 0 ? 0 : counts[row][column];
  }

  /** Images whose true class is {@code row} (its support). */
  public int rowTotal(int row) {
    int sum = 0;
    for (int c : counts[row]) {
      sum += c;
    }
    return sum;
  }

  /** Images predicted as class {@code column}. */
  public int columnTotal(int column) {
    int sum = 0;
    for (int[] row : counts) {
      sum += row[column];
    }
    return sum;
  }

  public int total() {
    int sum = 0;
    for (int row = 0; row < counts.length; row++) {
      sum += rowTotal(row);
    }
    return sum;
  }

  /** The share of row {@code row} that fell into {@code column}; 0 for an empty row. */
  public double rowFraction(int row, int column) {
    int total = rowTotal(row);
    return total == 0 ? 0.0 : (double) counts[row][column] / total;
  }

  /** A copy of the counts, rows = true labels. */
  public int[][] toArray() {
    int[][] copy = new int[counts.length][];
    for (int i = 0; i < counts.length; i++) {
      copy[i] = counts[i].clone();
    }
    return copy;
  }
}
