package dev.raut.app.gallery;

import dev.raut.core.analysis.AnalysisRequest;
import dev.raut.core.analysis.DetectorChoice;
import dev.raut.core.classify.ClassifierLibrary;
import dev.raut.core.classify.ClassifierScope;
import dev.raut.core.text.Messages;

/**
 * What the gallery computes: faces and emotions, objects, both (as the web page does), or one
 * imported classifier — on the whole photo, or (a face-scope classifier) on each face found, next to its emotion.
 */
public record AnalysisChoice(Kind kind, ClassifierLibrary.Entry classifier) {
  public enum Kind { FACES, FACES_AND_OBJECTS, OBJECTS, CLASSIFIER }

  public static final AnalysisChoice FACES = new AnalysisChoice(Kind.FACES, null);
  public static final AnalysisChoice FACES_AND_OBJECTS = new AnalysisChoice(Kind.FACES_AND_OBJECTS, null);
  public static final AnalysisChoice OBJECTS = new AnalysisChoice(Kind.OBJECTS, null);

  /** The built-in choices, in the order the mode list shows them (imported classifiers follow). */
  static final java.util.List<AnalysisChoice> BUILT_IN = java.util.List.of(FACES, FACES_AND_OBJECTS, OBJECTS);

  public static AnalysisChoice classifier(ClassifierLibrary.Entry entry) {
    return new AnalysisChoice(Kind.CLASSIFIER, entry);
  }

  public AnalysisRequest request(DetectorChoice detector) {
    return switch (kind) {
      case FACES -> AnalysisRequest.facesAndEmotions().withDetector(detector);
      case FACES_AND_OBJECTS -> new AnalysisRequest(true, true, true, null, detector,
          AnalysisRequest.DEFAULT_OBJECT_THRESHOLD);
      case OBJECTS -> AnalysisRequest.objectsOnly();
      case CLASSIFIER -> perFace()
          ? AnalysisRequest.facesAndEmotions().withDetector(detector).withClassifier(classifier.card().toString())
          : new AnalysisRequest(false, false, false, classifier.card().toString(), DetectorChoice.NONE,
              AnalysisRequest.DEFAULT_OBJECT_THRESHOLD);
    };
  }

  /** True for a classifier that runs on each face (so faces are detected, and the detector matters). */
  public boolean perFace() {
    return kind == Kind.CLASSIFIER && classifier.scope() == ClassifierScope.FACE;
  }

  /** True when faces are detected: faces + emotion (with or without objects), or a per-face classifier. */
  public boolean findsFaces() {
    return kind == Kind.FACES || kind == Kind.FACES_AND_OBJECTS || perFace();
  }

  /** Saved in the settings: "faces", "faces_and_objects", "objects" or "classifier:<id>". */
  public String key() {
    return kind == Kind.CLASSIFIER ? "classifier:" + classifier.id() : kind.name().toLowerCase(java.util.Locale.ROOT);
  }

  /** What the mode list shows, in the current language. */
  public String label() {
    return switch (kind) {
      case FACES -> Messages.text("gallery.choice.faces");
      case FACES_AND_OBJECTS -> Messages.text("gallery.choice.facesAndObjects");
      case OBJECTS -> Messages.text("gallery.choice.objects");
      case CLASSIFIER -> perFace() ? Messages.text("gallery.choice.perFace", classifier.name())
          : Messages.text("gallery.choice.classifier", classifier.name());
    };
  }

  @Override
  public String toString() {
    return label();
  }
}
