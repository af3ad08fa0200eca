package dev.raut.core.evaluate;

import dev.raut.core.analysis.AnalysisRequest;
import dev.raut.core.analysis.Engine;
import dev.raut.core.analysis.ImageAnalysis;
import dev.raut.core.geometry.Box;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/** What is evaluated: which analysis runs on each image and which of its results is the prediction. */
public enum EvaluationTask {
  /** The emotion of the most prominent (largest) face. */
  EMOTION("no face found", "no_face"),
  /** The label of the highest-scoring object. */
  OBJECTS("no object found", "no_object"),
  /** The top class of the user's classifier. */
  CLASSIFY("no class returned", "no_class");

  /** The model's answer for one image; {@code region} is the face or object it is about, or null for the whole image. */
  public record Prediction(String label, double confidence, Box region) {}

  private final String noPredictionText;
  private final String noPredictionCode;

  EvaluationTask(String noPredictionText, String noPredictionCode) {
    this.noPredictionText = noPredictionText;
    this.noPredictionCode = noPredictionCode;
  }

  /** The machine word for an image without a prediction, e.g. {@code no_face}. */
  public String noPredictionCode() {
    return noPredictionCode;
  }

  /** How an image without a prediction is described, e.g. "no face found". */
  public String noPredictionText() {
    return noPredictionText;
  }

  public String cliName() {
    return name().toLowerCase(Locale.ROOT);
  }

  public static EvaluationTask parse(String text) {
    try {
      return valueOf(text.trim().toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("Unknown task '" + text + "': use emotion, objects or classify");
    }
  }

  AnalysisRequest request(EvaluationSettings settings) {
    return switch (this) {
      case EMOTION -> AnalysisRequest.facesAndEmotions().withDetector(settings.detector())
          .withEmotionViews(settings.emotionViews()).withBuiltInEmotion(settings.emotionModel());
      case OBJECTS -> new AnalysisRequest(false, false, true, null, settings.detector(), settings.objectThreshold());
      case CLASSIFY -> new AnalysisRequest(false, false, false, settings.classifier(), settings.detector(),
          settings.objectThreshold());
    };
  }

  /** Every label the model can predict, in the model's order. */
  List<String> modelLabels(Engine engine, EvaluationSettings settings) {
    return switch (this) {
      case EMOTION -> engine.emotion().labels();
      case OBJECTS -> engine.objects().labels();
      case CLASSIFY -> engine.classifier(settings.classifier()).spec().labels();
    };
  }

  /** The prediction in a successful analysis, if it has one. */
  Optional<Prediction> predict(ImageAnalysis analysis) {
    return switch (this) {
      case EMOTION -> analysis.faces().stream()
          .filter(face -> face.emotion() != null)
          .max(Comparator.comparingDouble(face -> face.box().area()))
          .map(face -> new Prediction(face.emotion().label(), face.emotion().score(), face.box()));
      case OBJECTS -> analysis.objects().stream()
          .max(Comparator.comparingDouble(ImageAnalysis.DetectedObjectResult::score))
          .map(object -> new Prediction(object.label(), object.score(), object.box()));
      // a face-scope classifier answers per face: the largest face's top class is the photo's
      case CLASSIFY -> analysis.classes().stream().findFirst()
          .map(top -> new Prediction(top.label(), top.score(), null))
          .or(() -> analysis.faces().stream().filter(face -> !face.classes().isEmpty())
              .max(Comparator.comparingDouble(face -> face.box().area()))
              .map(face -> new Prediction(face.classes().get(0).label(), face.classes().get(0).score(), face.box())));
    };
  }
}
