package dev.raut.core.model;

/** A model or sample could not be fetched, verified or converted. The message names the file and the fix. */
public class FetchException extends Exception {
  public FetchException(String message) {
    super(message);
  }

  public FetchException(String message, Throwable cause) {
    super(message, cause);
  }
}
