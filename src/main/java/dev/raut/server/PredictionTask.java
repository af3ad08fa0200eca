package dev.raut.server;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import dev.raut.core.analysis.AnalysisRequest;
import dev.raut.core.analysis.DetectorChoice;
import dev.raut.core.analysis.ImageAnalysis;
import java.util.Comparator;
import java.util.Locale;

/** What {@code POST /prediction} answers with: one label and its confidence per image. */
public enum PredictionTask {
  /** The most confident of the 80 COCO objects. */
  OBJECTS,
  /** The emotion of the most prominent (largest) face. */
  EMOTION,
  /** The top class of the user's classifier. */
  CLASSIFIER;

  /**
   * The {@code data} of a successful {@code /prediction}, in the Flask API's field names. Label null
   * and confidence 0 when there is nothing to name (no face, no object above the detector's floor).
   */
  @JsonPropertyOrder({"image_types_prediction", "confidence"})
  public record Prediction(@JsonProperty("image_types_prediction") String label, double confidence) {
    static final Prediction NOTHING = new Prediction(null, 0.0);

    /** Rounded as /analyze rounds its scores: this record is the wire form. */
    public Prediction {
      confidence = dev.raut.core.analysis.ResultJson.score(confidence);
    }
  }

  public String cliName() {
    return name().toLowerCase(Locale.ROOT);
  }

  public static PredictionTask parse(String text) {
    for (PredictionTask task : values()) {
      if (task.cliName().equals(text.trim().toLowerCase(Locale.ROOT))) {
        return task;
      }
    }
    throw new IllegalArgumentException("Unknown task '" + text + "': use objects or emotion (or --classifier)");
  }

  /** Only the models this task needs; the objects task keeps every object the detector reports. */
  AnalysisRequest request(String classifier) {
    return request(classifier, null);
  }

  /** {@code emotionModel}: the card of a user's face-scope emotion model, or null for the built-in one. */
  AnalysisRequest request(String classifier, String emotionModel) {
    return switch (this) {
      case OBJECTS -> new AnalysisRequest(false, false, true, null, DetectorChoice.AUTO, 0.0);
      case EMOTION -> AnalysisRequest.facesAndEmotions().withEmotionModel(emotionModel);
      case CLASSIFIER -> new AnalysisRequest(false, false, false, classifier, DetectorChoice.AUTO, 0.0);
    };
  }

  Prediction pick(ImageAnalysis result) {
    return switch (this) {
      case OBJECTS -> result.objects().stream()
          .max(Comparator.comparingDouble(ImageAnalysis.DetectedObjectResult::score))
          .map(o -> new Prediction(o.label(), o.score())).orElse(Prediction.NOTHING);
      case EMOTION -> largestFace(result).filter(f -> f.emotion() != null)
          .map(f -> new Prediction(f.emotion().label(), f.emotion().score())).orElse(Prediction.NOTHING);
      // a face-scope classifier answers per face: the largest face speaks for the photo, as for emotion
      case CLASSIFIER -> result.classes().stream().findFirst()
          .or(() -> largestFace(result).flatMap(f -> f.classes().stream().findFirst()))
          .map(c -> new Prediction(c.label(), c.score())).orElse(Prediction.NOTHING);
    };
  }

  private static java.util.Optional<ImageAnalysis.Face> largestFace(ImageAnalysis result) {
    return result.faces().stream().max(Comparator.comparingDouble(f -> f.box().area()));
  }
}
