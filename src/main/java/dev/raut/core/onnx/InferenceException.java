package dev.raut.core.onnx;

import dev.raut.core.text.Explained;
import dev.raut.core.text.Problem;

/**
 * A loaded model failed while running on one input. It says nothing about the model file, so
 * callers report it for that photo or frame ({@code analysis_failed}) and carry on with the next,
 * unlike a {@link ModelLoadException}, which means no photo can be analysed until the model is fixed.
 */
public class InferenceException extends RuntimeException implements Explained {
  private final transient Problem problem;

  public InferenceException(String message, Throwable cause) {
    this(Problem.verbatim(message), cause);
  }

  public InferenceException(Problem problem, Throwable cause) {
    super(problem.english(), cause);
    this.problem = problem;
  }

  /** What went wrong as a text key and arguments, for the user's language ({@link #getMessage()} is English). */
  @Override
  public Problem problem() {
    return problem;
  }
}
