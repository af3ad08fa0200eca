package dev.raut.app.gallery;

/**
 * Words of the gallery's face settings row, age/gender and landmarks, in one place so they can
 * move into resource bundles (the rest of the gallery's words are still in its views).
 */
final class GalleryStrings {
  private GalleryStrings() {}

  static final String FACES = "Faces:";
  static final String DETECTOR = "Detector";
  static final String AGE_GENDER = "Age & gender";
  static final String AGE_GENDER_TIP = "Also estimate each face's apparent age and gender (one more network per face)";
  static final String LANDMARKS = "Landmarks";
  static final String LANDMARKS_TIP = "Also find each face's 68 landmarks, drawn in the detail view (one more network per face)";
  static final String SHOW_LANDMARKS = "Landmarks";
  static final String SHOW_LANDMARKS_TIP = "Show the 68 face landmarks (jaw, brows, nose, eyes, lips)";

  /** The detail view's line for the chosen face: "Face 2: about 34 years, female (93%)". */
  static String ageGenderLine(int index, double age, dev.raut.core.analysis.ImageAnalysis.ClassScore gender) {
    return "Face " + (index + 1) + ": about " + Math.round(age) + " years, " + gender.label() + " ("
        + Overlays.percent(gender.score()) + ")";
  }

  /** "34 y F": a face's age and gender where space is short (cards, overlay tags). */
  static String ageGenderShort(double age, String gender) {
    return Math.round(age) + " y " + (gender.equals("female") ? "F" : "M");
  }

  /** "34 y, female": a face's apparent age and gender, on exported images. */
  static String ageGender(double age, String gender) {
    return Math.round(age) + " y, " + gender;
  }
}
