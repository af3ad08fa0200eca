package dev.raut.core.evaluate;

import java.time.Duration;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Everything an evaluation found, for reports and views to bind to: one {@link ImagePrediction}
 * per dataset image (in dataset order), and the {@link ClassificationReport} over the images that
 * got a prediction. Images without a prediction or with an error are not in the metrics; they are
 * counted and listed here.
 *
 * @param dataset the dataset with its labels mapped to the model's
 * @param model the model's name
 * @param modelLabels every label the model can predict
 * @param renamedLabels dataset label → model label, for every label the label map (or spelling) changed
 * @param unknownLabels dataset labels the model does not have, with their image counts
 * @param complete false when the run was cancelled; then only the images analysed so far are in it
 */
public record EvaluationResult(
    Dataset dataset, EvaluationSettings settings, String model, List<String> modelLabels,
    Map<String, String> renamedLabels, Map<String, Integer> unknownLabels, List<ImagePrediction> predictions,
    ClassificationReport report, boolean complete, Duration elapsed) {

  public EvaluationResult {
    modelLabels = List.copyOf(modelLabels);
    renamedLabels = Collections.unmodifiableMap(new TreeMap<>(renamedLabels));
    unknownLabels = Collections.unmodifiableMap(new TreeMap<>(unknownLabels));
    predictions = List.copyOf(predictions);
  }

  /** The images the metrics are computed on. */
  public List<ImagePrediction> predicted() {
    return withOutcome(ImagePrediction.Outcome.PREDICTED);
  }

  /** Analysed, but with nothing to judge (e.g. no face found). */
  public List<ImagePrediction> withoutPrediction() {
    return withOutcome(ImagePrediction.Outcome.NO_PREDICTION);
  }

  /** Images that could not be analysed, each with its error. */
  public List<ImagePrediction> errors() {
    return withOutcome(ImagePrediction.Outcome.ERROR);
  }

  /** The images behind one confusion-matrix cell, most confident first. */
  public List<ImagePrediction> filesIn(String truth, String predicted) {
    return predictions.stream()
        .filter(p -> p.isPredicted() && p.truth().equals(truth) && p.predicted().equals(predicted))
        .sorted(Comparator.comparingDouble(ImagePrediction::confidence).reversed())
        .toList();
  }

  /** Images of true class {@code truth} the model got wrong, the most confident mistakes first. */
  public List<ImagePrediction> mostConfidentMistakes(String truth, int limit) {
    return predictions.stream()
        .filter(p -> p.mistaken() && p.truth().equals(truth))
        .sorted(Comparator.comparingDouble(ImagePrediction::confidence).reversed())
        .limit(limit)
        .toList();
  }

  /** Correct predictions over every image analysed, counting no-prediction and errors as wrong. */
  public double endToEndAccuracy() {
    long correct = predictions.stream().filter(ImagePrediction::correct).count();
    return predictions.isEmpty() ? 0.0 : (double) correct / predictions.size();
  }

  private List<ImagePrediction> withOutcome(ImagePrediction.Outcome outcome) {
    return predictions.stream().filter(p -> p.outcome() == outcome).toList();
  }
}
