package dev.raut.evaluate.report;

import static org.assertj.core.api.Assertions.assertThat;

import dev.raut.core.analysis.AnalysisError;
import dev.raut.core.analysis.DetectorChoice;
import dev.raut.core.evaluate.ClassificationReport;
import dev.raut.core.evaluate.Dataset;
import dev.raut.core.evaluate.EvaluationResult;
import dev.raut.core.evaluate.EvaluationSettings;
import dev.raut.core.evaluate.ImagePrediction;
import dev.raut.core.evaluate.ImagePrediction.Outcome;
import dev.raut.core.image.ImageDecoder;
import dev.raut.core.text.Language;
import dev.raut.core.text.Messages;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;

/** Rendering from a hand-made result (no models): the text layout, HTML escaping and the PNGs. */
class ReportRenderingTest {
  /** scikit-learn 1.2.1's classification_report(truth, predicted, zero_division=0) for the case below. */
  private static final String SKLEARN_REPORT = """
                    precision    recall  f1-score   support

               cat       0.67      0.67      0.67         3
               dog       0.50      0.67      0.57         3
               fox       0.00      0.00      0.00         2
               owl       0.00      0.00      0.00         0

          accuracy                           0.50         8
         macro avg       0.29      0.33      0.31         8
      weighted avg       0.44      0.50      0.46         8
      """;
  private static final List<String> TRUTH = List.of("cat", "cat", "cat", "dog", "dog", "fox", "fox", "dog");
  private static final List<String> PREDICTED = List.of("cat", "cat", "dog", "dog", "owl", "cat", "dog", "dog");

  @Test
  void classificationReportTextMatchesScikitLearnCharacterForCharacter() {
    String text = TextReport.classificationReport(ClassificationReport.of(TRUTH, PREDICTED), 2);

    assertThat(text).isEqualTo(SKLEARN_REPORT);
  }

  @Test
  void terminalReportHasTheMatrixCountsAndLists() {
    String text = TextReport.of(result("cat", "dog"), 2);

    assertThat(text)
        .contains("precision    recall  f1-score   support")
        .contains("balanced accuracy 0.44")
        .contains("true \\ predicted   cat   dog   fox   owl")
        .contains("\nfox                  1     1     0     0\n")
        .contains("Evaluated 8 of 10 images; no face found: 1; errors: 1.")
        .contains("No face found (1):\n  blank.jpg  [dog]")
        .contains("Errors (1):\n  broken.jpg  [cat]  truncated: broken.jpg is cut off")
        .contains("Accuracy over all 10 images (no face found and errors counted as wrong): 0.4000");
  }

  @Test
  void htmlEscapesLabelsAndNamesAndInlinesImages() {
    EvaluationResult result = result("<script>alert(1)</script>", "a&b \"quoted\"");
    String html = new HtmlReport(new Thumbnails(new ImageDecoder()))
        .render(result, ConfusionHeatmap.png(result.report().matrix()), ClassBarsChart.png(result.report()));

    assertThat(html).doesNotContain("<script>").contains("&lt;script&gt;alert(1)&lt;/script&gt;")
        .contains("a&amp;b &quot;quoted&quot;")
        .contains("<table class=\"report\">").contains("<table class=\"confusion\">")
        .contains("src=\"data:image/png;base64,")
        .doesNotContain("http://").doesNotContain("https://");
  }

  @Test
  void theReportsSpeakTheLanguageOfTheRun() {
    EvaluationResult result = result("cat", "dog");
    Messages.setLanguage(Language.INDONESIAN);
    try {
      String html = new HtmlReport(new Thumbnails(new ImageDecoder()))
          .render(result, ConfusionHeatmap.png(result.report().matrix()), ClassBarsChart.png(result.report()));
      String text = TextReport.of(result, 2);

      assertThat(html).contains("<html lang=\"id\">").contains("<h1>Evaluasi test model</h1>")
          .contains("<th>Akurasi seimbang</th><td>0,4444</td>").contains("<h2>Matriks kebingungan</h2>")
          .contains("<h2>Tidak ada wajah (1)</h2>").contains("Label sebenarnya: cat")
          .doesNotContain("Balanced accuracy").doesNotContain("Most confident mistakes");
      assertThat(text).contains("Dataset: /nowhere (0 gambar)")
          .contains("Dievaluasi 8 dari 10 gambar; tidak ada wajah: 1; galat: 1. Waktu: 1,2 dtk.")
          .contains("Galat (1):\n  broken.jpg  [cat]  truncated: broken.jpg is cut off")
          // scikit-learn's own table reads the same in every language
          .contains("precision    recall  f1-score   support");
    } finally {
      Messages.setLanguage(Language.ENGLISH);
    }
  }

  @Test
  void heatmapAndBarsArePngsSizedToTheClasses() throws IOException {
    ClassificationReport report = ClassificationReport.of(TRUTH, PREDICTED);

    BufferedImage heatmap = ImageIO.read(new ByteArrayInputStream(ConfusionHeatmap.png(report.matrix())));
    BufferedImage bars = ImageIO.read(new ByteArrayInputStream(ClassBarsChart.png(report)));

    assertThat(heatmap.getWidth()).isGreaterThan(4 * 22);
    assertThat(heatmap.getHeight()).isGreaterThan(4 * 22);
    assertThat(bars.getWidth()).isGreaterThanOrEqualTo(640);
    // the diagonal cell of cat (2 of 3) is darker than cat's empty fox cell
    assertThat(ConfusionHeatmap.blues(2.0 / 3).getRed()).isLessThan(ConfusionHeatmap.blues(0).getRed());
  }

  /** The metric case above plus one image without a face and one failed image; extra labels renamed. */
  private static EvaluationResult result(String catName, String dogName) {
    List<ImagePrediction> predictions = new ArrayList<>();
    List<String> truth = new ArrayList<>();
    List<String> predicted = new ArrayList<>();
    for (int i = 0; i < TRUTH.size(); i++) {
      String t = rename(TRUTH.get(i), catName, dogName);
      String p = rename(PREDICTED.get(i), catName, dogName);
      truth.add(t);
      predicted.add(p);
      predictions.add(new ImagePrediction(Path.of("/nowhere/" + i + ".jpg"), t + "/" + i + ".jpg", t, Outcome.PREDICTED, p,
          0.5 + i / 20.0, null, null));
    }
    predictions.add(new ImagePrediction(Path.of("/nowhere/blank.jpg"), "blank.jpg", dogName, Outcome.NO_PREDICTION, null, 0,
        null, null));
    predictions.add(new ImagePrediction(Path.of("/nowhere/broken.jpg"), "broken.jpg", catName, Outcome.ERROR, null, 0, null,
        new AnalysisError("truncated", "broken.jpg is cut off")));
    Dataset dataset = new Dataset(Path.of("/nowhere"), Path.of("/nowhere"), Dataset.Layout.CLASS_FOLDERS, List.of());
    return new EvaluationResult(dataset, EvaluationSettings.emotion(DetectorChoice.NONE), "test model",
        List.of(catName, dogName, "fox", "owl"), Map.of(), Map.of(), predictions, ClassificationReport.of(truth, predicted), true,
        Duration.ofMillis(1234));
  }

  private static String rename(String label, String catName, String dogName) {
    return switch (label) {
      case "cat" -> catName;
      case "dog" -> dogName;
      default -> label;
    };
  }
}
