package dev.raut.evaluate.report;

import dev.raut.core.evaluate.AverageMetrics;
import dev.raut.core.evaluate.ClassMetrics;
import dev.raut.core.evaluate.ClassificationReport;
import dev.raut.core.evaluate.ConfusionMatrix;
import dev.raut.core.evaluate.EvaluationResult;
import dev.raut.core.evaluate.ImagePrediction;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * {@code report.html}: one self-contained page (no network, every image inlined as a data: URI)
 * with the summary, the per-class table, the confusion heatmap, per-class bars and thumbnails of
 * the most confident mistakes of each class.
 */
public final class HtmlReport {
  /** Thumbnails shown per true class. */
  static final int MISTAKES_PER_CLASS = 8;
  private static final String STYLE = """
      body{font-family:system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;margin:2em auto;max-width:1100px;padding:0 1em;color:#212121}
      h1{font-size:1.6em}h2{margin-top:1.8em;border-bottom:1px solid #e0e0e0;padding-bottom:.2em}
      table{border-collapse:collapse;margin:.5em 0}th,td{padding:.3em .8em;border-bottom:1px solid #eeeeee}
      td.num,th.num{text-align:right;font-variant-numeric:tabular-nums}
      table.summary th{text-align:left;font-weight:normal;color:#616161}
      table.confusion td.num{min-width:3em}table.confusion td.diagonal{font-weight:bold}
      .warning{background:#fff8e1;border-left:4px solid #ffb300;padding:.5em 1em}
      .thumbs{display:flex;flex-wrap:wrap;gap:12px}
      figure{margin:0;width:128px;font-size:.8em}figure img{display:block;max-width:112px;max-height:112px;border:1px solid #bdbdbd}
      figcaption{word-break:break-all}
      img.chart{max-width:100%;height:auto}
      """;

  private final Thumbnails thumbnails;

  public HtmlReport(Thumbnails thumbnails) {
    this.thumbnails = thumbnails;
  }

  public void write(EvaluationResult result, byte[] heatmapPng, byte[] barsPng, Path file) throws IOException {
    Files.writeString(file, render(result, heatmapPng, barsPng), StandardCharsets.UTF_8);
  }

  public String render(EvaluationResult result, byte[] heatmapPng, byte[] barsPng) {
    ClassificationReport report = result.report();
    String noPrediction = result.settings().task().noPredictionText();
    StringBuilder html = new StringBuilder(64 * 1024);
    html.append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n")
        .append("<title>Raut evaluation: ").append(escape(result.dataset().source().getFileName() + "")).append("</title>\n")
        .append("<style>").append(STYLE).append("</style>\n</head>\n<body>\n");
    html.append("<h1>Evaluation of ").append(escape(result.model())).append("</h1>\n");

    html.append("<table class=\"summary\">\n");
    summaryRow(html, "Dataset", escape(result.dataset().source().toString()) + " (" + layoutName(result) + ")");
    summaryRow(html, "Task", escape(result.settings().task().cliName()) + detectorNote(result));
    summaryRow(html, "Images", result.predictions().size() + " (evaluated " + result.predicted().size() + ", "
        + escape(noPrediction) + " " + result.withoutPrediction().size() + ", errors " + result.errors().size() + ")");
    summaryRow(html, "Accuracy", fixed(report.accuracy()));
    summaryRow(html, "Balanced accuracy", fixed(report.balancedAccuracy()));
    summaryRow(html, "Macro F1", fixed(report.macroAverage().f1()));
    if (result.withoutPrediction().size() + result.errors().size() > 0) {
      summaryRow(html, "Accuracy over all images", fixed(result.endToEndAccuracy()) + " (" + escape(noPrediction)
          + " and errors counted as wrong)");
    }
    summaryRow(html, "Time", String.format(Locale.ROOT, "%.1f s", result.elapsed().toMillis() / 1000.0));
    summaryRow(html, "Written", escape(ZonedDateTime.now().truncatedTo(ChronoUnit.SECONDS).format(DateTimeFormatter.ISO_OFFSET_DATE_TIME)));
    html.append("</table>\n");

    if (!result.complete()) {
      html.append("<p class=\"warning\">The run was cancelled: only the images analysed before that are counted.</p>\n");
    }
    if (!result.unknownLabels().isEmpty()) {
      html.append("<p class=\"warning\">Labels the model does not have (it can never predict them; map them with --labels-map): ")
          .append(escape(ReportText.counted(result.unknownLabels()))).append("</p>\n");
    }
    if (!result.renamedLabels().isEmpty()) {
      html.append("<p>Dataset labels mapped to the model's: ").append(escape(ReportText.renamed(result.renamedLabels()))).append("</p>\n");
    }

    html.append("<h2>Per-class report</h2>\n");
    classTable(html, report);
    html.append("<h2>Confusion matrix</h2>\n<p>Rows are true labels, columns predicted labels. Colour is the share of the row.</p>\n")
        .append("<img class=\"chart\" alt=\"Confusion matrix heatmap\" src=\"").append(dataUri("image/png", heatmapPng)).append("\">\n");
    confusionTable(html, report.matrix());
    html.append("<h2>Precision, recall and F1 per class</h2>\n")
        .append("<img class=\"chart\" alt=\"Per-class precision, recall and F1\" src=\"").append(dataUri("image/png", barsPng))
        .append("\">\n");

    mistakes(html, result);
    fileList(html, ReportText.capitalised(noPrediction), result.withoutPrediction(), false);
    fileList(html, "Errors", result.errors(), true);
    html.append("<p><small>Written by Raut. Metrics as in scikit-learn's classification_report (undefined ratios are 0).")
        .append("</small></p>\n</body>\n</html>\n");
    return html.toString();
  }

