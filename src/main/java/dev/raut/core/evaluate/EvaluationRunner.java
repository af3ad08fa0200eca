package dev.raut.core.evaluate;

import dev.raut.core.analysis.AnalysisRequest;
import dev.raut.core.analysis.Analyzer;
import dev.raut.core.analysis.AnalysisService;
import dev.raut.core.analysis.BatchAnalyzer;
import dev.raut.core.analysis.Engine;
import dev.raut.core.analysis.ImageAnalysis;
import dev.raut.core.model.ModelCatalog;
import dev.raut.core.onnx.ModelLoadException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Runs a model over a labelled dataset (on several threads, through {@link BatchAnalyzer}) and
 * scores it. Cancelling stops within a few images and returns what was done so far, marked
 * incomplete.
 */
public final class EvaluationRunner {
  private final Analyzer analyzer;
  private final BatchAnalyzer batch;

  /** On {@code threads} threads of each run's own (probes, benchmarks). */
  public EvaluationRunner(Analyzer analyzer, int threads) {
    this.analyzer = analyzer;
    this.batch = new BatchAnalyzer(analyzer, threads);
  }

  /** On the service's threads: the doors' way. */
  public EvaluationRunner(AnalysisService service) {
    this.analyzer = service.analyzer().join();
    this.batch = service.batch();
  }

  /**
   * @param progress told after each image (called on the thread that called {@code run})
   * @throws ModelLoadException when a model the task needs cannot be loaded
   */
  public EvaluationResult run(Dataset dataset, EvaluationSettings settings, BatchAnalyzer.Progress progress,
      AtomicBoolean cancelled) {
    Engine engine = analyzer.engine();
    AnalysisRequest request = settings.request();
    engine.warmUp(request);
    EvaluationTask task = settings.task();
    List<String> modelLabels = task.modelLabels(engine, settings);
    LabelMap.Mapped mapped = settings.labelMap().applyTo(dataset, modelLabels);
    List<LabelledImage> images = mapped.dataset().images();
    List<Path> files = images.stream().map(LabelledImage::file).toList();

    long start = System.nanoTime();
    List<ImagePrediction> predictions = new ArrayList<>(images.size());
    // results arrive in input order, so the next result belongs to the next image
    boolean complete = batch.run(files, request,
        analysis -> predictions.add(judge(images.get(predictions.size()), analysis, task)), progress, cancelled);
    Duration elapsed = Duration.ofNanos(System.nanoTime() - start);

    List<String> truth = new ArrayList<>();
    List<String> predicted = new ArrayList<>();
    for (ImagePrediction p : predictions) {
      if (p.isPredicted()) {
        truth.add(p.truth());
        predicted.add(p.predicted());
      }
    }
    return new EvaluationResult(mapped.dataset(), settings, modelName(engine, settings), modelLabels, mapped.renamed(),
        mapped.unknownToModel(), predictions, ClassificationReport.of(truth, predicted), complete, elapsed);
  }

  private static ImagePrediction judge(LabelledImage image, ImageAnalysis analysis, EvaluationTask task) {
    if (!analysis.ok()) {
      return new ImagePrediction(image.file(), image.name(), image.label(), ImagePrediction.Outcome.ERROR, null, 0,
          null, analysis.error());
    }
    Optional<EvaluationTask.Prediction> prediction = task.predict(analysis);
    if (prediction.isEmpty()) {
      return new ImagePrediction(image.file(), image.name(), image.label(), ImagePrediction.Outcome.NO_PREDICTION, null,
          0, null, null);
    }
    EvaluationTask.Prediction p = prediction.get();
    return new ImagePrediction(image.file(), image.name(), image.label(), ImagePrediction.Outcome.PREDICTED, p.label(),
        p.confidence(), p.region(), null);
  }

  /** The built-in network that read the emotions (the report said mini-Xception whichever one ran). */
  private static String emotionModelName(EvaluationSettings settings) {
    dev.raut.core.emotion.EmotionModel model = new AnalysisRequest(true, true, false, null,
        settings.detector(), 0).withBuiltInEmotion(settings.emotionModel()).emotionChoice();
    String mini = ModelCatalog.defaults().get(ModelCatalog.EMOTION).name();
    String expression = ModelCatalog.defaults().get(ModelCatalog.FACE_EXPRESSION).name();
    return switch (model) {
      case MINI_XCEPTION -> mini;
      case FACE_EXPRESSION -> expression;
      // said in the language of the run: the name is kept in the result the page and report show
      case BLEND -> dev.raut.core.text.Messages.text("evaluate.model.blend", mini, expression);
    };
  }

  private static String modelName(Engine engine, EvaluationSettings settings) {
    return switch (settings.task()) {
      case EMOTION -> emotionModelName(settings);
      case OBJECTS -> ModelCatalog.defaults().get(ModelCatalog.OBJECTS).name();
      case CLASSIFY -> engine.classifier(settings.classifier()).name();
    };
  }
}
