package dev.raut.core.camera;

import dev.raut.core.image.OpenCvNative;
import org.opencv.core.Mat;

/**
 * One captured picture and where it came from. Frames are owned and reused by the pipeline (a few
 * buffers cycle between the capture thread and the analysis worker); listeners borrow them for the
 * length of a callback and must copy what they want to keep.
 */
public final class Frame {
  static {
    OpenCvNative.ensureLoaded();
  }

  private final Mat bgr = new Mat();
  long index;
  long capturedNanos;
  double timestampMs;
  long scene;

  /** The pixels, 8-bit BGR. Borrowed: do not release, do not keep. */
  public Mat bgr() {
    return bgr;
  }

  /** 0-based number of the frame since the source was started (counting dropped frames). */
  public long index() {
    return index;
  }

  /** {@link System#nanoTime()} when the frame had been read: the start of its latency. */
  public long capturedNanos() {
    return capturedNanos;
  }

  /** Time of the frame on the source's clock (position in a video file). */
  public double timestampMs() {
    return timestampMs;
  }

  /** The scene the frame belongs to: the number goes up at each cut (see {@link SceneCuts}). */
  public long scene() {
    return scene;
  }

  int width() {
    return bgr.cols();
  }

  int height() {
    return bgr.rows();
  }

  void release() {
    bgr.release();
  }
}
