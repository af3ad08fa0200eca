package dev.raut.app.gallery;

import dev.raut.core.analysis.ImageAnalysis;
import dev.raut.core.text.Labels;
import dev.raut.core.text.Messages;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * The few lines a card shows for a result: a headline and the top labels with their confidence.
 * For faces, each face's emotion, followed (with a per-face classifier) by its top class as an
 * indented line: "happy 90%", then "mask 93%"; with age and gender asked, each face's "34 y F"
 * follows the headline's face count. Each face's first line carries its number, as its box does;
 * when the lines hold fewer faces than were found, {@link #unlistedFaces} says how many more. The
 * built-in models' labels are shown in the current language (a user's classifier's classes as they are).
 */
record ResultSummary(String headline, List<Line> lines, int unlistedFaces) {
  /**
   * {@code faceClass}: the line is a face's class under its emotion line, drawn indented.
   * {@code face}: the face's number (as on its box, from 1) on the line that starts a face's rows, else 0.
   */
  record Line(String label, double score, boolean faceClass, int face) {
    Line(String label, double score, boolean faceClass) {
      this(label, score, faceClass, 0);
    }

    Line(String label, double score) {
      this(label, score, false);
    }
  }

  ResultSummary(String headline, List<Line> lines) {
    this(headline, lines, 0);
  }

  static final int MAX_LINES = 3;

  static ResultSummary of(ImageAnalysis r) {
    if (r == null) {
      return new ResultSummary("", List.of());
    }
    if (!r.ok()) {
      return new ResultSummary(r.error().message(), List.of());
    }
    if (!r.classes().isEmpty()) {
      return new ResultSummary(r.classes().get(0).label(), r.classes().stream().limit(MAX_LINES)
          .map(c -> new Line(c.label(), c.score())).toList());
    }
    if (!r.objects().isEmpty() && !r.faces().isEmpty()) {
      // faces + objects: both counts in the headline; the faces' lines, then at least the top object's
      ResultSummary faces = of(new ImageAnalysis(r.file(), r.width(), r.height(), r.faces(), List.of(), List.of(),
          null, r.part()));
      ResultSummary objects = of(new ImageAnalysis(r.file(), r.width(), r.height(), List.of(), r.objects(), List.of(),
          null, r.part()));
      List<Line> lines = new ArrayList<>(faces.lines().subList(0, Math.min(faces.lines().size(), MAX_LINES - 1)));
      objects.lines().stream().limit(MAX_LINES - lines.size()).forEach(lines::add);
      return new ResultSummary(faces.headline() + " · " + objects.headline(), lines);
    }
    if (!r.objects().isEmpty()) {
      List<Line> lines = r.objects().stream().sorted(Comparator.comparingDouble(ImageAnalysis.DetectedObjectResult::score)
          .reversed()).limit(MAX_LINES).map(o -> new Line(Labels.object(o.label()), o.score())).toList();
      return new ResultSummary(Messages.text("gallery.summary.objects", r.objects().size()), lines);
    }
    if (!r.faces().isEmpty()) {
      List<Line> lines = new ArrayList<>();
      int listed = 0;
      for (int i = 0; i < r.faces().size(); i++) {
        ImageAnalysis.Face f = r.faces().get(i);
        if (lines.size() == MAX_LINES) {
          break;
        }
        int before = lines.size();
        if (f.emotion() != null) {
          lines.add(new Line(Labels.emotion(f.emotion().label()), f.emotion().score(), false, i + 1));
        }
        if (!f.classes().isEmpty() && lines.size() < MAX_LINES) {
          ImageAnalysis.ClassScore top = f.classes().get(0);
          boolean under = f.emotion() != null;
          lines.add(new Line(top.label(), top.score(), under, under ? 0 : i + 1));
        }
        if (lines.size() > before) {
          listed = i + 1;
        }
      }
      // age and gender (when asked) in the headline: "2 faces · 34 y F, 28 y M"
      String ages = r.faces().stream().map(FaceClasses::ageGender).filter(a -> !a.isEmpty())
          .collect(java.util.stream.Collectors.joining(", "));
      String headline = Messages.text("gallery.summary.faces", r.faces().size());
      // a face with neither emotion nor class has no line, and does not count as left out
      long withLines = r.faces().stream().filter(f -> f.emotion() != null || !f.classes().isEmpty()).count();
      long shown = r.faces().stream().limit(listed).filter(f -> f.emotion() != null || !f.classes().isEmpty()).count();
      return new ResultSummary(ages.isEmpty() ? headline : headline + " · " + ages, lines, (int) (withLines - shown));
    }
    return new ResultSummary(Messages.text("gallery.summary.nothing"), List.of());
  }
}
