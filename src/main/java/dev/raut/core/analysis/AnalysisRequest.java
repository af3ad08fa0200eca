package dev.raut.core.analysis;

import dev.raut.core.emotion.EmotionModel;
import dev.raut.core.emotion.EmotionViews;

/**
 * What to compute for an image. Emotions imply faces. {@code classifier} is a card or .onnx path of
 * a user's classifier, or null; when its card's scope is {@code face} it runs on each face's crop
 * (and faces are detected for it). {@code emotionViews}: FAST (default) or THOROUGH (five crops, for
 * evaluation-grade accuracy at five times the emotion cost). {@code emotionModel} is the card of a
 * face-scope classifier that reads emotions in the built-in model's place, or null for the built-in one;
 * {@code builtInEmotion} which built-in network reads them (null: the best measured for the input,
 * see {@link #emotionChoice()}). {@code ageGender} and {@code landmarks} are per-face extras that
 * run only when asked, and imply faces.
 */
public record AnalysisRequest(
    boolean faces, boolean emotions, boolean objects, String classifier, DetectorChoice detector, double objectThreshold,
    EmotionViews emotionViews, String emotionModel, EmotionModel builtInEmotion, boolean ageGender, boolean landmarks)
    implements java.io.Serializable {
  // serialisable so a distributed door (the Spark job) can hand one request to every worker
  private static final long serialVersionUID = 1L;

  public static final double DEFAULT_OBJECT_THRESHOLD = 0.3;

  public AnalysisRequest {
    faces = faces || emotions || ageGender || landmarks;
    detector = detector == null ? DetectorChoice.AUTO : detector;
    emotionViews = emotionViews == null ? EmotionViews.FAST : emotionViews;
  }

  public AnalysisRequest(boolean faces, boolean emotions, boolean objects, String classifier, DetectorChoice detector,
      double objectThreshold, EmotionViews emotionViews, String emotionModel) {
    this(faces, emotions, objects, classifier, detector, objectThreshold, emotionViews, emotionModel, null, false, false);
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
    return new AnalysisRequest(faces, emotions, objects, classifier, detector, objectThreshold, views, emotionModel,
        builtInEmotion, ageGender, landmarks);
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
    return new AnalysisRequest(faces, emotions, objects, classifier, choice, objectThreshold, emotionViews, emotionModel,
        builtInEmotion, ageGender, landmarks);
  }

  public AnalysisRequest withClassifier(String cardOrOnnx) {
    return new AnalysisRequest(faces, emotions, objects, cardOrOnnx, detector, objectThreshold, emotionViews, emotionModel,
        builtInEmotion, ageGender, landmarks);
  }

  /** Emotions read by a user's face-scope classifier (its card path), or by the built-in model when null. */
  public AnalysisRequest withEmotionModel(String card) {
    return new AnalysisRequest(faces, emotions, objects, classifier, detector, objectThreshold, emotionViews, card,
        builtInEmotion, ageGender, landmarks);
  }

  /** Emotions read by this built-in network (null: the measured best for the input). */
  public AnalysisRequest withBuiltInEmotion(EmotionModel model) {
    return new AnalysisRequest(faces, emotions, objects, classifier, detector, objectThreshold, emotionViews, emotionModel,
        model, ageGender, landmarks);
  }

  /** Adds or removes the per-face extras: age and gender, 68 landmarks. */
  public AnalysisRequest withFaceExtras(boolean withAgeGender, boolean withLandmarks) {
    return new AnalysisRequest(faces, emotions, objects, classifier, detector, objectThreshold, emotionViews, emotionModel,
        builtInEmotion, withAgeGender, withLandmarks);
  }

  /**
   * The built-in network that reads emotions: the one asked for, else the best measured for the
   * input (README, "Emotion accuracy"): pre-cropped FER2013-style faces ({@code --detector none})
   * → mini-Xception, which was trained on exactly such crops; faces found in photos → the blend of
   * both networks, which ties FaceExpressionNet on the dev photos and is 5.5 points better on
   * FER2013 crops, the one other kind of face measured.
   */
  public EmotionModel emotionChoice() {
    if (builtInEmotion != null) {
      return builtInEmotion;
    }
    return detector == DetectorChoice.NONE ? DEFAULT_FOR_CROPS : DEFAULT_FOR_PHOTOS;
  }

  /**
   * The same for live video, where each frame has a budget: mini-Xception, the cheapest network
   * (1.8 ms per face against FaceExpressionNet's 3.6 ms, docs/live.md), so asking for emotions
   * alone keeps Live's frame rate; the tracker's smoothing over frames steadies the label. A
   * network asked for by name runs in Live too.
   */
  public EmotionModel emotionChoiceForVideo() {
    EmotionModel choice = emotionChoice();
    return builtInEmotion == null && choice == EmotionModel.BLEND ? DEFAULT_FOR_VIDEO : choice;
  }

  /**
   * The views of each face the emotion network reads: those asked for, except that pre-cropped
   * faces ({@code --detector none}) are always read thoroughly. They pay for no detection and are
   * small (FER2013's 48 × 48), so the four shifted crops cost little next to the photo they came
   * from, and they lift FER2013 PublicTest from 65.9% to 66.8% (README, "Emotion accuracy").
   */
  public EmotionViews emotionViewsChoice() {
    return detector == DetectorChoice.NONE && emotionViews == EmotionViews.FAST ? EmotionViews.THOROUGH : emotionViews;
  }

  static final EmotionModel DEFAULT_FOR_CROPS = EmotionModel.MINI_XCEPTION;
  static final EmotionModel DEFAULT_FOR_PHOTOS = EmotionModel.BLEND;
  static final EmotionModel DEFAULT_FOR_VIDEO = EmotionModel.MINI_XCEPTION;

  /** True when nothing at all was asked for. */
  public boolean isEmpty() {
    return !faces && !objects && classifier == null;
  }
}
