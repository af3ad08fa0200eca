package dev.raut.core.analysis;

import dev.raut.core.emotion.EmotionViews;

/**
 * What to compute for an image. Emotions imply faces. {@code classifier} is a card or .onnx path of
 * an image classifier, or null. {@code emotionViews}: FAST (default) or THOROUGH (five crops, for
 * evaluation-grade accuracy at five times the emotion cost).
 */
public record AnalysisRequest(
    boolean faces, boolean emotions, boolean objects, String classifier, DetectorChoice detector, double objectThreshold,
    EmotionViews emotionViews) {

  public static final double DEFAULT_OBJECT_THRESHOLD = 0.3;

  public AnalysisRequest {
    faces = faces || emotions;
    detector = detector == null ? DetectorChoice.AUTO : detector;
    emotionViews = emotionViews == null ? EmotionViews.FAST : emotionViews;
  }

  public AnalysisRequest(
      boolean faces, boolean emotions, boolean objects, String classifier, DetectorChoice detector, double objectThreshold) {
    this(faces, emotions, objects, classifier, detector, objectThreshold, EmotionViews.FAST);
  }

  public AnalysisRequest withEmotionViews(EmotionViews views) {
    return new AnalysisRequest(faces, emotions, objects, classifier, detector, objectThreshold, views);
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
    return new AnalysisRequest(faces, emotions, objects, classifier, choice, objectThreshold, emotionViews);
  }

  public AnalysisRequest withClassifier(String cardOrOnnx) {
    return new AnalysisRequest(faces, emotions, objects, cardOrOnnx, detector, objectThreshold, emotionViews);
  }

  /** True when nothing at all was asked for. */
  public boolean isEmpty() {
    return !faces && !objects && classifier == null;
  }
}
