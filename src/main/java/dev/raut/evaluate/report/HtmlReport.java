package dev.raut.evaluate.report;

import dev.raut.core.evaluate.AverageMetrics;
import dev.raut.core.evaluate.ClassMetrics;
import dev.raut.core.evaluate.ClassificationReport;
import dev.raut.core.evaluate.ConfusionMatrix;
import dev.raut.core.evaluate.EvaluationResult;
import dev.raut.core.evaluate.ImagePrediction;
import dev.raut.core.text.Messages;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.FormatStyle;
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
  /** The page's style sheet, inlined so the report is one file. */
  private static final String STYLE = resource("report-style.css");


  private final Thumbnails thumbnails;

  public HtmlReport(Thumbnails thumbnails) {
    this.thumbnails = thumbnails;
  }

  public void write(EvaluationResult result, byte[] heatmapPng, byte[] barsPng, Path file) throws IOException {
    Files.writeString(file, render(result, heatmapPng, barsPng), StandardCharsets.UTF_8);
  }

  public String render(EvaluationResult result, byte[] heatmapPng, byte[] barsPng) {
    ClassificationReport report = result.report();
    String noPrediction = ReportText.noPrediction(result.settings().task());
    StringBuilder html = new StringBuilder(64 * 1024);
    html.append("<!DOCTYPE html>\n<html lang=\"").append(Messages.language().tag()).append("\">\n<head>\n<meta charset=\"utf-8\">\n") // not user text: markup
        .append("<title>").append(text("report.html.title", result.dataset().source().getFileName() + "")).append("</title>\n")
        .append("<style>").append(STYLE).append("</style>\n</head>\n<body>\n");
    html.append("<h1>").append(text("report.html.heading", result.model())).append("</h1>\n");

    html.append("<table class=\"summary\">\n"); // not user text: markup
    summaryRow(html, "report.html.dataset", escape(result.dataset().source().toString()) + " (" + layoutName(result) + ")");
    summaryRow(html, "report.html.task", escape(result.settings().task().cliName()) + detectorNote(result));
    summaryRow(html, "report.html.images", text("report.html.imagesValue", result.predictions().size(),
        result.predicted().size(), noPrediction, result.withoutPrediction().size(), result.errors().size()));
    summaryRow(html, "report.html.accuracy", fixed(report.accuracy()));
    summaryRow(html, "report.html.balancedAccuracy", fixed(report.balancedAccuracy()));
    summaryRow(html, "report.html.macroF1", fixed(report.macroAverage().f1()));
    if (result.withoutPrediction().size() + result.errors().size() > 0) {
      summaryRow(html, "report.html.endToEnd", text("report.html.endToEndValue", fixed(result.endToEndAccuracy()),
          noPrediction));
    }
    summaryRow(html, "report.html.time", text("report.html.seconds", result.elapsed().toMillis() / 1000.0));
    summaryRow(html, "report.html.written", escape(ZonedDateTime.now().truncatedTo(ChronoUnit.SECONDS)
        .format(DateTimeFormatter.ofLocalizedDateTime(FormatStyle.MEDIUM).withLocale(Messages.language().locale()))));
    html.append("</table>\n");

    if (!result.complete()) {
      html.append("<p class=\"warning\">").append(text("report.html.cancelled")).append("</p>\n");
    }
    if (!result.unknownLabels().isEmpty()) {
      html.append("<p class=\"warning\">").append(text("report.html.unknownLabels", ReportText.counted(result.unknownLabels())))
          .append("</p>\n");
    }
    if (!result.renamedLabels().isEmpty()) {
      html.append("<p>").append(text("report.html.mapped", ReportText.renamed(result.renamedLabels()))).append("</p>\n");
    }

    html.append("<h2>").append(text("report.html.perClass")).append("</h2>\n");
    classTable(html, report);
    html.append("<h2>").append(text("report.html.confusion")).append("</h2>\n<p>").append(text("report.html.confusionHow"))
        .append("</p>\n<img class=\"chart\" alt=\"").append(text("report.html.heatmapAlt")).append("\" src=\"") // not user text: markup
        .append(dataUri("image/png", heatmapPng)).append("\">\n");
    confusionTable(html, report.matrix());
    html.append("<h2>").append(text("report.html.bars")).append("</h2>\n")
        .append("<img class=\"chart\" alt=\"").append(text("report.html.barsAlt")).append("\" src=\"") // not user text: markup
        .append(dataUri("image/png", barsPng)).append("\">\n");

    mistakes(html, result);
    fileList(html, ReportText.capitalised(noPrediction), result.withoutPrediction(), false);
    fileList(html, ReportText.capitalised(Messages.text("report.errors")), result.errors(), true);
    html.append("<p><small>").append(text("report.html.footer")).append("</small></p>\n</body>\n</html>\n");
    return html.toString();
  }

  private static void classTable(StringBuilder html, ClassificationReport report) {
    html.append("<table class=\"report\">\n<thead><tr><th>").append(text("report.html.class")) // not user text: markup
        .append("</th><th class=\"num\">precision</th><th class=\"num\">recall</th>") // not user text: markup
        .append("<th class=\"num\">f1-score</th><th class=\"num\">support</th><th class=\"num\">") // not user text: markup
        .append(text("report.html.predicted")).append("</th></tr></thead>\n<tbody>\n");
    for (ClassMetrics c : report.classes()) {
      html.append("<tr><td>").append(escape(c.label())).append("</td>").append(num(c.precision())).append(num(c.recall()))
          .append(num(c.f1())).append(num(c.support())).append(num(c.predicted())).append("</tr>\n");
    }
    html.append("</tbody>\n<tbody>\n<tr><td>accuracy</td><td></td><td></td>").append(num(report.accuracy()))
        .append(num(report.total())).append("<td></td></tr>\n");
    // scikit-learn's names of its rows, as in the terminal report
    averageRow(html, "macro avg", report.macroAverage()); // not user text
    averageRow(html, "weighted avg", report.weightedAverage()); // not user text
    html.append("<tr><td>balanced accuracy</td><td></td>") // not user text.append(num(report.balancedAccuracy()))
        .append("<td></td><td></td><td></td></tr>\n</tbody>\n</table>\n");
  }

  private static void averageRow(StringBuilder html, String name, AverageMetrics a) {
    html.append("<tr><td>").append(name).append("</td>").append(num(a.precision())).append(num(a.recall())).append(num(a.f1()))
        .append(num(a.support())).append("<td></td></tr>\n");
  }

  private static void confusionTable(StringBuilder html, ConfusionMatrix matrix) {
    html.append("<table class=\"confusion\">\n<thead><tr><th>").append(text("report.html.trueVsPredicted")).append("</th>"); // not user text: markup
    matrix.labels().forEach(label -> html.append("<th class=\"num\">").append(escape(label)).append("</th>")); // not user text: markup
    html.append("</tr></thead>\n<tbody>\n");
    for (int row = 0; row < matrix.size(); row++) {
      html.append("<tr><th>").append(escape(matrix.labels().get(row))).append("</th>");
      for (int column = 0; column < matrix.size(); column++) {
        html.append("<td class=\"num").append(row == column ? " diagonal" : "").append("\">").append(matrix.count(row, column)) // not user text: markup
            .append("</td>");
      }
      html.append("</tr>\n");
    }
    html.append("</tbody>\n</table>\n");
  }

  private void mistakes(StringBuilder html, EvaluationResult result) {
    html.append("<h2>").append(text("report.html.mistakes")).append("</h2>\n");
    boolean any = false;
    for (String label : result.report().labels()) {
      List<ImagePrediction> wrong = result.mostConfidentMistakes(label, MISTAKES_PER_CLASS);
      if (wrong.isEmpty()) {
        continue;
      }
      any = true;
      html.append("<h3>").append(text("report.html.trueLabel", label)).append("</h3>\n<div class=\"thumbs\">\n"); // not user text: markup
      for (ImagePrediction p : wrong) {
        html.append("<figure>");
        Optional<byte[]> jpeg = thumbnails.jpeg(p);
        if (jpeg.isPresent()) {
          html.append("<img alt=\"").append(escape(p.name())).append("\" src=\"").append(dataUri("image/jpeg", jpeg.get())).append("\">"); // not user text: markup
        }
        html.append("<figcaption>").append(text("report.html.predictedAs", p.predicted(), Messages.percent(p.confidence())))
            .append("<br>").append(escape(p.name())).append("</figcaption></figure>\n");
      }
      html.append("</div>\n");
    }
    if (!any) {
      html.append("<p>").append(text("report.html.noMistakes")).append("</p>\n");
    }
  }

  private static void fileList(StringBuilder html, String title, List<ImagePrediction> items, boolean withError) {
    if (items.isEmpty()) {
      return;
    }
    html.append("<h2>").append(escape(title)).append(" (").append(items.size()).append(")</h2>\n<details><summary>")
        .append(text("report.html.showFiles")).append("</summary>\n<ul>\n");
    for (ImagePrediction p : items) {
      html.append("<li>").append(escape(p.name())).append(" [").append(escape(p.truth())).append(']');
      if (withError) {
        html.append(": ").append(escape(p.error().code() + ": " + p.error().localMessage()));
      }
      html.append("</li>\n");
    }
    html.append("</ul>\n</details>\n");
  }

  private static void summaryRow(StringBuilder html, String nameKey, String valueHtml) {
    html.append("<tr><th>").append(text(nameKey)).append("</th><td>").append(valueHtml).append("</td></tr>\n");
  }

  private static String detectorNote(EvaluationResult result) {
    return switch (result.settings().task()) {
      case EMOTION -> text("report.html.detector", result.settings().detector().cliName());
      case CLASSIFY -> text("report.html.classifier", result.settings().classifier());
      case OBJECTS -> "";
    };
  }

  private static String layoutName(EvaluationResult result) {
    return switch (result.dataset().layout()) {
      case CLASS_FOLDERS -> text("report.html.classFolders");
      case CSV -> "CSV";
    };
  }

  private static String num(double v) {
    return "<td class=\"num\">" + fixed(v) + "</td>"; // not user text: markup
  }

  private static String num(int v) {
    return "<td class=\"num\">" + v + "</td>"; // not user text: markup
  }

  private static String fixed(double v) {
    return String.format(Messages.language().locale(), "%.4f", v);
  }

  /**
   * A text of the run's language as HTML: the patterns are ours (one has a {@code <b>}); the
   * arguments are escaped, as file and label names come from the user.
   */
  private static String text(String key, Object... args) {
    Object[] safe = args.clone();
    for (int i = 0; i < safe.length; i++) {
      if (safe[i] instanceof String s) {
        safe[i] = escape(s);
      }
    }
    return Messages.text(key, safe);
  }

  private static String dataUri(String mediaType, byte[] bytes) {
    return "data:" + mediaType + ";base64," + Base64.getEncoder().encodeToString(bytes);
  }

  private static String resource(String name) {
    try (java.io.InputStream in = HtmlReport.class.getResourceAsStream(name)) {
      if (in == null) {
        throw new IllegalStateException("The report's " + name + " is missing from the jar");
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
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
