package dev.raut.core.camera;

import java.time.Duration;
import org.opencv.core.Mat;

/**
 * Where live frames come from: a local webcam, an IP camera or a video file. A source is used by
 * one capture thread: {@link #open}, then {@link #read} in a loop, then {@link #close}. It never
 * keeps the caller's Mat; pixels are copied into it.
 */
public interface FrameSource extends AutoCloseable {
  /** What the user picked, for messages ("IP camera http://…", "video sample.avi"). */
  String description();

  /** Opens the device or stream, waiting at most {@code timeout}. */
  void open(Duration timeout) throws CameraException;

  /**
   * Blocks until the next frame and writes it as 8-bit BGR into {@code bgr} (reallocated only when
   * the size changes). Returns false when the source has ended (the end of a video without loop).
   */
  boolean read(Mat bgr) throws CameraException;

  /** Time of the last frame read on the source's own clock: position in a file, else ms since open. */
  double lastTimestampMs();

  /** Frames per second the source declares (a file's rate), or 0 when it paces itself (cameras). */
  default double nominalFps() {
    return 0;
  }

  /** Whether reconnecting makes sense after a failure (a camera may come back, a broken file does not). */
  default boolean retryable() {
    return true;
  }

  /** Releases the device or stream; safe to call twice and from a failed open. */
  @Override
  void close();
}
