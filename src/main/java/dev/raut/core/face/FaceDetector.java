package dev.raut.core.face;

import java.util.List;
import org.opencv.core.Mat;

/** Finds faces in an 8-bit BGR image. No face is a normal, empty result. Implementations are thread-safe. */
public interface FaceDetector {
  /** Faces in the pixel coordinates of {@code bgr}, most confident first. */
  List<DetectedFace> detect(Mat bgr);
}
