package dev.raut.core.evaluate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import org.assertj.core.data.Offset;
import org.junit.jupiter.api.Test;

class ClassificationReportTest {
  private static final Offset<Double> EXACT = within(1e-12);

  /**
   * Worked by hand (and matching scikit-learn 1.2): fox is never predicted (precision 0/0), owl is
   * predicted once but never true (support 0, recall 0/0).
   *
   * <pre>
   *              predicted: cat dog fox owl
   *   true cat               2   1   0   0
   *   true dog               0   2   0   1
   *   true fox               1   1   0   0
   *   true owl               0   0   0   0
   * </pre>
   */
  private static final List<String> TRUTH = List.of("cat", "cat", "cat", "dog", "dog", "fox", "fox", "dog");
  private static final List<String> PREDICTED = List.of("cat", "cat", "dog", "dog", "owl", "cat", "dog", "dog");

  @Test
  void confusionMatrixCountsPairsWithSortedUnionOfLabels() {
    ClassificationReport report = ClassificationReport.of(TRUTH, PREDICTED);

    ConfusionMatrix m = report.matrix();
    assertThat(m.labels()).containsExactly("cat", "dog", "fox", "owl");
    assertThat(m.toArray()).isDeepEqualTo(new int[][] {{2, 1, 0, 0}, {0, 2, 0, 1}, {1, 1, 0, 0}, {0, 0, 0, 0}});
    assertThat(m.count("fox", "cat")).isEqualTo(1);
    assertThat(m.count("dog", "owl")).isEqualTo(1);
    assertThat(m.count("cat", "unknown")).isZero();
    assertThat(m.total()).isEqualTo(8);
    assertThat(m.rowFraction(0, 1)).isCloseTo(1.0 / 3, EXACT);
    assertThat(m.rowFraction(3, 3)).isZero();
  }

  @Test
  void perClassFiguresWithZeroDivisionAsZero() {
    ClassificationReport report = ClassificationReport.of(TRUTH, PREDICTED);

    assertThat(report.classes()).hasSize(4);
    ClassMetrics cat = report.forLabel("cat").orElseThrow();
    assertThat(cat.precision()).isCloseTo(2.0 / 3, EXACT);
    assertThat(cat.recall()).isCloseTo(2.0 / 3, EXACT);
    assertThat(cat.f1()).isCloseTo(2.0 / 3, EXACT);
    assertThat(cat.support()).isEqualTo(3);
    assertThat(cat.predicted()).isEqualTo(3);

    ClassMetrics dog = report.forLabel("dog").orElseThrow();
    assertThat(dog.precision()).isCloseTo(0.5, EXACT);
    assertThat(dog.recall()).isCloseTo(2.0 / 3, EXACT);
    assertThat(dog.f1()).isCloseTo(4.0 / 7, EXACT);
    assertThat(dog.support()).isEqualTo(3);
    assertThat(dog.predicted()).isEqualTo(4);

    ClassMetrics neverPredicted = report.forLabel("fox").orElseThrow();
    assertThat(neverPredicted.precision()).isZero();
    assertThat(neverPredicted.recall()).isZero();
    assertThat(neverPredicted.f1()).isZero();
    assertThat(neverPredicted.support()).isEqualTo(2);
    assertThat(neverPredicted.predicted()).isZero();

    ClassMetrics noSupport = report.forLabel("owl").orElseThrow();
    assertThat(noSupport.precision()).isZero();
    assertThat(noSupport.recall()).isZero();
    assertThat(noSupport.f1()).isZero();
    assertThat(noSupport.support()).isZero();
    assertThat(noSupport.predicted()).isEqualTo(1);

    report.classes().forEach(c -> assertThat(List.of(c.precision(), c.recall(), c.f1())).noneMatch(v -> v.isNaN()));
  }

  @Test
  void accuracyAveragesAndBalancedAccuracy() {
    ClassificationReport report = ClassificationReport.of(TRUTH, PREDICTED);

    assertThat(report.accuracy()).isCloseTo(0.5, EXACT);
    assertThat(report.macroAverage().precision()).isCloseTo(7.0 / 24, EXACT);
    assertThat(report.macroAverage().recall()).isCloseTo(1.0 / 3, EXACT);
    assertThat(report.macroAverage().f1()).isCloseTo(13.0 / 42, EXACT);
    assertThat(report.macroAverage().support()).isEqualTo(8);
    assertThat(report.weightedAverage().precision()).isCloseTo(7.0 / 16, EXACT);
    assertThat(report.weightedAverage().recall()).isCloseTo(0.5, EXACT);
    assertThat(report.weightedAverage().f1()).isCloseTo(13.0 / 28, EXACT);
    // mean recall over the classes that are true somewhere (owl has none): (2/3 + 2/3 + 0) / 3
    assertThat(report.balancedAccuracy()).isCloseTo(4.0 / 9, EXACT);
  }

  @Test
  void perfectPredictionsScoreOne() {
    ClassificationReport report = ClassificationReport.of(List.of("a", "b", "b"), List.of("a", "b", "b"));

    assertThat(report.accuracy()).isEqualTo(1.0);
    assertThat(report.balancedAccuracy()).isEqualTo(1.0);
    assertThat(report.macroAverage().f1()).isEqualTo(1.0);
    assertThat(report.matrix().toArray()).isDeepEqualTo(new int[][] {{1, 0}, {0, 2}});
  }

  @Test
  void givenLabelOrderIsKept() {
    ClassificationReport report = ClassificationReport.of(List.of("z", "a", "m"), List.of("z", "a", "z"), List.of("z", "m", "a"));

    assertThat(report.labels()).containsExactly("z", "a", "m");
    assertThat(report.matrix().toArray()).isDeepEqualTo(new int[][] {{1, 1, 0}, {0, 0, 1}, {0, 0, 0}});
    assertThat(report.forLabel("m").orElseThrow().support()).isZero();
  }

  @Test
  void emptyInputGivesZerosNotNaN() {
    ClassificationReport report = ClassificationReport.of(List.of(), List.of());

    assertThat(report.total()).isZero();
    assertThat(report.accuracy()).isZero();
    assertThat(report.balancedAccuracy()).isZero();
    assertThat(report.macroAverage().f1()).isZero();
    assertThat(report.weightedAverage().precision()).isZero();
  }

  @Test
  void rejectsMismatchedLengthsAndUnlistedLabels() {
    assertThatThrownBy(() -> ClassificationReport.of(List.of("a"), List.of()))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> ClassificationReport.of(List.of("a"), List.of("a"), List.of("b")))
        .hasMessageContaining("'b'");
  }
}
