package dev.raut.app.live;

import dev.raut.core.classify.ClassifierLibrary;
import dev.raut.core.classify.ClassifierScope;

/**
 * One entry of Live's "Analyse" list: faces and emotions, objects, a classifier from the library
 * (by name), a classifier picked as a file, or the entry that opens the file chooser.
 *
 * @param classifierPath the card or .onnx of a classifier, else null
 * @param pickFile true for the "From a file…" entry, which stands for no analysis of its own
 */
record LiveChoice(LiveMode mode, String label, String classifierPath, boolean pickFile) {
  static final LiveChoice FACES = new LiveChoice(LiveMode.FACES_AND_EMOTIONS, LiveStrings.FACES, null, false);
  static final LiveChoice OBJECTS = new LiveChoice(LiveMode.OBJECTS, LiveStrings.OBJECTS, null, false);
  static final LiveChoice FROM_FILE = new LiveChoice(LiveMode.CLASSIFIER, LiveStrings.FROM_FILE, null, true);

  static LiveChoice of(ClassifierLibrary.Entry entry) {
    String label = entry.scope() == ClassifierScope.FACE ? LiveStrings.perFace(entry.name()) : entry.name();
    return new LiveChoice(LiveMode.CLASSIFIER, label, entry.card().toString(), false);
  }

  static LiveChoice file(java.nio.file.Path file) {
    return new LiveChoice(LiveMode.CLASSIFIER, LiveStrings.fromFile(file.getFileName().toString()), file.toString(), false);
  }

  /** True for a classifier picked as a file (not from the library). */
  boolean isFile() {
    return mode == LiveMode.CLASSIFIER && !pickFile && label.startsWith(LiveStrings.FILE_PREFIX);
  }

  @Override
  public String toString() {
    return label;
  }
}
