package dev.raut.core.evaluate;

import dev.raut.core.analysis.AnalysisRequest;
import dev.raut.core.analysis.DetectorChoice;
import dev.raut.core.emotion.EmotionModel;
import dev.raut.core.emotion.EmotionViews;

/**
 * How to evaluate: the task, the face detector (emotion; {@code NONE} for pre-cropped faces), the
 * classifier card or .onnx (classify), the label map, the minimum object score (objects) and how
 * many views of each face the emotion model reads, and which built-in emotion model reads them
 * (null: the measured best for the input).
 */
public record EvaluationSettings(
    EvaluationTask task, DetectorChoice detector, String classifier, LabelMap labelMap, double objectThreshold,
    EmotionViews emotionViews, EmotionModel emotionModel) {

  public EvaluationSettings(
      EvaluationTask task, DetectorChoice detector, String classifier, LabelMap labelMap, double objectThreshold) {
    this(task, detector, classifier, labelMap, objectThreshold, EmotionViews.FAST, null);
  }

  public EvaluationSettings(EvaluationTask task, DetectorChoice detector, String classifier, LabelMap labelMap,
      double objectThreshold, EmotionViews emotionViews) {
    this(task, detector, classifier, labelMap, objectThreshold, emotionViews, null);
  }

  public EvaluationSettings {
    if (task == null) {
      throw new IllegalArgumentException("task is required");
    }
    if (task == EvaluationTask.CLASSIFY && (classifier == null || classifier.isBlank())) {
      throw new IllegalArgumentException("The classify task needs a classifier: a card (.json) or an .onnx file");
    }
    detector = detector == null ? DetectorChoice.AUTO : detector;
    labelMap = labelMap == null ? LabelMap.empty() : labelMap;
    emotionViews = emotionViews == null ? EmotionViews.FAST : emotionViews;
  }

  public static EvaluationSettings emotion(DetectorChoice detector) {
    return new EvaluationSettings(EvaluationTask.EMOTION, detector, null, LabelMap.empty(),
        AnalysisRequest.DEFAULT_OBJECT_THRESHOLD);
  }

  public EvaluationSettings withLabelMap(LabelMap map) {
    return new EvaluationSettings(task, detector, classifier, map, objectThreshold, emotionViews, emotionModel);
  }

  public EvaluationSettings withEmotionViews(EmotionViews views) {
    return new EvaluationSettings(task, detector, classifier, labelMap, objectThreshold, views, emotionModel);
  }

  public EvaluationSettings withEmotionModel(EmotionModel model) {
    return new EvaluationSettings(task, detector, classifier, labelMap, objectThreshold, emotionViews, model);
  }

  /** The analysis each image gets. */
  public AnalysisRequest request() {
    return task.request(this);
  }
}
