package dev.raut.evaluate.report;

import dev.raut.core.evaluate.AverageMetrics;
import dev.raut.core.evaluate.ClassMetrics;
import dev.raut.core.evaluate.ClassificationReport;
import dev.raut.core.evaluate.ConfusionMatrix;
import dev.raut.core.evaluate.EvaluationResult;
import dev.raut.core.evaluate.EvaluationTask;
import dev.raut.core.evaluate.ImagePrediction;
import dev.raut.core.text.Messages;
import java.util.List;
import java.util.Locale;

/** The evaluation as text for a terminal, in scikit-learn's {@code classification_report} layout. */
public final class TextReport {
  /** Longer lists of no-prediction and failed files go only to the files in --out. */
  private static final int LISTED_FILES = 20;

  private TextReport() {}

  /** The whole terminal report: summary, per-class table, confusion matrix, counts and lists. */
  public static String of(EvaluationResult result, int digits) {
    StringBuilder out = new StringBuilder();
    out.append(Messages.text("report.text.dataset", result.dataset().source(), result.dataset().images().size())).append('\n');
    out.append(result.settings().task() == EvaluationTask.EMOTION
        ? Messages.text("report.text.taskDetector", result.settings().task().cliName(), result.model(),
            result.settings().detector().cliName())
        : Messages.text("report.text.task", result.settings().task().cliName(), result.model())).append('\n');
    if (!result.complete()) {
      out.append(Messages.text("report.text.cancelled")).append('\n');
    }
    if (!result.renamedLabels().isEmpty()) {
      out.append(Messages.text("report.text.mapped", ReportText.renamed(result.renamedLabels()))).append('\n');
    }
    if (!result.unknownLabels().isEmpty()) {
      out.append(Messages.text("report.text.unknownLabels", ReportText.counted(result.unknownLabels()))).append('\n');
    }
    out.append('\n');
    out.append(classificationReport(result.report(), digits));
    // scikit-learn's words for its own metric, as in the table above
    out.append(String.format(Locale.ROOT, "%nbalanced accuracy %." + digits + "f%n%n", result.report().balancedAccuracy())); // not user text
    out.append(Messages.text("report.text.confusion")).append('\n');
    out.append(confusionTable(result.report().matrix())).append('\n');
    out.append(counts(result));
    return out.toString();
  }

  /** Exactly scikit-learn's {@code classification_report(..., digits=digits)} text. */
  public static String classificationReport(ClassificationReport report, int digits) {
    int nameWidth = report.labels().stream().mapToInt(String::length).max().orElse(0);
    // scikit-learn's layout and words exactly, so it reads the same as Python's output in every language
    int width = Math.max(Math.max(nameWidth, "weighted avg".length()), digits); // not user text
    String name = "%" + width + "s ";
    String number = " %9." + digits + "f";
    String row = name + number + number + number + " %9d%n";
    StringBuilder out = new StringBuilder();
    out.append(String.format(Locale.ROOT, name + " %9s %9s %9s %9s%n%n", "", "precision", "recall", "f1-score", "support"));
    for (ClassMetrics c : report.classes()) {
      out.append(String.format(Locale.ROOT, row, c.label(), c.precision(), c.recall(), c.f1(), c.support()));
    }
    out.append('\n');
    out.append(String.format(Locale.ROOT, name + " %9s %9s" + number + " %9d%n", "accuracy", "", "", report.accuracy(),
        report.total()));
    AverageMetrics macro = report.macroAverage();
    AverageMetrics weighted = report.weightedAverage();
    out.append(String.format(Locale.ROOT, row, "macro avg", macro.precision(), macro.recall(), macro.f1(), macro.support())); // not user text
    out.append(String.format(Locale.ROOT, row, "weighted avg", weighted.precision(), weighted.recall(), weighted.f1(), // not user text
        weighted.support()));
    return out.toString();
  }

  /** Counts with true labels down the side and predicted labels across the top. */
  public static String confusionTable(ConfusionMatrix matrix) {
    List<String> labels = matrix.labels();
    int rowHeader = Math.max("true \\ predicted".length(), labels.stream().mapToInt(String::length).max().orElse(0));
    int longestLabel = labels.stream().mapToInt(String::length).max().orElse(0);
    int cell = Math.max(Math.max(5, longestLabel), String.valueOf(matrix.total()).length());
    StringBuilder out = new StringBuilder(String.format(Locale.ROOT, "%-" + rowHeader + "s", "true \\ predicted"));
    labels.forEach(label -> out.append(String.format(Locale.ROOT, " %" + cell + "s", label)));
    out.append('\n');
    for (int row = 0; row < labels.size(); row++) {
      out.append(String.format(Locale.ROOT, "%-" + rowHeader + "s", labels.get(row)));
      for (int column = 0; column < labels.size(); column++) {
        out.append(String.format(Locale.ROOT, " %" + cell + "d", matrix.count(row, column)));
      }
      out.append('\n');
    }
    return out.toString();
  }

  private static String counts(EvaluationResult result) {
    List<ImagePrediction> none = result.withoutPrediction();
    List<ImagePrediction> errors = result.errors();
    StringBuilder out = new StringBuilder();
    String noPrediction = ReportText.noPrediction(result.settings().task());
    out.append(Messages.text("report.text.counts", result.predicted().size(), result.predictions().size(), noPrediction,
        none.size(), errors.size(), result.elapsed().toMillis() / 1000.0)).append('\n');
    if (!none.isEmpty() || !errors.isEmpty()) {
      out.append(Messages.text("report.text.endToEnd", result.predictions().size(), noPrediction,
          result.endToEndAccuracy())).append('\n');
    }
    appendList(out, noPrediction, none, false);
    appendList(out, Messages.text("report.errors"), errors, true);
    return out.toString();
  }

  private static void appendList(StringBuilder out, String title, List<ImagePrediction> items, boolean withError) {
    if (items.isEmpty()) {
      return;
    }
    out.append('\n').append(ReportText.capitalised(title)).append(" (").append(items.size()).append("):\n");
    items.stream().limit(LISTED_FILES).forEach(p -> {
      out.append("  ").append(p.name()).append("  [").append(p.truth()).append(']');
      if (withError) {
        out.append("  ").append(p.error().code()).append(": ").append(p.error().localMessage());
      }
      out.append('\n');
    });
    if (items.size() > LISTED_FILES) {
      out.append("  ").append(Messages.text("report.text.more", items.size() - LISTED_FILES)).append('\n');
    }
  }

}
