package dev.raut.app.teach;

import dev.raut.core.classify.ClassifierScope;
import dev.raut.core.teach.Backbone;
import dev.raut.core.teach.HeadTraining;
import java.util.List;
import java.util.Locale;

/**
 * Every word the Teach page shows, in one place so they can move into resource bundles (English,
 * Bahasa Indonesia) without hunting through the view and presenter.
 */
final class TeachStrings {
  private TeachStrings() {}

  // ---- navigation
  static final String PAGE = "Teach";
  static final String PAGE_TIP = "Teach a classifier your own classes from labelled folders (Ctrl+T)";

  // ---- data
  static final String TITLE = "Teach a classifier";
  static final String INTRO = "Drop a folder with one sub-folder of photos per class (with or without train/ and test/),"
      + " several class folders at once, or a CSV of path,label. Raut learns your classes on this computer, tests the"
      + " result on photos it did not learn from, and saves it to your model library.";
  static final String CHOOSE_FOLDER = "Folder…";
  static final String CHOOSE_FOLDER_TIP = "A folder with one sub-folder of photos per class";
  static final String CHOOSE_CSV = "CSV…";
  static final String CHOOSE_CSV_TIP = "A CSV of path,label rows (paths relative to the CSV)";
  static final String CHOOSE_FOLDER_TITLE = "Choose the folder of class folders";
  static final String CHOOSE_CSV_TITLE = "Choose the CSV of path,label";
  static final String CSV_FILES = "CSV files";
  static final String NO_DATA = "No photos chosen yet: drop a folder here.";
  static final String READING = "Reading and checking the photos…";
  static final String DATA_TITLE = "Your photos";
  static final String COL_CLASS = "Class";
  static final String COL_TRAIN = "To learn from";
  static final String COL_TEST = "To test on";
  static final String COL_EXAMPLES = "Examples";
  static final String SPLIT_OWN = "Test photos: the data's own test folder.";
  static final String SPLIT_HELD = "Held back to test on:";
  static final String SPLIT_PERCENT_TIP = "The part of each class kept back to test the result; it is not learnt from";
  static final String SPLIT_SEED = "drawn with seed";
  static final String SPLIT_SEED_TIP = "The same seed draws the same test photos again";
  static final String WARNINGS = "Please check";

  // ---- settings
  static final String SETTINGS_TITLE = "How to teach";
  static final String BACKBONE = "Network";
  static final String BACKBONE_TIP = "The pretrained network that turns each photo into features: fast, or accurate"
      + " (two networks, about three times slower)";
  static final String FAST = "Fast";
  static final String ACCURATE = "Accurate";
  static final String HEAD = "Classifier";
  static final String HEAD_TIP = "What learns your classes from the features: automatic tries both and keeps the"
      + " better one on a part of your photos";
  static final String HEAD_AUTO = "Automatic";
  static final String HEAD_LOGREG = "Logistic regression";
  static final String HEAD_MLP = "Small neural network";
  static final String AUGMENT = "Also learn from mirror images";
  static final String AUGMENT_TIP = "Each training photo is learnt from flipped left to right too (slower;"
      + " helps when the classes do not depend on left and right)";
  static final String SCOPE = "Looks at";
  static final String WHOLE_PHOTO = "Whole photo";
  static final String EACH_FACE = "Each face";
  static final String EACH_FACE_TIP = "Learns from each photo's largest face and runs on each face found (a mask,"
      + " age group or your own emotion classes)";
  static final String NAME = "Name";
  static final String NAME_TIP = "The name in your model library and in the gallery's Find list";

  // ---- running
  static final String START = "Start teaching";
  static final String START_TIP = "Learn the classes, then test on the held-back photos";
  static final String CANCEL = "Cancel";
  static final String CANCEL_TIP = "Stop (Esc); nothing is saved";
  static final String STARTING = "Loading the network…";
  static final String CANCELLING = "Cancelling…";
  static final String CANCELLED = "Cancelled; nothing was saved.";
  static final String EVALUATING = "Testing on the held-back photos…";
  static final String EXPORTING = "Building the model…";
  static final String CURVES_TITLE = "Learning curves";
  static final String LOSS = "Loss";
  static final String ACCURACY = "Accuracy";
  static final String TRAIN_SERIES = "learning photos";
  static final String VALIDATION_SERIES = "check photos";
  static final String CURVES_NOTE = "Measured on a part of the learning photos set aside to choose the classifier;"
      + " the test photos are only used at the end.";

  // ---- result
  static final String RESULT_TITLE = "Result";
  static final String NO_TEST = "No photos were held back, so there is no test accuracy.";
  static final String CONFUSION = "Test photos by true and predicted class (colour: share of the true class; click a"
      + " cell to see its photos)";
  static final String SKIPPED = "Left out (could not be read)";
  static final String SAVE = "Save to library";
  static final String SAVE_TIP = "Store the model and its report; it appears on the Models page and in the gallery at once";
  static final String SAVING = "Saving…";
  static final String NAME_MISSING = "Give the classifier a name first.";
  static final String TRY = "Try it on a photo…";
  static final String TRY_TIP = "Classify a photo of your choice (or drop a photo on this page)";
  static final String TRY_TITLE = "Choose a photo to try the classifier on";
  static final String PHOTOS = "Photos";
  static final String TRYING = "Classifying…";
  static final String NO_FACE = "No face was found in this photo.";

