package dev.raut.core.classify;

/** The kinds of model file a user can bring; all but ONNX are converted to ONNX once, at import. */
public enum ModelFormat {
  ONNX("ONNX"),
  KERAS_H5("Keras HDF5 (.h5)"),
  KERAS_V3("Keras 3 (.keras)"),
  TFJS_LAYERS("TensorFlow.js layers model"),
  TEACHABLE_MACHINE_TFJS("Teachable Machine (TensorFlow.js)"),
  TEACHABLE_MACHINE_KERAS("Teachable Machine (Keras)"),
  TFLITE("TensorFlow Lite (.tflite)"),
  TEACHABLE_MACHINE_TFLITE("Teachable Machine (TFLite)");

  private final String displayName;

  ModelFormat(String displayName) {
    this.displayName = displayName;
  }

  /** How a person would name the format. */
  public String displayName() {
    return displayName;
  }
}
