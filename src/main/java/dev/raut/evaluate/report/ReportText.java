package dev.raut.evaluate.report;

import dev.raut.core.evaluate.EvaluationTask;
import dev.raut.core.text.Messages;
import java.util.Map;
import java.util.stream.Collectors;

/** Wording shared by the terminal and HTML reports. */
final class ReportText {
  private ReportText() {}

  /** {@code happiness -> happy, anger -> angry} */
  static String renamed(Map<String, String> renamed) {
    return renamed.entrySet().stream().map(e -> e.getKey() + " -> " + e.getValue()).collect(Collectors.joining(", "));
  }

  /** {@code contempt (12 images), bored (3 images)} */
  static String counted(Map<String, Integer> counts) {
    return counts.entrySet().stream().map(e -> Messages.text("report.counted", e.getKey(), e.getValue()))
        .collect(Collectors.joining(", "));
  }

  /** "no face found" in the run's language, from the task's code ({@code no_face}). */
  static String noPrediction(EvaluationTask task) {
    return Messages.text("report.noPrediction." + task.noPredictionCode());
  }

  static String capitalised(String s) {
    return s.isEmpty() ? s : Character.toUpperCase(s.charAt(0)) + s.substring(1);
  }
}
