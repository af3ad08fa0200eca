package dev.raut.core.teach;

import dev.raut.core.text.Explained;
import dev.raut.core.text.Problem;

/** The user cancelled a teach run; nothing was saved. */
public final class TeachCancelledException extends RuntimeException implements Explained {
  private static final Problem CANCELLED = Problem.of("errors.teach.cancelled");

  public TeachCancelledException() {
    super(CANCELLED.english());
  }

  @Override
  public Problem problem() {
    return CANCELLED;
  }
}
