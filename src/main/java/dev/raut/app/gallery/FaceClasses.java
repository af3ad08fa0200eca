package dev.raut.app.gallery;

import dev.raut.core.analysis.ImageAnalysis;
import java.util.stream.Collectors;

/**
 * The words for a face's classes from a per-face classifier (a user's mask, age or emotion model),
 * in one place for the cards, the overlays and the detail view (and a later translation).
 */
final class FaceClasses {
  /** How many of a face's classes the detail view lists in words. */
  static final int DETAIL_CLASSES = 3;

  private FaceClasses() {}

  /** "mask 93%": the face's top class, or "" when it has none. */
  static String top(ImageAnalysis.Face face) {
    if (face.classes().isEmpty()) {
      return "";
    }
    ImageAnalysis.ClassScore c = face.classes().get(0);
    return c.label() + " " + Overlays.percent(c.score());
  }

  /** The overlay tag of a face: its emotion (or detection score) and its top class. */
  static String tag(ImageAnalysis.Face face) {
    String emotion = face.emotion() == null ? Overlays.percent(face.score())
        : face.emotion().label() + " " + Overlays.percent(face.emotion().score());
    String top = top(face);
    return top.isEmpty() ? emotion : emotion + " · " + top;
  }

  /** "mask 93%, no mask 6%": the detail view's line under the chosen face's chart. */
  static String list(ImageAnalysis.Face face) {
    return face.classes().stream().limit(DETAIL_CLASSES)
        .map(c -> c.label() + " " + Overlays.percent(c.score())).collect(Collectors.joining(", "));
  }

  /** The face chooser's entry: "Face 2: happy · mask 93%". */
  static String chooserEntry(int index, ImageAnalysis.Face face) {
    String emotion = face.emotion() == null ? "" : face.emotion().label();
    String top = top(face);
    String what = emotion.isEmpty() ? top : top.isEmpty() ? emotion : emotion + " · " + top;
    return "Face " + (index + 1) + (what.isEmpty() ? "" : ": " + what);
  }

  static String chartHeading(int index) {
    return "Classes of face " + (index + 1);
  }
}
