package dev.raut.app.live;

/**
 * Words of the Live page's analysis choices, in one place so they can move into resource bundles
 * without hunting through the view.
 */
final class LiveStrings {
  private LiveStrings() {}

  static final String FACES = "Faces & emotions";
  static final String OBJECTS = "Objects";
  static final String FROM_FILE = "From a file…";
  static final String FILE_PREFIX = "File: ";
  static final String MODE_TIP = "What to find on each frame: faces and their emotion, objects, or one of your"
      + " classifiers (by name from your library, or an .onnx / card file)";
  static final String CHOOSER_TITLE = "Choose an ONNX image classifier or its card";
  static final String CHOOSER_FILTER = "Classifier";
  static final String PER_FACE = "Also on each face";
  static final String AGE_GENDER = "Age & gender";
  static final String LANDMARKS = "68 landmarks";
  static final String EXTRAS_TIP = "Runs one more network on every face of every frame: fewer frames per second";

  /** A face classifier's entry: it runs on each face, next to the emotion. */
  static String perFace(String name) {
    return name + " (each face)";
  }

  static String fromFile(String fileName) {
    return FILE_PREFIX + fileName;
  }
}
