package dev.raut.core.camera;

import com.github.sarxos.webcam.Webcam;
import dev.raut.core.text.Problem;
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
  private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(LocalCameras.class);

  private LocalCameras() {}

  /**
   * False when this computer certainly has no camera: on Linux every camera is a {@code /dev/video*}
   * device. Then the native driver is not started at all (without libv4l it prints a long stack
   * trace of its own), and the answer is immediate.
   */
  static boolean mayHaveCameras() {
    String os = System.getProperty("os.name", "").toLowerCase(java.util.Locale.ROOT);
    if (!os.contains("linux")) {
      return true;
    }
    try (java.util.stream.Stream<java.nio.file.Path> devices = java.nio.file.Files.list(java.nio.file.Path.of("/dev"))) {
      return devices.anyMatch(d -> d.getFileName().toString().startsWith("video"));
    } catch (java.io.IOException | RuntimeException e) {
      return true; // cannot tell: ask the driver
    }
  }

  public static List<CameraDevice> list(long timeoutMillis) throws CameraException {
    if (!mayHaveCameras()) {
      LOG.info("No camera device (/dev/video*) on this computer");
      return List.of();
    }
    List<Webcam> webcams;
    try {
      webcams = Webcam.getWebcams(timeoutMillis, TimeUnit.MILLISECONDS);
    } catch (TimeoutException e) {
      throw new CameraException("timeout", Problem.of("errors.camera.listTimeout", timeoutMillis));
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
    if (!mayHaveCameras()) {
      throw noCamera();
    }
    List<Webcam> webcams;
    try {
      webcams = Webcam.getWebcams(timeoutMillis, TimeUnit.MILLISECONDS);
    } catch (TimeoutException e) {
      throw new CameraException("timeout", Problem.of("errors.camera.driverTimeout", timeoutMillis));
    } catch (RuntimeException | LinkageError e) {
      throw driverProblem(e);
    }
    if (webcams.isEmpty()) {
      throw noCamera();
    }
    if (index < 0 || index >= webcams.size()) {
      throw new CameraException("not_found", Problem.of("errors.camera.noSuchNumber", index, webcams.size()));
    }
    return webcams.get(index);
  }

  static CameraException noCamera() {
    return new CameraException("no_camera", Problem.of("errors.camera.no_camera"));
  }

  static CameraException driverProblem(Throwable e) {
    String os = System.getProperty("os.name", "").toLowerCase(java.util.Locale.ROOT);
    CameraException problem = new CameraException("driver_missing", Problem.of(os.contains("linux")
        ? "errors.camera.driverLinux" : "errors.camera.driver", rootMessage(e)), e);
    LOG.warn(problem.getMessage()); // one line; the cause's stack trace helps no one who reads the log
    return problem;
  }

  /** The innermost cause says what is actually missing; the wrappers around it only name Java classes. */
  private static String rootMessage(Throwable e) {
    Throwable root = e;
    while (root.getCause() != null && root.getCause() != root) {
      root = root.getCause();
    }
    String message = root.getMessage() == null ? root.getClass().getSimpleName() : root.getMessage();
    // the driver unpacks its library into a temporary folder: the file's name says what failed, its folder nothing
    return message.replaceAll("(?:[a-z]+\\.)+[A-Z]\\w*(?:Exception|Error): ?", "")
        .replaceAll("(?:[A-Za-z]:)?(?:[/\\\\][^/\\\\\\s:]+)+[/\\\\]([^/\\\\\\s:]+)", "$1").trim();
  }
}
