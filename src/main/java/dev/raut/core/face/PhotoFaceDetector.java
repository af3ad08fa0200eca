package dev.raut.core.face;

import java.util.List;
import org.opencv.core.Mat;

/**
 * The default detector for photos, chosen by measurement (README, "Face detection"). BlazeFace
 * back finds small faces in group photos (all 22 in the registry samples) but misses faces that
 * fill the frame, as in cropped portraits (91% found on 766 such photos). BlazeFace front, on the
 * image with a 30% black border (the context it was trained with), finds those (99.7%). So: small
 * images, which are mostly portrait crops, get the cheap front pass first and back only if it
 * finds nothing; larger photos get back first and front only if it finds nothing.
 */
public final class PhotoFaceDetector implements FaceDetector {
  static final double CLOSE_UP_BORDER = 0.3;
  /** Images up to this size are treated as probable close-ups (portrait crops, face datasets). */
  static final int CLOSE_UP_MAX_SIDE = 400;

  private final FaceDetector smallFaces;
  private final FaceDetector closeUps;

  public PhotoFaceDetector(FaceDetector smallFaces, FaceDetector closeUps) {
    this.smallFaces = smallFaces;
    this.closeUps = closeUps;
  }

  @Override
  public List<DetectedFace> detect(Mat bgr) {
    if (Math.max(bgr.cols(), bgr.rows()) <= CLOSE_UP_MAX_SIDE) {
      List<DetectedFace> faces = detectCloseUps(bgr);
      return faces.isEmpty() ? smallFaces.detect(bgr) : faces;
    }
    List<DetectedFace> faces = smallFaces.detect(bgr);
    return faces.isEmpty() ? detectCloseUps(bgr) : faces;
  }

  private List<DetectedFace> detectCloseUps(Mat bgr) {
    return closeUps.detectWithBorder(bgr, (int) Math.round(Math.max(bgr.cols(), bgr.rows()) * CLOSE_UP_BORDER));
  }
}
