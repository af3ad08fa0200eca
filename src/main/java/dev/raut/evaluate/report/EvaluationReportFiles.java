package dev.raut.evaluate.report;

import dev.raut.core.evaluate.EvaluationResult;
import dev.raut.core.image.ImageDecoder;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** Writes the four report files of an evaluation into one folder. */
public final class EvaluationReportFiles {
  public static final String JSON = "report.json";
  public static final String CSV = "predictions.csv";
  public static final String HEATMAP = "confusion.png";
  public static final String HTML = "report.html";

  private EvaluationReportFiles() {}

  /** Creates {@code folder} if needed; returns the files written. */
  public static List<Path> write(EvaluationResult result, Path folder, ImageDecoder decoder) throws IOException {
    Files.createDirectories(folder);
    Path json = folder.resolve(JSON);
    Path csv = folder.resolve(CSV);
    Path heatmap = folder.resolve(HEATMAP);
    Path html = folder.resolve(HTML);
    ReportJson.write(result, json);
    PredictionsCsv.write(result, csv);
    byte[] heatmapPng = ConfusionHeatmap.png(result.report().matrix());
    Files.write(heatmap, heatmapPng);
    new HtmlReport(new Thumbnails(decoder)).write(result, heatmapPng, ClassBarsChart.png(result.report()), html);
    return List.of(json, csv, heatmap, html);
  }
}
