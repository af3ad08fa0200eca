package dev.raut.evaluate.report;

import dev.raut.core.evaluate.EvaluationResult;
import dev.raut.core.evaluate.EvaluationTask;
import dev.raut.core.evaluate.ImagePrediction;
import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;

/**
 * {@code predictions.csv}: one row per dataset image. {@code status} is {@code predicted}, the
 * task's no-prediction word (e.g. {@code no_face}) or {@code error}; prediction and confidence are
 * empty unless predicted.
 */
public final class PredictionsCsv {
  static final String[] HEADER = {"file", "truth", "prediction", "confidence", "status", "error"};

  private PredictionsCsv() {}

  public static void write(EvaluationResult result, Path file) throws IOException {
    CSVFormat format = CSVFormat.DEFAULT.builder().setHeader(HEADER).setRecordSeparator("\n").get();
    try (Writer writer = Files.newBufferedWriter(file, StandardCharsets.UTF_8);
        CSVPrinter csv = new CSVPrinter(writer, format)) {
      for (ImagePrediction p : result.predictions()) {
        csv.printRecord(p.name(), p.truth(), p.isPredicted() ? p.predicted() : "",
            p.isPredicted() ? Double.toString(p.confidence()) : "", status(p, result.settings().task()),
            p.error() == null ? "" : p.error().code() + ": " + p.error().message());
      }
    }
  }

  static String status(ImagePrediction p, EvaluationTask task) {
    return switch (p.outcome()) {
      case PREDICTED -> "predicted";
      case NO_PREDICTION -> task.noPredictionCode();
      case ERROR -> "error";
    };
  }
}
