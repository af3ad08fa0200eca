package dev.raut.app.live;

import dev.raut.core.classify.ClassifierLibrary;
import dev.raut.core.classify.ClassifierScope;
import dev.raut.core.text.Messages;
import java.nio.file.Path;

/**
 * One entry of Live's "Analyse" list: faces and emotions, objects, a classifier from the library
 * (by name), a classifier picked as a file, or the entry that opens the file chooser. Its words
 * are made when shown, so the list follows a language change.
 *
 * @param name the library classifier's name or the picked file's name, else null
 * @param classifierPath the card or .onnx of a classifier, else null
 */
record LiveChoice(LiveMode mode, Kind kind, String name, String classifierPath) {
  enum Kind { FACES, OBJECTS, LIBRARY, LIBRARY_EACH_FACE, FILE, PICK_FILE }

  static final LiveChoice FACES = new LiveChoice(LiveMode.FACES_AND_EMOTIONS, Kind.FACES, null, null);
  static final LiveChoice OBJECTS = new LiveChoice(LiveMode.OBJECTS, Kind.OBJECTS, null, null);
  static final LiveChoice FROM_FILE = new LiveChoice(LiveMode.CLASSIFIER, Kind.PICK_FILE, null, null);

  static LiveChoice of(ClassifierLibrary.Entry entry) {
    Kind kind = entry.scope() == ClassifierScope.FACE ? Kind.LIBRARY_EACH_FACE : Kind.LIBRARY;
    return new LiveChoice(LiveMode.CLASSIFIER, kind, entry.name(), entry.card().toString());
  }

  static LiveChoice file(Path file) {
    return new LiveChoice(LiveMode.CLASSIFIER, Kind.FILE, file.getFileName().toString(), file.toString());
  }

  /** The entry as the list shows it, in the current language. */
  String label() {
    return switch (kind) {
      case FACES -> Messages.text("live.mode.faces");
      case OBJECTS -> Messages.text("live.mode.objects");
      case PICK_FILE -> Messages.text("live.mode.pickFile");
      case LIBRARY -> name;
      // a face classifier runs on each face, next to the emotion
      case LIBRARY_EACH_FACE -> Messages.text("live.mode.perFace", name);
      case FILE -> Messages.text("live.mode.file", name);
    };
  }

  /** True for the "From a file…" entry, which stands for no analysis of its own. */
  boolean pickFile() {
    return kind == Kind.PICK_FILE;
  }

  /** True for a classifier picked as a file (not from the library). */
  boolean isFile() {
    return kind == Kind.FILE;
  }

  @Override
  public String toString() {
    return label();
  }
}
