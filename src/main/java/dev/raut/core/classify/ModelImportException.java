package dev.raut.core.classify;

import dev.raut.core.text.Explained;
import dev.raut.core.text.Problem;
import java.util.List;

/**
 * A user's model file was refused at import: unreadable, a format Raut cannot convert faithfully,
 * a layer it does not know, labels that don't fit. {@code code} is stable and language-neutral
 * (doors may render their own text from it and {@code args}); the message is plain English naming
 * the file and what to do. Nothing is left in the model library when this is thrown.
 */
public final class ModelImportException extends RuntimeException implements Explained {
  /** Stable error codes; the JSON and the doors use these. */
  public enum Code {
    NOT_FOUND, UNREADABLE, TRUNCATED, UNKNOWN_FORMAT, WEIGHTS_ONLY, MISSING_PART, UNSUPPORTED_FORMAT,
    UNSUPPORTED_LAYER, CUSTOM_LAYER, BAD_CONFIG, LABELS_MISMATCH, MODEL_REFUSED;

    /** The text key of this code's one-line summary ({@code errors.import.labels_mismatch}). */
    public String summaryKey() {
      return "errors.import." + name().toLowerCase(java.util.Locale.ROOT);
    }
  }

  private final Code code;
  private final List<String> args;
  private final transient Problem problem;

  /** A message in words from elsewhere (a converter's, English); prefer the constructor with a {@link Problem}. */
  public ModelImportException(Code code, String message, List<String> args, Throwable cause) {
    this(code, Problem.verbatim(message), args, cause);
  }

  public ModelImportException(Code code, Problem problem, List<String> args, Throwable cause) {
    super(problem.english(), cause);
    this.code = code;
    this.args = List.copyOf(args);
    this.problem = problem;
  }

  public ModelImportException(Code code, Problem problem, Throwable cause) {
    this(code, problem, List.of(), cause);
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

  /** The files and numbers the message is about, as strings (the JSON's {@code args}). */
  public List<String> args() {
    return args;
  }

  @Override
  public Problem problem() {
    return problem;
  }
}
