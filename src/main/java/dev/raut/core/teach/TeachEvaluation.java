package dev.raut.core.teach;

import dev.raut.core.evaluate.Dataset;
import dev.raut.core.evaluate.EvaluationResult;
import dev.raut.core.evaluate.EvaluationSettings;
import dev.raut.core.evaluate.EvaluationTask;
import dev.raut.core.evaluate.ImagePrediction;
import dev.raut.core.evaluate.LabelledImage;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A teach run's held-out photos as an {@link EvaluationResult}, so the evaluation's reports and
 * views (accuracy, balanced accuracy, per-class report, confusion matrix, photos per cell) show it.
 */
public final class TeachEvaluation {
  private TeachEvaluation() {}

  public static EvaluationResult of(Teacher.Result result, String modelName) {
    TeachingData data = result.data();
    List<LabelledImage> images = new ArrayList<>();
    List<ImagePrediction> predictions = new ArrayList<>();
    for (Teacher.TestPrediction p : result.testPredictions()) {
      String truth = data.classes().get(p.photo().label());
      images.add(new LabelledImage(p.photo().file(), p.photo().name(), truth));
      predictions.add(new ImagePrediction(p.photo().file(), p.photo().name(), truth, ImagePrediction.Outcome.PREDICTED,
          data.classes().get(p.predicted()), p.confidence(), null, null));
    }
    for (Teacher.Skipped s : result.skipped()) {
      if (data.test().contains(s.photo())) {
        String truth = data.classes().get(s.photo().label());
        images.add(new LabelledImage(s.photo().file(), s.photo().name(), truth));
        predictions.add(new ImagePrediction(s.photo().file(), s.photo().name(), truth, ImagePrediction.Outcome.ERROR,
            null, 0, null, s.error()));
      }
    }
    Dataset dataset = new Dataset(data.source(), data.source(), Dataset.Layout.CLASS_FOLDERS, images);
    EvaluationSettings settings = new EvaluationSettings(EvaluationTask.CLASSIFY, null, modelName, null, 0.3);
    return new EvaluationResult(dataset, settings, modelName, data.classes(), Map.of(), Map.of(), predictions,
        result.report(), true, Duration.ofMillis(result.embedMillis() + result.trainMillis()));
  }
}
