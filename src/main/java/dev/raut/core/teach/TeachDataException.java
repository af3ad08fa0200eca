package dev.raut.core.teach;

/** The labelled data cannot be taught from (one class, too few photos, an unreadable folder); the message says why. */
public final class TeachDataException extends RuntimeException {
  public TeachDataException(String message) {
    super(message);
  }

  public TeachDataException(String message, Throwable cause) {
    super(message, cause);
  }
}
