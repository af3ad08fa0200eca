package dev.raut.core.onnx;

import dev.raut.core.text.Explained;
import dev.raut.core.text.Problem;

/** A model file could not be loaded or does not have the shape Raut expects. The message says what to do. */
public class ModelLoadException extends RuntimeException implements Explained {
  private final transient Problem problem;

  /** A message in words from elsewhere (English); prefer the constructors with a {@link Problem}. */
  public ModelLoadException(String message) {
    this(Problem.verbatim(message), null);
  }

  public ModelLoadException(String message, Throwable cause) {
    this(Problem.verbatim(message), cause);
  }

  public ModelLoadException(Problem problem) {
    this(problem, null);
  }

  public ModelLoadException(Problem problem, Throwable cause) {
    super(problem.english(), cause);
    this.problem = problem;
  }

  /** What went wrong as a text key and arguments, for the user's language ({@link #getMessage()} is English). */
  @Override
  public Problem problem() {
    return problem;
  }
}
