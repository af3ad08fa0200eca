package dev.raut.core.analysis;

import dev.raut.core.emotion.FaceCrop;
import dev.raut.core.face.DetectedFace;
import dev.raut.core.geometry.Point;
import org.opencv.core.Core;
import org.opencv.core.Mat;
import org.opencv.core.Size;
import org.opencv.imgproc.Imgproc;

/**
 * The colour crop of one face that a user's face-scope classifier sees: the same square, eyes-levelled
 * geometry as the emotion crop ({@link FaceCrop}), but in colour, since a user's model may take RGB.
 * It is cut at the image's own resolution (no rotation scaling), so the classifier's resize (area
 * averaging when shrinking) is the only resampling: a 200-pixel face warped straight to 64 pixels
 * with bilinear sampling would alias.
 */
final class FaceClassifierCrop {
  private FaceClassifierCrop() {}

  /** A square BGR crop; the caller releases it. */
  static Mat crop(Mat bgr, DetectedFace face, FaceCrop crop) {
    double extent = Math.max(face.box().width(), face.box().height()) * crop.boxScale();
    int side = (int) Math.max(1, Math.round(extent));
    // box coordinates run along pixel edges; warpAffine works on pixel centres, hence the half pixels
    double cx = face.box().centerX() - 0.5;
    double cy = face.box().centerY() - 0.5 - crop.shiftUp() * extent;
    double angle = 0;
    if (crop.alignEyes() && face.keypoints().size() >= 2) {
      Point right = face.keypoints().get(0);
      Point left = face.keypoints().get(1);
      angle = Math.toDegrees(Math.atan2(left.y() - right.y(), left.x() - right.x()));
    }
    Mat transform = Imgproc.getRotationMatrix2D(new org.opencv.core.Point(cx, cy), angle, side / extent);
    Mat out = new Mat();
    try {
      double centre = (side - 1) / 2.0;
      transform.put(0, 2, transform.get(0, 2)[0] + centre - cx);
      transform.put(1, 2, transform.get(1, 2)[0] + centre - cy);
      Imgproc.warpAffine(bgr, out, transform, new Size(side, side), Imgproc.INTER_LINEAR, Core.BORDER_REPLICATE);
      return out;
    } finally {
      transform.release();
    }
  }
}
