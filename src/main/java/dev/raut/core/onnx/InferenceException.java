package dev.raut.core.onnx;

/**
 * A loaded model failed while running on one input. It says nothing about the model file, so
 * callers report it for that photo or frame ({@code analysis_failed}) and carry on with the next,
 * unlike a {@link ModelLoadException}, which means no photo can be analysed until the model is fixed.
 */
public class InferenceException extends RuntimeException {
  public InferenceException(String message, Throwable cause) {
    super(message, cause);
  }
}
