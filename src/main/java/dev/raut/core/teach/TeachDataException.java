package dev.raut.core.teach;

import dev.raut.core.text.Explained;
import dev.raut.core.text.Problem;

/** The labelled data cannot be taught from (one class, too few photos, an unreadable folder); the message says why. */
public final class TeachDataException extends RuntimeException implements Explained {
  private final transient Problem problem;

  /** A message in words from elsewhere (English); prefer the constructors with a {@link Problem}. */
  public TeachDataException(String message) {
    this(Problem.verbatim(message), null);
  }

  public TeachDataException(String message, Throwable cause) {
    this(Problem.verbatim(message), cause);
  }

  public TeachDataException(Problem problem) {
    this(problem, null);
  }

  public TeachDataException(Problem problem, Throwable cause) {
    super(problem.english(), cause);
    this.problem = problem;
  }

  /** What went wrong as a text key and arguments, for the user's language ({@link #getMessage()} is English). */
  @Override
  public Problem problem() {
    return problem;
  }
}
