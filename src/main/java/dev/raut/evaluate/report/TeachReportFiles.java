package dev.raut.evaluate.report;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.raut.core.evaluate.EvaluationResult;
import dev.raut.core.image.ImageDecoder;
import dev.raut.core.teach.Teacher;
import dev.raut.core.teach.TeachEvaluation;
import dev.raut.core.text.Messages;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A teach run's report, as files kept beside the taught model: {@code teach.json} (data, settings,
 * head, figures), {@code curves.png} (loss and accuracy per epoch), and for the held-out photos the
 * evaluation's {@code report.html} and {@code confusion.png}.
 */
public final class TeachReportFiles {
  public static final String SUMMARY = "teach.json";
  public static final String CURVES = "curves.png";
  private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  private TeachReportFiles() {}

  /** The summary written as {@value #SUMMARY}. */
  public record Summary(String name, String data, List<String> classes, Map<String, Integer> trainPhotos,
      Map<String, Integer> testPhotos, boolean ownTestSplit, String backbone, String head, String headReason,
      Map<String, Double> validationAccuracy, Double testAccuracy, Double testBalancedAccuracy, int skipped,
      List<String> warnings, Map<String, Object> settings, long embedMillis, long trainMillis) {}

  public static Summary summary(Teacher.Result result, String name, Teacher.Settings settings, double split) {
    Map<String, Object> s = new LinkedHashMap<>();
    s.put("head", settings.head().name().toLowerCase(java.util.Locale.ROOT));
    s.put("augment", settings.augment());
    s.put("seed", settings.seed());
    s.put("split", result.data().ownTestSplit() ? "the data's own test folder" : split); // not user text: teach.json
    return new Summary(name, result.data().source().toString(), result.data().classes(), result.data().trainCounts(),
        result.data().testCounts(), result.data().ownTestSplit(), result.backbone(), result.training().head().kind(),
        result.training().reason(), result.training().validationAccuracy(),
        result.report() == null ? null : result.report().accuracy(),
        result.report() == null ? null : result.report().balancedAccuracy(), result.skipped().size(),
        result.data().warnings(), s, result.embedMillis(), result.trainMillis());
  }

  /** File name → bytes, for {@code ClassifierLibrary.saveTaught} or any folder. */
  public static Map<String, byte[]> files(Teacher.Result result, Summary summary, ImageDecoder decoder)
      throws IOException {
    Map<String, byte[]> files = new LinkedHashMap<>();
    files.put(SUMMARY, JSON.writeValueAsBytes(summary));
    String xAxis = Messages.text(result.training().head().kind().equals("mlp") ? "report.curves.epoch" : "report.curves.iteration");
    files.put(CURVES, LearningCurves.png(result.training().curves(), xAxis));
    if (result.report() != null) {
      EvaluationResult evaluation = TeachEvaluation.of(result, summary.name());
      byte[] heatmap = ConfusionHeatmap.png(evaluation.report().matrix());
      files.put(EvaluationReportFiles.HEATMAP, heatmap);
      files.put(EvaluationReportFiles.HTML, new HtmlReport(new Thumbnails(decoder))
          .render(evaluation, heatmap, ClassBarsChart.png(evaluation.report())).getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }
    return files;
  }
}
