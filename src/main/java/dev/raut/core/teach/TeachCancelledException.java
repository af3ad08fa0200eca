package dev.raut.core.teach;

/** The user cancelled a teach run; nothing was saved. */
public final class TeachCancelledException extends RuntimeException {
  public TeachCancelledException() {
    super("Teaching was cancelled; nothing was saved.");
  }
}
