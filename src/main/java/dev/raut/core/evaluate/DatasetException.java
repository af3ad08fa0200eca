package dev.raut.core.evaluate;

/** A dataset or label map that cannot be read, said in plain words (the message names the file). */
public final class DatasetException extends RuntimeException {
  public DatasetException(String message) {
    super(message);
  }

  public DatasetException(String message, Throwable cause) {
    super(message, cause);
  }
}
