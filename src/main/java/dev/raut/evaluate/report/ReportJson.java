package dev.raut.evaluate.report;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.raut.core.evaluate.AverageMetrics;
import dev.raut.core.evaluate.ClassMetrics;
import dev.raut.core.evaluate.ClassificationReport;
import dev.raut.core.evaluate.ConfusionMatrix;
import dev.raut.core.evaluate.EvaluationResult;
import dev.raut.core.evaluate.ImagePrediction;
import dev.raut.core.geometry.Box;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/** {@code report.json}: the whole evaluation, machine-readable, with snake_case keys. */
public final class ReportJson {
  private static final ObjectMapper MAPPER = new ObjectMapper()
      .setPropertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
      .enable(SerializationFeature.INDENT_OUTPUT);

  private ReportJson() {}

  public static void write(EvaluationResult result, Path file) throws IOException {
    MAPPER.writeValue(file.toFile(), of(result));
  }

  public static Report of(EvaluationResult result) {
    ClassificationReport report = result.report();
    ConfusionMatrix matrix = report.matrix();
    return new Report(
        new DatasetInfo(result.dataset().source().toString(), result.dataset().root().toString(),
            result.dataset().layout().name().toLowerCase(), result.dataset().images().size()),
        result.settings().task().cliName(), result.model(), result.settings().detector().cliName(),
        result.settings().classifier(), result.settings().labelMap().entries(), result.renamedLabels(),
        result.unknownLabels(), result.modelLabels(), result.complete(), result.elapsed().toMillis() / 1000.0,
        new Counts(result.predictions().size(), result.predicted().size(), result.withoutPrediction().size(),
            result.errors().size()),
        report.accuracy(), report.balancedAccuracy(), result.endToEndAccuracy(), report.classes(),
        report.macroAverage(), report.weightedAverage(),
        new Matrix(matrix.labels(), Arrays.stream(matrix.toArray()).map(row -> Arrays.stream(row).boxed().toList()).toList()),
        result.withoutPrediction().stream().map(ImagePrediction::name).toList(),
        result.errors().stream().map(p -> new FileError(p.name(), p.truth(), p.error().code(), p.error().message())).toList(),
        result.predictions().stream().map(p -> prediction(p, result)).toList());
  }

  private static Prediction prediction(ImagePrediction p, EvaluationResult result) {
    Box r = p.region();
    return new Prediction(p.name(), p.truth(), p.predicted(), p.isPredicted() ? p.confidence() : null,
        PredictionsCsv.status(p, result.settings().task()), r == null ? null : List.of(r.x(), r.y(), r.width(), r.height()));
  }

  /** The top level of report.json. */
  public record Report(
      DatasetInfo dataset, String task, String model, String detector, String classifier, Map<String, String> labelMap,
      Map<String, String> renamedLabels, Map<String, Integer> unknownLabels, List<String> modelLabels, boolean complete,
      double seconds, Counts counts, double accuracy, double balancedAccuracy, double endToEndAccuracy,
      List<ClassMetrics> classes, AverageMetrics macroAvg, AverageMetrics weightedAvg, Matrix confusionMatrix,
      List<String> noPrediction, List<FileError> errors, List<Prediction> predictions) {}

  public record DatasetInfo(String source, String root, String layout, int images) {}

  /** {@code evaluated} images are in the metrics; the others are counted here and listed below. */
  public record Counts(int images, int evaluated, int noPrediction, int errors) {}

  /** Rows are true labels, columns predicted labels. */
  public record Matrix(List<String> labels, List<List<Integer>> counts) {}

  public record FileError(String file, String truth, String code, String message) {}

  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record Prediction(String file, String truth, String prediction, Double confidence, String status, List<Double> region) {}
}
