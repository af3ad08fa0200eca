package dev.raut.core.evaluate;

import dev.raut.core.analysis.AnalysisError;
import dev.raut.core.geometry.Box;
import java.nio.file.Path;

/**
 * What happened to one labelled image.
 *
 * @param truth the label after mapping to the model's labels
 * @param predicted the model's label; null unless {@code outcome} is {@link Outcome#PREDICTED}
 * @param confidence the model's score for {@code predicted} (0 without a prediction)
 * @param region the face or object the prediction is about, in original-image pixels; null for the whole image
 * @param error why the image could not be analysed; null unless {@code outcome} is {@link Outcome#ERROR}
 */
public record ImagePrediction(
    Path file, String name, String truth, Outcome outcome, String predicted, double confidence, Box region,
    AnalysisError error) {

  public enum Outcome {
    /** The model gave a label. */
    PREDICTED,
    /** Analysed fine, but nothing to judge: no face (emotion), no object (objects). */
    NO_PREDICTION,
    /** The image could not be analysed (missing, corrupt, not an image). */
    ERROR
  }

  public boolean isPredicted() {
    return outcome == Outcome.PREDICTED;
  }

  public boolean correct() {
    return isPredicted() && truth.equals(predicted);
  }

  public boolean mistaken() {
    return isPredicted() && !truth.equals(predicted);
  }
}
