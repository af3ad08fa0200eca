package dev.raut.core.camera;

import java.util.List;

/** A local camera as the driver lists it: its position in the list, its name and the sizes it offers. */
public record CameraDevice(int index, String name, List<Resolution> resolutions) {
  public CameraDevice {
    resolutions = List.copyOf(resolutions);
  }

  /** A frame size in pixels. */
  public record Resolution(int width, int height) {
    @Override
    public String toString() {
      return width + "x" + height;
    }
  }
}
