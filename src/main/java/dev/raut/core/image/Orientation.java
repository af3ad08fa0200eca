package dev.raut.core.image;

import org.opencv.core.Core;
import org.opencv.core.Mat;

/**
 * Turns stored pixels upright by the EXIF/TIFF orientation tag, for images decoded by ImageIO
 * (OpenCV does this itself for JPEG and TIFF), with the same transforms OpenCV uses.
 */
final class Orientation {
  private Orientation() {}

  /** Returns the upright image; releases {@code stored} when a new Mat had to be made. */
  static Mat apply(Mat stored, int orientation) {
    if (orientation <= 1 || orientation > 8) {
      return stored;
    }
    Mat upright = new Mat();
    switch (orientation) {
      case 2 -> Core.flip(stored, upright, 1);
      case 3 -> Core.flip(stored, upright, -1);
      case 4 -> Core.flip(stored, upright, 0);
      case 5 -> Core.transpose(stored, upright);
      case 6 -> Core.rotate(stored, upright, Core.ROTATE_90_CLOCKWISE);
      case 7 -> {
        Core.transpose(stored, upright);
        Core.flip(upright, upright, -1);
      }
      default -> Core.rotate(stored, upright, Core.ROTATE_90_COUNTERCLOCKWISE);
    }
    stored.release();
    return upright;
  }
}
