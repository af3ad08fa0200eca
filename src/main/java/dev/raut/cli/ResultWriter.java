package dev.raut.cli;

import dev.raut.core.analysis.AnalysisRequest;
import dev.raut.core.analysis.ImageAnalysis;
import dev.raut.core.analysis.ResultJson;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
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

  /**
   * One row per face, object or class (an image with none of them gets one row, so every file
   * appears). For faces, label/score are the emotion and detection_score the face detector's.
   */
  static final class Csv extends ResultWriter {
    Csv(PrintWriter out) {
      super(out);
    }

    @Override
    void begin() {
      out.println("file,width,height,kind,index,label,score,detection_score,x,y,w,h,error_code,error_message");
    }

    @Override
    void write(ImageAnalysis r) {
      String head = quote(r.file()) + "," + r.width() + "," + r.height() + ",";
      if (!r.ok()) {
        out.println(head + ",,,,,,,,," + quote(r.error().code()) + "," + quote(r.error().message()));
        return;
      }
      List<String> rows = new ArrayList<>();
      for (int i = 0; i < r.faces().size(); i++) {
        ImageAnalysis.Face f = r.faces().get(i);
        String label = f.emotion() == null ? "face" : f.emotion().label();
        String score = f.emotion() == null ? "" : num(f.emotion().score());
        rows.add("face," + i + "," + quote(label) + "," + score + "," + num(f.score()) + "," + box(f.box()));
      }
      for (int i = 0; i < r.objects().size(); i++) {
        ImageAnalysis.DetectedObjectResult o = r.objects().get(i);
        rows.add("object," + i + "," + quote(o.label()) + "," + num(o.score()) + ",," + box(o.box()));
      }
      for (int i = 0; i < r.classes().size(); i++) {
        ImageAnalysis.ClassScore c = r.classes().get(i);
        rows.add("class," + i + "," + quote(c.label()) + "," + num(c.score()) + ",,,,,");
      }
      if (rows.isEmpty()) {
        rows.add(",,,,,,,,");
      }
      rows.forEach(row -> out.println(head + row + ",,"));
    }

    private static String box(List<Double> b) {
      return b.stream().map(Csv::num).collect(Collectors.joining(","));
    }

    private static String num(double v) {
      return String.format(Locale.ROOT, "%s", v);
    }

    static String quote(String s) {
      if (s == null) {
        return "";
      }
      boolean needs = s.contains(",") || s.contains("\"") || s.contains("\n") || s.contains("\r");
      return needs ? "\"" + s.replace("\"", "\"\"") + "\"" : s;
    }
  }

  /** A short summary per image for reading in a terminal. */
  static final class Table extends ResultWriter {
    Table(PrintWriter out) {
      super(out);
    }

    @Override
    void write(ImageAnalysis r) {
      StringBuilder line = new StringBuilder(r.file());
      if (!r.ok()) {
        out.println(line.append("  ERROR ").append(r.error().code()).append(": ").append(r.error().message()));
        return;
      }
      line.append("  ").append(r.width()).append('x').append(r.height());
      if (!r.faces().isEmpty() || r.objects().isEmpty() && r.classes().isEmpty()) {
        line.append("  ").append(r.faces().size()).append(r.faces().size() == 1 ? " face" : " faces");
        String emotions = r.faces().stream().filter(f -> f.emotion() != null)
            .map(f -> f.emotion().label() + " " + pct(f.emotion().score())).collect(Collectors.joining(", "));
        if (!emotions.isEmpty()) {
          line.append(": ").append(emotions);
        }
      }
      if (!r.objects().isEmpty()) {
        line.append("  objects: ").append(r.objects().stream().map(o -> o.label() + " " + pct(o.score()))
            .collect(Collectors.joining(", ")));
      }
      if (!r.classes().isEmpty()) {
        line.append("  classes: ").append(r.classes().stream().limit(3).map(c -> c.label() + " " + pct(c.score()))
            .collect(Collectors.joining(", ")));
      }
      out.println(line);
    }

    private static String pct(double v) {
      return Math.round(v * 100) + "%";
    }
  }
}
