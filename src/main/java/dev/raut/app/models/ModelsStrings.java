package dev.raut.app.models;

import dev.raut.core.classify.ClassifierScope;
import dev.raut.core.classify.ClassifierSpec;
import java.util.Locale;

/**
 * Every word the Models page and its import dialog show, in one place so they can move into
 * resource bundles (English, Bahasa Indonesia) without hunting through the views.
 */
final class ModelsStrings {
  private ModelsStrings() {}

  // ---- Models page
  static final String DEFAULT_MODELS = "Default models";
  static final String YOUR_CLASSIFIERS = "Your classifiers";
  static final String IMPORT_BUTTON = "Import model…";
  static final String IMPORT_TIP = "Add your own classifier: Keras (.h5, .keras), TensorFlow.js (model.json), "
      + "a Teachable Machine export (zip or folder) or ONNX (Ctrl+I). You can also drop it on this page.";
  static final String KEPT_IN = "Kept in ";
  static final String NO_CLASSIFIERS = "No classifiers imported yet. Import a Keras, TensorFlow.js, Teachable Machine"
      + " or ONNX model, or drop its file or folder here.";
  static final String REMOVE = "Remove";
  static final String REMOVE_TIP = "Delete the selected classifier from your Raut data folder";
  static final String READING_CACHE = "Reading the model cache…";
  static final String COL_NAME = "Name";
  static final String COL_SCOPE = "Looks at";
  static final String COL_FORMAT = "Imported from";
  static final String COL_CLASSES = "Classes";
  static final String COL_INPUT = "Input";
  static final String COL_STATE = "State";
  static final String READY = "ready";

  // ---- import dialog
  static final String DIALOG_TITLE = "Import a classifier";
  static final String DIALOG_HEADER = "Your own image classifier: Keras (.h5, .hdf5, .keras), TensorFlow.js (model.json),"
      + " a Teachable Machine export, or ONNX. Drop it here, or choose it.";
  static final String CHOOSE_FILE = "Choose file…";
  static final String CHOOSE_FILE_TIP = "A model file, or a Teachable Machine .zip";
  static final String CHOOSE_FOLDER = "Choose folder…";
  static final String CHOOSE_FOLDER_TIP = "An unzipped export (Teachable Machine, TensorFlow.js)";
  static final String NO_MODEL = "No model chosen";
  static final String MODEL = "Model";
  static final String FORMAT = "Format";
  static final String INPUT = "Input";
  static final String SCALING = "Pixel scaling";
  static final String SCALING_TIP = "How the pixels were scaled when the model was trained";
  static final String COLOUR = "Colour order";
  static final String COLOUR_TIP = "BGR if the training code read images with OpenCV (cv2.imread) and fed them as they were";
  static final String SOFTMAX = "Turn the outputs into probabilities (softmax)";
  static final String LABELS = "Labels";
  static final String LABELS_TIP = "One label per line, in the order of the model's outputs";
  static final String CHOOSE_LABELS = "Labels file…";
  static final String CHOOSE_LABELS_TIP = "A text file with one label per line (labels.txt, also with leading numbers)";
  static final String LOOKS_AT = "Looks at";
  static final String WHOLE_PHOTO = "Whole photo";
  static final String EACH_FACE = "Each face";
  static final String EACH_FACE_TIP = "Runs on each detected face's crop, like the emotion model (a mask, age or emotion model)";
  static final String NAME = "Name";
  static final String NOTES = "Notes";
  static final String TRY = "Try on a photo…";
  static final String TRY_TIP = "Classify a photo with these settings before importing (or drop a photo on this dialog)";
  static final String TRY_FACE_HINT = "For a face model, try a photo of one face, cropped close.";
  static final String IMPORT = "Import";
  static final String COPY = "Copy";
  static final String LABELS_TYPED = "typed in";
  static final String PHOTOS = "Photos";
  static final String KERAS_FILES = "Keras models (*.h5, *.hdf5, *.keras)";
  static final String TFJS_FILES = "TensorFlow.js model (model.json)";
  static final String TM_FILES = "Teachable Machine export (*.zip)";
  static final String ONNX_FILES = "ONNX models (*.onnx)";
  static final String ALL_MODEL_FILES = "All model files";
  static final String ALL_FILES = "All files";
  static final String TEXT_FILES = "Text";
  static final String CHOOSE_PHOTO = "A photo to try the classifier on";

  static String reading(String file) {
    return "Reading and converting " + file + "…";
  }

  static String formatLine(String format, String version, long millis) {
    return format + (version == null || version.isEmpty() ? "" : " · " + version)
        + (millis > 0 ? " · read in " + String.format(Locale.ROOT, "%.1f s", millis / 1000.0) : "");
  }

  static String inputLine(int width, int height, ClassifierSpec.ColorOrder color) {
    return width + " × " + height + " pixels, " + (color == ClassifierSpec.ColorOrder.GREY ? "grey" : "colour");
  }

  static String question(String reason) {
    return "Please check: " + reason;
  }

  static String labelsFrom(String source) {
    return source == null ? "Made up (class_0, class_1, …): nothing came with the model. Type the real ones or pick a file."
        : "From " + source;
  }

  static String labelsCount(int labels, int outputs) {
    if (labels == outputs) {
      return labels + (labels == 1 ? " label" : " labels") + " for " + outputs + " outputs";
    }
    return labels + (labels == 1 ? " label" : " labels") + ", but the model has " + outputs
        + " outputs: give exactly one label per output, in order.";
  }

  static String notImported(String reason) {
    return "Not imported: " + reason;
  }

  static String trying(String photo) {
    return "Classifying " + photo + "…";
  }

  static String imported(String name) {
    return "Imported the classifier " + name;
  }

  static String removed(String name) {
    return "Removed the classifier " + name;
  }

  static String percent(double score) {
    return String.format(Locale.ROOT, "%.0f%%", score * 100);
  }

  /** The pixel scaling in plain words, never the enum's name. */
  static String scaling(ClassifierSpec.Normalization n) {
    return switch (n) {
      case ZERO_ONE -> "0 to 1";
      case MINUS_ONE_ONE -> "-1 to 1";
      case MEAN_STD -> "ImageNet mean/std";
      case CAFFE -> "Caffe BGR mean";
      case RAW -> "0 to 255 (the model scales itself)";
    };
  }

  static String scope(ClassifierScope scope) {
    return scope == ClassifierScope.FACE ? EACH_FACE : WHOLE_PHOTO;
  }
}
