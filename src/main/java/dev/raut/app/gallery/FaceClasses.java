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

  /** The overlay tag of a face: its emotion (or detection score), its top class, and its age and gender when asked. */
  static String tag(ImageAnalysis.Face face) {
    String emotion = face.emotion() == null ? Overlays.percent(face.score())
        : face.emotion().label() + " " + Overlays.percent(face.emotion().score());
    String top = top(face);
    String tag = top.isEmpty() ? emotion : emotion + " · " + top;
    String age = ageGender(face);
    return age.isEmpty() ? tag : tag + " · " + age;
  }

  /** "34 y F", or "" when age and gender were not asked for. */
  static String ageGender(ImageAnalysis.Face face) {
    return face.age() == null || face.gender() == null ? ""
        : GalleryStrings.ageGenderShort(face.age(), face.gender().label());
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
    String what = String.join(" · ", java.util.stream.Stream.of(emotion, top, ageGender(face))
        .filter(t -> !t.isEmpty()).toList());
    return "Face " + (index + 1) + (what.isEmpty() ? "" : ": " + what);
  }

  static String chartHeading(int index) {
    return "Classes of face " + (index + 1);
  }
}
