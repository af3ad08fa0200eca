package dev.raut.core.camera;

/** How fast a video file is read. Cameras always run at their own rate. */
public enum Pace {
  /** At the file's own frame rate, like a camera: frames the analysis can't keep up with are skipped. */
  NATIVE,
  /** As fast as the analysis takes frames, none skipped: the benchmark mode. */
  MAX
}
