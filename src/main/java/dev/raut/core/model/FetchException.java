package dev.raut.core.model;

import dev.raut.core.text.Explained;
import dev.raut.core.text.Problem;

/** A model or sample could not be fetched, verified or converted. The message names the file and the fix. */
public class FetchException extends Exception implements Explained {
  private final transient Problem problem;

  /** A message in words from elsewhere (English); prefer the constructors with a {@link Problem}. */
  public FetchException(String message) {
    this(Problem.verbatim(message), null);
  }

  public FetchException(String message, Throwable cause) {
    this(Problem.verbatim(message), cause);
  }

  public FetchException(Problem problem) {
    this(problem, null);
  }

  public FetchException(Problem problem, Throwable cause) {
    super(problem.english(), cause);
    this.problem = problem;
  }

  /** What went wrong as a text key and arguments, for the user's language ({@link #getMessage()} is English). */
  @Override
  public Problem problem() {
    return problem;
  }
}
