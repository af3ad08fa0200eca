package dev.raut.core.camera;

/**
 * A source could not be opened or stopped delivering frames. {@link #code()} is stable for programs
 * ("no_camera", "driver_missing", "timeout", "not_found", "unsupported", "stream_lost", "busy");
 * {@link #getMessage()} says in plain words what happened and what to try.
 */
public final class CameraException extends Exception {
  private final String code;

  public CameraException(String code, String message) {
    super(message);
    this.code = code;
  }

  public CameraException(String code, String message, Throwable cause) {
    super(message, cause);
    this.code = code;
  }

  public String code() {
    return code;
  }
}
