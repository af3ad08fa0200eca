package dev.raut.core.analysis;

import dev.raut.core.emotion.EmotionViews;

/**
 * What to compute for an image. Emotions imply faces. {@code classifier} is a card or .onnx path of
 * a user's classifier, or null; when its card's scope is {@code face} it runs on each face's crop
 * (and faces are detected for it). {@code emotionViews}: FAST (default) or THOROUGH (five crops, for
 * evaluation-grade accuracy at five times the emotion cost). {@code emotionModel} is the card of a
 * face-scope classifier that reads emotions in the built-in model's place, or null for the built-in one.
 */
public record AnalysisRequest(
    boolean faces, boolean emotions, boolean objects, String classifier, DetectorChoice detector, double objectThreshold,
    EmotionViews emotionViews, String emotionModel) implements java.io.Serializable {
  // serialisable so a distributed door (the Spark job) can hand one request to every worker
  private static final long serialVersionUID = 1L;

  public static final double DEFAULT_OBJECT_THRESHOLD = 0.3;

  public AnalysisRequest {
    faces = faces || emotions;
    detector = detector == null ? DetectorChoice.AUTO : detector;
    emotionViews = emotionViews == null ? EmotionViews.FAST : emotionViews;
  }

  public AnalysisRequest(boolean faces, boolean emotions, boolean objects, String classifier, DetectorChoice detector,
      double objectThreshold, EmotionViews emotionViews) {
    this(faces, emotions, objects, classifier, detector, objectThreshold, emotionViews, null);
  }

  public AnalysisRequest(
      boolean faces, boolean emotions, boolean objects, String classifier, DetectorChoice detector, double objectThreshold) {
    this(faces, emotions, objects, classifier, detector, objectThreshold, EmotionViews.FAST);
  }

  public AnalysisRequest withEmotionViews(EmotionViews views) {
    return new AnalysisRequest(faces, emotions, objects, classifier, detector, objectThreshold, views, emotionModel);
  }

  /** What a user asked for; asking for nothing means faces and emotions, the default of every door. */
  public static AnalysisRequest asked(boolean faces, boolean emotions, boolean objects, String classifier,
      DetectorChoice detector, double objectThreshold, EmotionViews views) {
    boolean nothingAsked = !faces && !emotions && !objects && classifier == null;
    return new AnalysisRequest(faces || nothingAsked, emotions || nothingAsked, objects, classifier, detector,
        objectThreshold, views);
  }

  public static AnalysisRequest facesAndEmotions() {
    return new AnalysisRequest(true, true, false, null, DetectorChoice.AUTO, DEFAULT_OBJECT_THRESHOLD);
  }

  public static AnalysisRequest objectsOnly() {
    return new AnalysisRequest(false, false, true, null, DetectorChoice.AUTO, DEFAULT_OBJECT_THRESHOLD);
  }

  public AnalysisRequest withDetector(DetectorChoice choice) {
    return new AnalysisRequest(faces, emotions, objects, classifier, choice, objectThreshold, emotionViews, emotionModel);
  }

  public AnalysisRequest withClassifier(String cardOrOnnx) {
    return new AnalysisRequest(faces, emotions, objects, cardOrOnnx, detector, objectThreshold, emotionViews, emotionModel);
  }

  /** Emotions read by a user's face-scope classifier (its card path), or by the built-in model when null. */
  public AnalysisRequest withEmotionModel(String card) {
    return new AnalysisRequest(faces, emotions, objects, classifier, detector, objectThreshold, emotionViews, card);
  }

  /** True when nothing at all was asked for. */
  public boolean isEmpty() {
    return !faces && !objects && classifier == null;
  }
}
