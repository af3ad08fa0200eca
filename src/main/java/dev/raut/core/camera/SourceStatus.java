package dev.raut.core.camera;

import dev.raut.core.text.Problem;

/**
 * Where a live source stands. {@code problem} says it in plain words, kept as a text key so each door
 * says it in its user's language; {@code retryInSeconds} is set while {@link State#RECONNECTING};
 * {@code errorCode} is a {@link CameraException#code()} for {@link State#RECONNECTING} and {@link State#ERROR}.
 */
public record SourceStatus(State state, Problem problem, int retryInSeconds, String errorCode) {
  public enum State { CONNECTING, LIVE, RECONNECTING, STOPPED, ERROR }

  public static SourceStatus of(State state, Problem problem) {
    return new SourceStatus(state, problem, 0, null);
  }

  /** The status in the current language. */
  public String message() {
    return problem.text();
  }
}
