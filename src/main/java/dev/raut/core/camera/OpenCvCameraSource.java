package dev.raut.core.camera;

import dev.raut.core.image.OpenCvNative;
import dev.raut.core.text.Problem;
import java.time.Duration;
import org.opencv.core.Mat;
import org.opencv.videoio.VideoCapture;
import org.opencv.videoio.Videoio;

/**
 * A local camera through OpenCV's own capture backends (V4L2, AVFoundation, Media Foundation):
 * the alternative for machines where the sarxos driver cannot open a device (notably macOS arm64).
 */
public final class OpenCvCameraSource implements FrameSource {
  private final int index;
  private final CameraDevice.Resolution resolution;
  private VideoCapture capture;
  private long openedNanos;
  private double timestampMs;

  public OpenCvCameraSource(int index, CameraDevice.Resolution resolution) {
    this.index = index;
    this.resolution = resolution;
  }

  @Override
  public String description() {
    return "camera " + index + " (OpenCV)";
  }

  @Override
  public void open(Duration timeout) throws CameraException {
    OpenCvNative.ensureLoaded();
    close();
    // OpenCV's backends have no portable open timeout (V4L2 rejects the property): they fail fast instead
    capture = new VideoCapture(index, Videoio.CAP_ANY);
    if (!capture.isOpened()) {
      close();
      throw new CameraException("not_found", Problem.of("errors.camera.openCvFailed", index));
    }
    if (resolution != null) {
      capture.set(Videoio.CAP_PROP_FRAME_WIDTH, resolution.width());
      capture.set(Videoio.CAP_PROP_FRAME_HEIGHT, resolution.height());
    }
    openedNanos = System.nanoTime();
  }

  @Override
  public boolean read(Mat bgr) throws CameraException {
    if (!capture.read(bgr) || bgr.empty()) {
      throw new CameraException("stream_lost", Problem.of("errors.camera.stopped", index));
    }
    timestampMs = (System.nanoTime() - openedNanos) / 1e6;
    return true;
  }

  @Override
  public double lastTimestampMs() {
    return timestampMs;
  }

  @Override
  public void close() {
    if (capture != null) {
      capture.release();
      capture = null;
    }
  }
}
