package dev.raut.core.camera;

import dev.raut.core.text.Problem;
import java.time.Duration;
import org.opencv.core.Mat;

/**
 * A local camera: the sarxos driver first and, when it cannot open the device for a reason other
 * than "there is no camera", OpenCV's capture as the fallback.
 */
public final class LocalCameraSource implements FrameSource {
  private final int index;
  private final FrameSource primary;
  private final FrameSource fallback;
  private FrameSource active;

  public LocalCameraSource(int index, CameraDevice.Resolution resolution) {
    this(index, new SarxosCameraSource(index, resolution), new OpenCvCameraSource(index, resolution));
  }

  LocalCameraSource(int index, FrameSource primary, FrameSource fallback) {
    this.index = index;
    this.primary = primary;
    this.fallback = fallback;
  }

  @Override
  public String description() {
    return active != null ? active.description() : "camera " + index;
  }

  @Override
  public void open(Duration timeout) throws CameraException {
    close();
    try {
      primary.open(timeout);
      active = primary;
    } catch (CameraException e) {
      if (e.code().equals("no_camera") || e.code().equals("not_found")) {
        throw e;
      }
      try {
        fallback.open(timeout);
        active = fallback;
      } catch (CameraException second) {
        second.addSuppressed(e);
        throw new CameraException(e.code(), Problem.of("errors.camera.bothFailed", e.problem(), second.problem()),
            second);
      }
    }
  }

  @Override
  public boolean read(Mat bgr) throws CameraException {
    return active.read(bgr);
  }

  @Override
  public double lastTimestampMs() {
    return active == null ? 0 : active.lastTimestampMs();
  }

  @Override
  public void close() {
    if (active != null) {
      active.close();
      active = null;
    }
  }
}