  private static void classTable(StringBuilder html, ClassificationReport report) {
    html.append("<table class=\"report\">\n<thead><tr><th>class</th><th class=\"num\">precision</th><th class=\"num\">recall</th>")
        .append("<th class=\"num\">f1-score</th><th class=\"num\">support</th><th class=\"num\">predicted</th></tr></thead>\n<tbody>\n");
    for (ClassMetrics c : report.classes()) {
      html.append("<tr><td>").append(escape(c.label())).append("</td>").append(num(c.precision())).append(num(c.recall()))
          .append(num(c.f1())).append(num(c.support())).append(num(c.predicted())).append("</tr>\n");
    }
    html.append("</tbody>\n<tbody>\n<tr><td>accuracy</td><td></td><td></td>").append(num(report.accuracy()))
        .append(num(report.total())).append("<td></td></tr>\n");
    averageRow(html, "macro avg", report.macroAverage());
    averageRow(html, "weighted avg", report.weightedAverage());
    html.append("<tr><td>balanced accuracy</td><td></td>").append(num(report.balancedAccuracy()))
        .append("<td></td><td></td><td></td></tr>\n</tbody>\n</table>\n");
  }

  private static void averageRow(StringBuilder html, String name, AverageMetrics a) {
    html.append("<tr><td>").append(name).append("</td>").append(num(a.precision())).append(num(a.recall())).append(num(a.f1()))
        .append(num(a.support())).append("<td></td></tr>\n");
  }

  private static void confusionTable(StringBuilder html, ConfusionMatrix matrix) {
    html.append("<table class=\"confusion\">\n<thead><tr><th>true \\ predicted</th>");
    matrix.labels().forEach(label -> html.append("<th class=\"num\">").append(escape(label)).append("</th>"));
    html.append("</tr></thead>\n<tbody>\n");
    for (int row = 0; row < matrix.size(); row++) {
      html.append("<tr><th>").append(escape(matrix.labels().get(row))).append("</th>");
      for (int column = 0; column < matrix.size(); column++) {
        html.append("<td class=\"num").append(row == column ? " diagonal" : "").append("\">").append(matrix.count(row, column))
            .append("</td>");
      }
      html.append("</tr>\n");
    }
    html.append("</tbody>\n</table>\n");
  }

  private void mistakes(StringBuilder html, EvaluationResult result) {
    html.append("<h2>Most confident mistakes</h2>\n");
    boolean any = false;
    for (String label : result.report().labels()) {
      List<ImagePrediction> wrong = result.mostConfidentMistakes(label, MISTAKES_PER_CLASS);
      if (wrong.isEmpty()) {
        continue;
      }
      any = true;
      html.append("<h3>True label: ").append(escape(label)).append("</h3>\n<div class=\"thumbs\">\n");
      for (ImagePrediction p : wrong) {
        html.append("<figure>");
        Optional<byte[]> jpeg = thumbnails.jpeg(p);
        if (jpeg.isPresent()) {
          html.append("<img alt=\"").append(escape(p.name())).append("\" src=\"").append(dataUri("image/jpeg", jpeg.get())).append("\">");
        }
        html.append("<figcaption>predicted <b>").append(escape(p.predicted())).append("</b> ")
            .append(String.format(Locale.ROOT, "%.0f%%", p.confidence() * 100)).append("<br>").append(escape(p.name()))
            .append("</figcaption></figure>\n");
      }
      html.append("</div>\n");
    }
    if (!any) {
      html.append("<p>No mistakes.</p>\n");
    }
  }

  private static void fileList(StringBuilder html, String title, List<ImagePrediction> items, boolean withError) {
    if (items.isEmpty()) {
      return;
    }
    html.append("<h2>").append(escape(title)).append(" (").append(items.size()).append(")</h2>\n<details><summary>Show the files</summary>\n<ul>\n");
    for (ImagePrediction p : items) {
      html.append("<li>").append(escape(p.name())).append(" [").append(escape(p.truth())).append(']');
      if (withError) {
        html.append(": ").append(escape(p.error().code() + ": " + p.error().message()));
      }
      html.append("</li>\n");
    }
    html.append("</ul>\n</details>\n");
  }

  private static void summaryRow(StringBuilder html, String name, String valueHtml) {
    html.append("<tr><th>").append(escape(name)).append("</th><td>").append(valueHtml).append("</td></tr>\n");
  }

  private static String detectorNote(EvaluationResult result) {
    return switch (result.settings().task()) {
      case EMOTION -> ", face detector " + escape(result.settings().detector().cliName());
      case CLASSIFY -> ", classifier " + escape(result.settings().classifier());
      case OBJECTS -> "";
    };
  }

  private static String layoutName(EvaluationResult result) {
    return switch (result.dataset().layout()) {
      case CLASS_FOLDERS -> "class folders";
      case CSV -> "CSV";
    };
  }

  private static String num(double v) {
    return "<td class=\"num\">" + fixed(v) + "</td>";
  }

  private static String num(int v) {
    return "<td class=\"num\">" + v + "</td>";
  }

  private static String fixed(double v) {
    return String.format(Locale.ROOT, "%.4f", v);
  }

  private static String dataUri(String mediaType, byte[] bytes) {
    return "data:" + mediaType + ";base64," + Base64.getEncoder().encodeToString(bytes);
  }

  /** Text for HTML element content and quoted attribute values. */
  static String escape(String text) {
    if (text == null) {
      return "";
    }
    StringBuilder out = new StringBuilder(text.length());
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      switch (c) {
        case '&' -> out.append("&amp;");
        case '<' -> out.append("&lt;");
        case '>' -> out.append("&gt;");
        case '"' -> out.append("&quot;");
        case '\'' -> out.append("&#39;");
        default -> out.append(c);
      }
    }
    return out.toString();
  }
}
