package dev.raut.core.onnx;

/** A model file could not be loaded or does not have the shape Raut expects. The message says what to do. */
public class ModelLoadException extends RuntimeException {
  public ModelLoadException(String message) {
    super(message);
  }

  public ModelLoadException(String message, Throwable cause) {
    super(message, cause);
  }
}
