package dev.raut.app.evaluate;

import dev.raut.core.classify.ClassifierLibrary;
import dev.raut.core.evaluate.EvaluationTask;

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

  public String label() {
    return switch (task) {
      case EMOTION -> "Emotion (largest face)";
      case OBJECTS -> "Objects (top COCO-80 label)";
      case CLASSIFY -> "Classifier: " + classifier.name();
    };
  }

  @Override
  public String toString() {
    return label();
  }
}