  static String folders(List<String> names) {
    return names.size() + " class folders: " + String.join(", ", names);
  }

  static String summary(int classes, int train, int test) {
    return classes + " classes, " + train + " photos to learn from, " + test + " to test on.";
  }

  static String split(double fraction, long seed) {
    return String.format(Locale.ROOT, "%.0f %% of each class, drawn with seed %d.", 100 * fraction, seed);
  }

  static String backbone(boolean fast, Backbone backbone) {
    return (fast ? FAST : ACCURATE) + ": " + backbone.displayName();
  }

  static String head(HeadTraining.Choice choice) {
    return switch (choice) {
      case AUTO -> HEAD_AUTO;
      case LOGREG -> HEAD_LOGREG;
      case MLP -> HEAD_MLP;
    };
  }

  static String scope(ClassifierScope scope) {
    return scope == ClassifierScope.FACE ? EACH_FACE : WHOLE_PHOTO;
  }

  /** A head kind ("logreg", "mlp") in plain words. */
  static String headKind(String kind) {
    return "mlp".equals(kind) ? "a small neural network" : "logistic regression";
  }

  /** A candidate the head training tries ("logreg l2=0.01", "mlp") in plain words. */
  static String candidate(String candidate) {
    if (candidate.startsWith("logreg")) {
      int at = candidate.indexOf("l2=");
      return at < 0 ? HEAD_LOGREG : HEAD_LOGREG + " (penalty " + candidate.substring(at + 3) + ")";
    }
    return "mlp".equals(candidate) ? HEAD_MLP : candidate;
  }

  static String embedding(int done, int total) {
    return "Reading the photos with the network: " + done + " of " + total;
  }

  static String training(String candidate) {
    return "Learning: trying " + candidate(candidate).toLowerCase(Locale.ROOT) + "…";
  }

  static String trainingStarted() {
    return "Learning your classes…";
  }

  /** "about 40 s left", "about 3 min left"; empty while there is nothing to go by. */
  static String eta(double seconds) {
    if (Double.isNaN(seconds) || Double.isInfinite(seconds) || seconds < 0) {
      return "";
    }
    if (seconds < 60) {
      return "about " + Math.max(1, Math.round(seconds)) + " s left";
    }
    return "about " + Math.round(seconds / 60) + " min left";
  }

  static String curvesOf(String candidate) {
    return CURVES_TITLE + ": " + candidate(candidate).toLowerCase(Locale.ROOT);
  }

  static String curvesOfChosen(String kind) {
    return CURVES_TITLE + " of the chosen classifier, " + headKind(kind);
  }

  static String accuracy(double accuracy, double balanced, int photos) {
    return "Accuracy on " + photos + " test photos " + percent(accuracy) + " · Balanced accuracy " + percent(balanced);
  }

  static String chosenHead(String kind, String reason) {
    return "Classifier: " + headKind(kind) + ". " + reason;
  }

  static String took(int embedded, int cached, long embedMillis, long trainMillis) {
    return String.format(Locale.ROOT, "%d photos read by the network, %d from earlier runs; %.1f s reading, %.1f s"
        + " learning.", embedded, cached, embedMillis / 1000.0, trainMillis / 1000.0);
  }

  static String cell(String truth, String predicted, int count) {
    return "True " + truth + ", predicted " + predicted + ": " + count + (count == 1 ? " photo" : " photos");
  }

  static String skipped(String name, String reason) {
    return name + ": " + reason;
  }

  static String saved(String name) {
    return "Saved as " + name + ". It is on the Models page and under Find in the gallery.";
  }

  static String taken(String name) {
    return "Your library already has a classifier named " + name + ". Choose another name.";
  }

  static String notSaved(String reason) {
    return "Not saved: " + reason;
  }

  static String failed(String reason) {
    return "Teaching stopped: " + reason;
  }

  static String done(double accuracy) {
    return Double.isNaN(accuracy) ? "Taught." : "Taught: " + percent(accuracy) + " right on the test photos.";
  }

  static String percent(double ratio) {
    return String.format(Locale.ROOT, "%.1f %%", 100 * ratio);
  }

  // ---- what the card says about where the model came from
  static final String PROVENANCE_FORMAT = "Taught in Raut";

  static String preprocessing(Backbone backbone, ClassifierScope scope) {
    String what = scope == ClassifierScope.FACE ? "each photo's largest face, cut as face classifiers read it,"
        : "the whole photo";
    return "The backbone's own input: " + what + " resized to " + backbone.inputSize() + " × " + backbone.inputSize()
        + ", RGB 0 to 255.";
  }

  static String labelsSource(boolean ownTestSplit, boolean csv, boolean droppedFolders) {
    if (droppedFolders) {
      return "class folders (dropped together)";
    }
    if (csv) {
      return "a CSV of path,label";
    }
    return ownTestSplit ? "class folders (train/ and test/)" : "class folders";
  }

  static String heldOut(double accuracy, double balanced, int photos) {
    return String.format(Locale.ROOT, "Held-out accuracy %.1f%% (balanced %.1f%%) on %d photos.", 100 * accuracy,
        100 * balanced, photos);
  }

  static String licence(String licence) {
    return "Backbone licence: " + licence;
  }
}
