package dev.raut.app.gallery;

import dev.raut.core.analysis.ImageAnalysis;
import dev.raut.core.text.Labels;
import dev.raut.core.text.Messages;
import java.util.stream.Collectors;

/**
 * The words for a face's classes from a per-face classifier (a user's mask, age or emotion model),
 * in one place for the cards, the overlays and the detail view. A user's classes are shown as they
 * are; the built-in models' emotions and genders in the current language.
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
        : Labels.emotion(face.emotion().label()) + " " + Overlays.percent(face.emotion().score());
    String top = top(face);
    String tag = top.isEmpty() ? emotion : emotion + " · " + top;
    String age = ageGender(face);
    return age.isEmpty() ? tag : tag + " · " + age;
  }

  /** "34 y F", or "" when age and gender were not asked for: where space is short (cards, overlay tags). */
  static String ageGender(ImageAnalysis.Face face) {
    return face.age() == null || face.gender() == null ? ""
        : Messages.text("gallery.age.short", Math.round(face.age()), genderLetter(face.gender().label()));
  }

  /** "F" / "P" for female, "M" / "L" for male; another model's gender label as it is. */
  static String genderLetter(String gender) {
    return switch (gender) {
      case "female" -> Messages.text("gallery.gender.female.short");
      case "male" -> Messages.text("gallery.gender.male.short");
      default -> Labels.gender(gender);
    };
  }

  /** The detail view's line for the chosen face: "Face 2: about 34 years, female (93%)". */
  static String ageGenderLine(int index, double age, ImageAnalysis.ClassScore gender) {
    return Messages.text("gallery.detail.ageGender", index + 1, Math.round(age), Labels.gender(gender.label()),
        Overlays.percent(gender.score()));
  }

  /** "34 y, female": a face's apparent age and gender, on exported images. */
  static String ageGenderLong(double age, String gender) {
    return Messages.text("gallery.export.ageGender", Math.round(age), Labels.gender(gender));
  }

  /** "mask 93%, no mask 6%": the detail view's line under the chosen face's chart. */
  static String list(ImageAnalysis.Face face) {
    return face.classes().stream().limit(DETAIL_CLASSES)
        .map(c -> c.label() + " " + Overlays.percent(c.score())).collect(Collectors.joining(", "));
  }

  /** The face chooser's entry: "Face 2: happy · mask 93%". */
  static String chooserEntry(int index, ImageAnalysis.Face face) {
    String emotion = face.emotion() == null ? "" : Labels.emotion(face.emotion().label());
    String top = top(face);
    String what = String.join(" · ", java.util.stream.Stream.of(emotion, top, ageGender(face))
        .filter(t -> !t.isEmpty()).toList());
    return what.isEmpty() ? Messages.text("gallery.face.number", index + 1)
        : Messages.text("gallery.face.entry", index + 1, what);
  }

  static String chartHeading(int index) {
    return Messages.text("gallery.face.classes", index + 1);
  }
}
