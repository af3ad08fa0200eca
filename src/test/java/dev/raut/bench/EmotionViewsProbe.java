package dev.raut.bench;

import dev.raut.core.analysis.Analyzer;
import dev.raut.core.analysis.DetectorChoice;
import dev.raut.core.analysis.Engine;
import dev.raut.core.emotion.EmotionModel;
import dev.raut.core.emotion.EmotionViews;
import dev.raut.core.evaluate.Dataset;
import dev.raut.core.evaluate.DatasetReader;
import dev.raut.core.evaluate.EvaluationResult;
import dev.raut.core.evaluate.EvaluationRunner;
import dev.raut.core.evaluate.EvaluationSettings;
import dev.raut.core.evaluate.EvaluationTask;
import dev.raut.core.evaluate.ImagePrediction;
import dev.raut.core.evaluate.LabelMap;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * What reading a face once instead of twice (centred and mirrored) costs in emotion accuracy, per
 * built-in model, on the README's two test sets (the same scoring as {@code raut evaluate}):
 * {@code mvn -q -B test-compile exec:java -Dexec.classpathScope=test -Dexec.mainClass=dev.raut.bench.EmotionViewsProbe
 * -Dexec.args="../shared/data/faces-emotion-dev/labels.csv ../shared/data/fer2013-publictest [MODEL]"}
 * (every built-in model without MODEL).
 */
public final class EmotionViewsProbe {
  private EmotionViewsProbe() {}

  public static void main(String[] args) throws Exception {
    Path photos = Path.of(args[0]);
    Path crops = Path.of(args[1]);
    try (Engine engine = Engine.openDefault()) {
      EvaluationRunner runner = new EvaluationRunner(new Analyzer(engine), Runtime.getRuntime().availableProcessors());
      System.out.println("set, model, views: end-to-end accuracy (correct of images)");
      EmotionModel[] models = args.length > 2 ? new EmotionModel[] {EmotionModel.find(args[2])} : EmotionModel.values();
      for (EmotionModel model : models) {
        for (EmotionViews views : new EmotionViews[] {EmotionViews.FAST, EmotionViews.SINGLE}) {
          report(runner, "faces-emotion-dev", photos, DetectorChoice.AUTO, model, views);
          report(runner, "fer2013-publictest", crops, DetectorChoice.NONE, model, views);
        }
      }
    }
  }

  private static void report(EvaluationRunner runner, String set, Path path, DetectorChoice detector,
      EmotionModel model, EmotionViews views) {
    Dataset data = DatasetReader.read(path);
    EvaluationSettings settings = new EvaluationSettings(EvaluationTask.EMOTION, detector, null, LabelMap.empty(),
        0.3, views, model);
    long start = System.nanoTime();
    EvaluationResult result = runner.run(data, settings, (done, total) -> { }, new AtomicBoolean());
    long correct = result.predictions().stream().filter(ImagePrediction::correct).count();
    System.out.printf("%s, %s, %s: %.2f%% (%d of %d), %.1f s%n", set, model.id(), views, 100 * result.endToEndAccuracy(),
        correct, result.predictions().size(), (System.nanoTime() - start) / 1e9);
  }
}
