package dev.raut.core.camera;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The webcam paths on a machine without a camera (this project's test machines have no
 * /dev/video*): listing gives an empty list, or a plain message when the driver's library is
 * missing, and opening a camera fails with a message instead of crashing.
 */
class NoCameraTest {
  private static boolean machineHasCameras() {
    try (var devices = Files.list(Path.of("/dev"))) {
      return devices.anyMatch(p -> p.getFileName().toString().startsWith("video"));
    } catch (Exception e) {
      return false;
    }
  }

  @Test
  void listingCamerasOnAMachineWithoutOneIsEmptyWithoutStartingTheDriver() throws Exception {
    assertThat(machineHasCameras()).as("this test is about machines without a camera").isFalse();
    assertThat(LocalCameras.mayHaveCameras()).isFalse();
    java.io.PrintStream err = System.err;
    java.io.ByteArrayOutputStream printed = new java.io.ByteArrayOutputStream();
    System.setErr(new java.io.PrintStream(printed, true, java.nio.charset.StandardCharsets.UTF_8));
    try {
      List<CameraDevice> devices = LocalCameras.list(5000);
      assertThat(devices).isEmpty();
    } finally {
      System.setErr(err);
    }
    // the native driver prints a stack trace of its own when libv4l is missing: it was never started
    assertThat(printed.toString(java.nio.charset.StandardCharsets.UTF_8)).doesNotContain("Exception");
  }

  @Test
  void aDriverThatCannotStartIsOnePlainSentence() {
    CameraException e = LocalCameras.driverProblem(new RuntimeException(new UnsatisfiedLinkError(
        "java.lang.UnsatisfiedLinkError: libv4l2.so.0: cannot open shared object file")));
    assertThat(e.code()).isEqualTo("driver_missing");
    assertThat(e.getMessage()).startsWith("The webcam driver could not start (libv4l2.so.0: cannot open shared object file).");
    if (System.getProperty("os.name").toLowerCase(java.util.Locale.ROOT).contains("linux")) {
      assertThat(e.getMessage()).contains("libv4l-0");
    }
  }

  @Test
  void theDriversTemporaryFolderIsNotInTheMessage() {
    CameraException e = LocalCameras.driverProblem(new UnsatisfiedLinkError(
        "/tmp/BridJExtractedLibraries5522318853447093406/libOpenIMAJGrabber.so: libv4l2.so.0: cannot open shared"
            + " object file: No such file or directory"));
    assertThat(e.getMessage()).doesNotContain("/tmp").doesNotContain("BridJ")
        .contains("(libOpenIMAJGrabber.so: libv4l2.so.0: cannot open shared object file");
    CameraException windows = LocalCameras.driverProblem(new UnsatisfiedLinkError(
        "C:\\Users\\Ayu\\AppData\\Local\\Temp\\BridJ123\\OpenIMAJGrabber.dll: Can't find dependent libraries"));
    assertThat(windows.getMessage()).doesNotContain("AppData").contains("(OpenIMAJGrabber.dll: Can't find");
  }

  @Test
  void openingCameraZeroWithoutACameraIsAMessageNotACrash() {
    LocalCameraSource source = new LocalCameraSource(0, null);
    try {
      source.open(Duration.ofSeconds(3));
      throw new AssertionError("there is no camera to open");
    } catch (CameraException e) {
      assertThat(e.code()).isEqualTo("no_camera");
      assertThat(e.getMessage()).doesNotContain("Exception");
    } finally {
      source.close();
    }
  }
}
