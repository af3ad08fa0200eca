package dev.raut.core.analysis;

import dev.raut.core.document.DocumentPart;
import dev.raut.core.geometry.Box;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The one CSV form of {@link ImageAnalysis}, shared by the CLI and the app's export. One row per
 * face, object or class (an image with none of them gets one row, so every file appears). For
 * faces, label/score are the emotion and detection_score the face detector's. The last three
 * columns place a photo inside a document (page or slide, sheet, photo number); empty otherwise.
 */
public final class ResultCsv {
  public static final String HEADER =
      "file,width,height,kind,index,label,score,detection_score,x,y,w,h,error_code,error_message,page,sheet,photo";

  private ResultCsv() {}

  public static void writeHeader(PrintWriter out) {
    out.println(HEADER);
  }

  public static void writeRows(PrintWriter out, ImageAnalysis r) {
    rows(r).forEach(out::println);
  }

  /** The CSV lines (without header) for one result. */
  public static List<String> rows(ImageAnalysis r) {
    String head = quote(r.file()) + "," + r.width() + "," + r.height() + ",";
    String part = partCells(r.part());
    if (!r.ok()) {
      return List.of(head + ",,,,,,,,," + quote(r.error().code()) + "," + quote(r.error().message()) + part);
    }
    List<String> rows = new ArrayList<>();
    for (int i = 0; i < r.faces().size(); i++) {
      ImageAnalysis.Face f = r.faces().get(i);
      String label = f.emotion() == null ? "face" : f.emotion().label();
      String score = f.emotion() == null ? "" : score(f.emotion().score());
      rows.add("face," + i + "," + quote(label) + "," + score + "," + score(f.score()) + "," + box(f.box()));
    }
    for (int i = 0; i < r.faces().size(); i++) {
      ImageAnalysis.Face f = r.faces().get(i);
      for (ImageAnalysis.ClassScore c : f.classes()) {
        rows.add("face_class," + i + "," + quote(c.label()) + "," + score(c.score()) + "," + score(f.score()) + ","
            + box(f.box()));
      }
    }
    for (int i = 0; i < r.objects().size(); i++) {
      ImageAnalysis.DetectedObjectResult o = r.objects().get(i);
      rows.add("object," + i + "," + quote(o.label()) + "," + score(o.score()) + ",," + box(o.box()));
    }
    for (int i = 0; i < r.classes().size(); i++) {
      ImageAnalysis.ClassScore c = r.classes().get(i);
      rows.add("class," + i + "," + quote(c.label()) + "," + score(c.score()) + ",,,,,");
    }
    if (rows.isEmpty()) {
      rows.add(",,,,,,,,");
    }
    return rows.stream().map(row -> head + row + ",," + part).toList();
  }

  private static String partCells(DocumentPart part) {
    if (part == null) {
      return ",,,";
    }
    return "," + (part.page() == null ? "" : part.page()) + "," + quote(part.sheet()) + "," + part.index();
  }

  /** x,y,w,h rounded as in the JSON. */
  private static String box(Box b) {
    return String.join(",", num(ResultJson.pixels(b.x())), num(ResultJson.pixels(b.y())),
        num(ResultJson.pixels(b.width())), num(ResultJson.pixels(b.height())));
  }

  /** A score rounded as in the JSON. */
  private static String score(double v) {
    return num(ResultJson.score(v));
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
