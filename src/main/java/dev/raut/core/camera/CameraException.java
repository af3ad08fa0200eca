package dev.raut.core.camera;

import dev.raut.core.text.Explained;
import dev.raut.core.text.Problem;
import java.util.List;

/**
 * A source could not be opened or stopped delivering frames. {@link #code()} is stable for programs
 * (one of {@link #CODES}); {@link #problem()} says in plain words what happened and what to try,
 * in either language, and {@link #getMessage()} says it in English for logs.
 */
public final class CameraException extends Exception implements Explained {
  /** Every code a camera error has; each has a summary text {@code errors.camera.CODE}. */
  public static final List<String> CODES =
      List.of("no_camera", "driver_missing", "timeout", "not_found", "refused", "unsupported", "stream_lost", "busy");

  private final String code;
  private final transient Problem problem;

  /** A message in words from elsewhere (English); prefer the constructors with a {@link Problem}. */
  public CameraException(String code, String message) {
    this(code, Problem.verbatim(message), null);
  }

  public CameraException(String code, String message, Throwable cause) {
    this(code, Problem.verbatim(message), cause);
  }

  public CameraException(String code, Problem problem) {
    this(code, problem, null);
  }

  public CameraException(String code, Problem problem, Throwable cause) {
    super(problem.english(), cause);
    this.code = code;
    this.problem = problem;
  }

  public String code() {
    return code;
  }

  @Override
  public Problem problem() {
    return problem;
  }
}
