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
  void listingCamerasOnAMachineWithoutOneIsEmptyOrAPlainDriverMessage() {
    assertThat(machineHasCameras()).as("this test is about machines without a camera").isFalse();
    long start = System.nanoTime();
    try {
      List<CameraDevice> devices = LocalCameras.list(5000);
      assertThat(devices).isEmpty();
    } catch (CameraException e) {
      assertThat(e.code()).isEqualTo("driver_missing");
      assertThat(e.getMessage()).contains("libv4l-0");
    }
    assertThat(System.nanoTime() - start).isLessThan(Duration.ofSeconds(5).toNanos());
  }

  @Test
  void openingCameraZeroWithoutACameraIsAMessageNotACrash() {
    LocalCameraSource source = new LocalCameraSource(0, null);
    try {
      source.open(Duration.ofSeconds(3));
      throw new AssertionError("there is no camera to open");
    } catch (CameraException e) {
      assertThat(e.code()).isIn("no_camera", "driver_missing", "not_found");
      assertThat(e.getMessage()).doesNotContain("Exception");
    } finally {
      source.close();
    }
  }
}
