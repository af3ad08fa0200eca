package dev.raut.core.convert;

/** A TF.js model could not be converted to ONNX: unreadable files, bad weights, or an unsupported graph. */
public class ConversionException extends Exception {
  public ConversionException(String message) {
    super(message);
  }

  public ConversionException(String message, Throwable cause) {
    super(message, cause);
  }
}
