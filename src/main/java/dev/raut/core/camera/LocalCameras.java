package dev.raut.core.camera;

import com.github.sarxos.webcam.Webcam;
import java.awt.Dimension;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Lists the local cameras through the sarxos webcam driver. A machine without cameras gives an
 * empty list (a normal answer, not an error); a driver that cannot start (on Linux usually a
 * missing libv4l-0) or hangs becomes a {@link CameraException} in plain words.
 */
public final class LocalCameras {
  private LocalCameras() {}

  public static List<CameraDevice> list(long timeoutMillis) throws CameraException {
    List<Webcam> webcams;
    try {
      webcams = Webcam.getWebcams(timeoutMillis, TimeUnit.MILLISECONDS);
    } catch (TimeoutException e) {
      throw new CameraException("timeout", "The camera driver did not list the cameras within "
          + timeoutMillis + " ms. Another program may be holding a camera.");
    } catch (RuntimeException | LinkageError e) {
      throw driverProblem(e);
    }
    List<CameraDevice> devices = new ArrayList<>();
    for (int i = 0; i < webcams.size(); i++) {
      Webcam webcam = webcams.get(i);
      List<CameraDevice.Resolution> sizes = new ArrayList<>();
      for (Dimension d : webcam.getViewSizes()) {
        sizes.add(new CameraDevice.Resolution(d.width, d.height));
      }
      devices.add(new CameraDevice(i, webcam.getName(), sizes));
    }
    return devices;
  }

  /** The sarxos camera at {@code index}, or an exception saying there is none. */
  static Webcam webcam(int index, long timeoutMillis) throws CameraException {
    List<Webcam> webcams;
    try {
      webcams = Webcam.getWebcams(timeoutMillis, TimeUnit.MILLISECONDS);
    } catch (TimeoutException e) {
      throw new CameraException("timeout", "The camera driver did not answer within " + timeoutMillis + " ms.");
    } catch (RuntimeException | LinkageError e) {
      throw driverProblem(e);
    }
    if (webcams.isEmpty()) {
      throw noCamera();
    }
    if (index < 0 || index >= webcams.size()) {
      throw new CameraException("not_found", "There is no camera number " + index + ": this computer has "
          + webcams.size() + " (numbered from 0).");
    }
    return webcams.get(index);
  }

  static CameraException noCamera() {
    return new CameraException("no_camera", "No camera found. Use an IP camera or a video file.");
  }

  static CameraException driverProblem(Throwable e) {
    String os = System.getProperty("os.name", "").toLowerCase(java.util.Locale.ROOT);
    String hint = os.contains("linux")
        ? " On Linux the webcam driver needs the libv4l-0 package (sudo apt install libv4l-0)."
        : "";
    return new CameraException("driver_missing", "The webcam driver could not start (" + rootMessage(e) + ")." + hint, e);
  }

  /** The innermost cause says what is actually missing; the wrappers around it only name Java classes. */
  private static String rootMessage(Throwable e) {
    Throwable root = e;
    while (root.getCause() != null && root.getCause() != root) {
      root = root.getCause();
    }
    String message = root.getMessage() == null ? root.getClass().getSimpleName() : root.getMessage();
    return message.replaceAll("(?:[a-z]+\\.)+[A-Z]\\w*(?:Exception|Error): ?", "").trim();
  }
}
