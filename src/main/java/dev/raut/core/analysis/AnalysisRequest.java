package dev.raut.core.analysis;

/**
 * What to compute for an image. Emotions imply faces. {@code classifier} is a card or .onnx path of
 * an image classifier, or null.
 */
public record AnalysisRequest(
    boolean faces, boolean emotions, boolean objects, String classifier, DetectorChoice detector, double objectThreshold) {

  public static final double DEFAULT_OBJECT_THRESHOLD = 0.3;

  public AnalysisRequest {
    faces = faces || emotions;
    detector = detector == null ? DetectorChoice.AUTO : detector;
  }

  public static AnalysisRequest facesAndEmotions() {
    return new AnalysisRequest(true, true, false, null, DetectorChoice.AUTO, DEFAULT_OBJECT_THRESHOLD);
  }

  public static AnalysisRequest objectsOnly() {
    return new AnalysisRequest(false, false, true, null, DetectorChoice.AUTO, DEFAULT_OBJECT_THRESHOLD);
  }

  public AnalysisRequest withDetector(DetectorChoice choice) {
    return new AnalysisRequest(faces, emotions, objects, classifier, choice, objectThreshold);
  }

  public AnalysisRequest withClassifier(String cardOrOnnx) {
    return new AnalysisRequest(faces, emotions, objects, cardOrOnnx, detector, objectThreshold);
  }

  /** True when nothing at all was asked for. */
  public boolean isEmpty() {
    return !faces && !objects && classifier == null;
  }
}
