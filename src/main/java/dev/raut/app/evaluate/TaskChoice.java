package dev.raut.app.evaluate;

import dev.raut.core.classify.ClassifierLibrary;
import dev.raut.core.evaluate.EvaluationTask;
import dev.raut.core.text.Labels;
import dev.raut.core.text.Messages;

/** What the Evaluate page measures: the emotion model, the object detector, or one imported classifier. */
public record TaskChoice(EvaluationTask task, ClassifierLibrary.Entry classifier) {
  public static final TaskChoice EMOTION = new TaskChoice(EvaluationTask.EMOTION, null);
  public static final TaskChoice OBJECTS = new TaskChoice(EvaluationTask.OBJECTS, null);

  public static TaskChoice classifier(ClassifierLibrary.Entry entry) {
    return new TaskChoice(EvaluationTask.CLASSIFY, entry);
  }

  /** The classifier's card for the runner; null for the built-in models. */
  public String classifierCard() {
    return classifier == null ? null : classifier.card().toString();
  }

  /** Saved in the settings: "emotion", "objects" or "classifier:<id>". */
  public String key() {
    return classifier == null ? task.cliName() : "classifier:" + classifier.id();
  }

  /** In the current language, at the time it is shown. */
  public String label() {
    return switch (task) {
      case EMOTION -> Messages.text("evaluate.task.emotion");
      case OBJECTS -> Messages.text("evaluate.task.objects");
      case CLASSIFY -> Messages.text("evaluate.task.classifier", classifier.name());
    };
  }

  /**
   * A class name as the page shows it: the built-in models' labels in the current language
   * ("happy" → "senang"), a user's classifier's labels as they are. Display only: the report,
   * the matrix and the cell lookups keep the model's own labels.
   */
  static String display(EvaluationTask task, String label) {
    if (label == null) {
      return "";
    }
    return switch (task) {
      case EMOTION -> Labels.emotion(label);
      case OBJECTS -> Labels.object(label);
      case CLASSIFY -> label;
    };
  }

  /** "no face found" and its kin in the current language (core's own text is English). */
  static String noPrediction(EvaluationTask task) {
    return Messages.text("evaluate.noPrediction." + task.cliName());
  }

  @Override
  public String toString() {
    return label();
  }
}
