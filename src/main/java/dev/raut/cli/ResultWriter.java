package dev.raut.cli;

import dev.raut.core.analysis.AnalysisRequest;
import dev.raut.core.analysis.ImageAnalysis;
import dev.raut.core.analysis.ResultCsv;
import dev.raut.core.analysis.ResultJson;
import dev.raut.core.text.Labels;
import dev.raut.core.text.Messages;
import java.io.PrintWriter;
import java.util.stream.Collectors;

/** Writes analysis results as JSON Lines, CSV or a table for people. */
abstract class ResultWriter {
  protected final PrintWriter out;

  ResultWriter(PrintWriter out) {
    this.out = out;
  }

  static ResultWriter of(String format, PrintWriter out, AnalysisRequest request) {
    return switch (format) {
      case "json" -> new JsonLines(out);
      case "csv" -> new Csv(out);
      case "table" -> new Table(out);
      default -> throw new IllegalArgumentException("Unknown format " + format);
    };
  }

  void begin() {}

  abstract void write(ImageAnalysis result);

  void end() {}

  /** One JSON object per image, per line (the schema in the README). */
  static final class JsonLines extends ResultWriter {
    JsonLines(PrintWriter out) {
      super(out);
    }

    @Override
    void write(ImageAnalysis result) {
      out.println(ResultJson.line(result));
    }
  }

  /** The shared CSV form ({@link ResultCsv}). */
  static final class Csv extends ResultWriter {
    Csv(PrintWriter out) {
      super(out);
    }

    @Override
    void begin() {
      ResultCsv.writeHeader(out);
    }

    @Override
    void write(ImageAnalysis result) {
      ResultCsv.writeRows(out, result);
    }
  }

  /** A short summary per image for reading in a terminal. */
  static final class Table extends ResultWriter {
    Table(PrintWriter out) {
      super(out);
    }

    @Override
    void write(ImageAnalysis r) {
      StringBuilder line = new StringBuilder(r.label());
      if (!r.ok()) {
        out.println(line.append("  ").append(Messages.text("cli.table.error", r.error().code(), r.error().message())));
        return;
      }
      line.append("  ").append(r.width()).append('x').append(r.height());
      if (!r.faces().isEmpty() || r.objects().isEmpty() && r.classes().isEmpty()) {
        line.append("  ").append(Messages.text("cli.table.faces", r.faces().size()));
        String emotions = r.faces().stream().map(Table::face).filter(t -> !t.isEmpty())
            .collect(Collectors.joining(", "));
        if (!emotions.isEmpty()) {
          line.append(": ").append(emotions);
        }
      }
      if (!r.objects().isEmpty()) {
        line.append("  ").append(Messages.text("cli.table.objects", r.objects().stream()
            .map(o -> Labels.object(o.label()) + " " + pct(o.score())).collect(Collectors.joining(", "))));
      }
      if (!r.classes().isEmpty()) {
        line.append("  ").append(Messages.text("cli.table.classes", r.classes().stream().limit(3)
            .map(c -> Labels.any(c.label()) + " " + pct(c.score())).collect(Collectors.joining(", "))));
      }
      out.println(line);
    }

    /** A face's emotion, then its face-scope classifier's top class in brackets when there are both. */
    private static String face(ImageAnalysis.Face f) {
      String emotion = f.emotion() == null ? "" : Labels.emotion(f.emotion().label()) + " " + pct(f.emotion().score());
      if (f.classes().isEmpty()) {
        return emotion;
      }
      ImageAnalysis.ClassScore top = f.classes().get(0);
      String cls = Labels.any(top.label()) + " " + pct(top.score());
      return emotion.isEmpty() ? cls : emotion + " [" + cls + "]";
    }

    private static String pct(double v) {
      return Messages.percent(v);
    }
  }
}
