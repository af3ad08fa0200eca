package dev.raut.app.gallery;

/**
 * Words of the gallery's face settings row, in one place so they can move into resource bundles
 * (the rest of the gallery's words are still in its views).
 */
final class GalleryStrings {
  private GalleryStrings() {}

  static final String FACES = "Faces:";
  static final String DETECTOR = "Detector";

  /** "34 y, female": a face's apparent age and gender, on exported images. */
  static String ageGender(double age, String gender) {
    return Math.round(age) + " y, " + gender;
  }
}
