package dev.raut.core.camera;

/**
 * Where a live source stands. {@code message} says it in plain words; {@code retryInSeconds} is set
 * while {@link State#RECONNECTING}; {@code errorCode} is a {@link CameraException#code()} for
 * {@link State#RECONNECTING} and {@link State#ERROR}.
 */
public record SourceStatus(State state, String message, int retryInSeconds, String errorCode) {
  public enum State { CONNECTING, LIVE, RECONNECTING, STOPPED, ERROR }

  public static SourceStatus of(State state, String message) {
    return new SourceStatus(state, message, 0, null);
  }
}
