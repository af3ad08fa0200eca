package dev.raut.core.face;

import java.util.List;
import org.opencv.core.Core;
import org.opencv.core.Mat;
import org.opencv.core.Scalar;

/** Finds faces in an 8-bit BGR image. No face is a normal, empty result. Implementations are thread-safe. */
public interface FaceDetector {
  /** Faces in the pixel coordinates of {@code bgr}, most confident first. */
  List<DetectedFace> detect(Mat bgr);

  /**
   * Faces as found on {@code bgr} framed in a black border {@code border} pixels wide, in the
   * pixel coordinates of {@code bgr} itself. A detector that letterboxes can do this without the
   * bordered copy this default makes.
   */
  default List<DetectedFace> detectWithBorder(Mat bgr, int border) {
    Mat padded = new Mat();
    try {
      Core.copyMakeBorder(bgr, padded, border, border, border, border, Core.BORDER_CONSTANT, new Scalar(0, 0, 0));
      return detect(padded).stream().map(f -> f.translated(-border, -border)).toList();
    } finally {
      padded.release();
    }
  }
}
