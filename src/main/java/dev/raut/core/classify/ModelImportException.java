package dev.raut.core.classify;

import java.util.List;

/**
 * A user's model file was refused at import: unreadable, a format Raut cannot convert faithfully,
 * a layer it does not know, labels that don't fit. {@code code} is stable and language-neutral
 * (doors may render their own text from it and {@code args}); the message is plain English naming
 * the file and what to do. Nothing is left in the model library when this is thrown.
 */
public final class ModelImportException extends RuntimeException {
  /** Stable error codes; the JSON and the doors use these. */
  public enum Code {
    NOT_FOUND, UNREADABLE, TRUNCATED, UNKNOWN_FORMAT, WEIGHTS_ONLY, MISSING_PART, UNSUPPORTED_FORMAT,
    UNSUPPORTED_LAYER, CUSTOM_LAYER, BAD_CONFIG, LABELS_MISMATCH, MODEL_REFUSED
  }

  private final Code code;
  private final List<String> args;

  public ModelImportException(Code code, String message, List<String> args, Throwable cause) {
    super(message, cause);
    this.code = code;
    this.args = List.copyOf(args);
  }

  public ModelImportException(Code code, String message) {
    this(code, message, List.of(), null);
  }

  public ModelImportException(Code code, String message, Throwable cause) {
    this(code, message, List.of(), cause);
  }

  public Code code() {
    return code;
  }

  /** The code as written in JSON: lower snake case. */
  public String codeId() {
    return code.name().toLowerCase(java.util.Locale.ROOT);
  }

  public List<String> args() {
    return args;
  }
}
