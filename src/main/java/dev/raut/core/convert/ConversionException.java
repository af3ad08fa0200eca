package dev.raut.core.convert;

/**
 * A model could not be converted to ONNX: unreadable files, bad weights, or a graph or layer that
 * cannot be mapped faithfully. {@link #reason()} says which kind, so an importer can tell the
 * user what to do (export the whole model, send the missing shard, ...).
 */
public class ConversionException extends Exception {
  /** Why a conversion failed, for the doors' error codes. */
  public enum Reason {
    /** The file cannot be read or parsed at all. */
    UNREADABLE,
    /** The file ends early or a dataset is shorter than its shape. */
    TRUNCATED,
    /** A Keras file holds weights only, no model config. */
    WEIGHTS_ONLY,
    /** A part of a multi-file model (a weights shard, a zip entry) is missing. */
    MISSING_PART,
    /** A layer, op or layer option with no exact ONNX mapping. */
    UNSUPPORTED_LAYER,
    /** A Lambda or a user-defined layer class: its code is not in the file. */
    CUSTOM_LAYER,
    /** The model config is inconsistent (unknown inbound layer, wrong weight shapes, ...). */
    BAD_CONFIG,
    OTHER
  }

  private final Reason reason;

  public ConversionException(String message) {
    this(Reason.OTHER, message, null);
  }

  public ConversionException(String message, Throwable cause) {
    this(Reason.OTHER, message, cause);
  }

  public ConversionException(Reason reason, String message) {
    this(reason, message, null);
  }

  public ConversionException(Reason reason, String message, Throwable cause) {
    super(message, cause);
    this.reason = reason;
  }

  public Reason reason() {
    return reason;
  }
}
