package dev.raut.core.evaluate;

import dev.raut.core.text.Explained;
import dev.raut.core.text.Problem;

/** A dataset or label map that cannot be read, said in plain words (the message names the file). */
public final class DatasetException extends RuntimeException implements Explained {
  private final transient Problem problem;

  /** A message in words from elsewhere (English); prefer the constructors with a {@link Problem}. */
  public DatasetException(String message) {
    this(Problem.verbatim(message), null);
  }

  public DatasetException(String message, Throwable cause) {
    this(Problem.verbatim(message), cause);
  }

  public DatasetException(Problem problem) {
    this(problem, null);
  }

  public DatasetException(Problem problem, Throwable cause) {
    super(problem.english(), cause);
    this.problem = problem;
  }

  /** What went wrong as a text key and arguments, for the user's language ({@link #getMessage()} is English). */
  @Override
  public Problem problem() {
    return problem;
  }
}
