package dev.raut.core.emotion;

import dev.raut.core.face.DetectedFace;
import dev.raut.core.geometry.Point;
import org.opencv.core.Mat;
import org.opencv.core.Size;
import org.opencv.imgproc.Imgproc;

/**
 * Cuts a square, upright face out of an image in one warp: centred on the detector's box, rotated
 * so the eyes are level (when the detector gives eye keypoints) and scaled to the model's input.
 * FER2013-style crops show the face from the forehead to the chin with a little margin; the scale
 * of the crop relative to the detector box was chosen by measurement on labelled faces.
 */
public final class FaceCrop {
  private final double boxScale;
  private final boolean alignEyes;

  public FaceCrop(double boxScale, boolean alignEyes) {
    this.boxScale = boxScale;
    this.alignEyes = alignEyes;
  }

  /** Writes a {@code side x side} 8-bit grey crop of the face into {@code grey} (allocated if needed). */
  public void cropGrey(Mat bgr, DetectedFace face, int side, Mat grey) {
    // box coordinates run along pixel edges; warpAffine works on pixel centres, hence the half pixels
    double cx = face.box().centerX() - 0.5;
    double cy = face.box().centerY() - 0.5;
    double extent = Math.max(face.box().width(), face.box().height()) * boxScale;
    double angle = 0;
    if (alignEyes && face.keypoints().size() >= 2) {
      Point right = face.keypoints().get(0);
      Point left = face.keypoints().get(1);
      angle = Math.toDegrees(Math.atan2(left.y() - right.y(), left.x() - right.x()));
    }
    Mat transform = Imgproc.getRotationMatrix2D(new org.opencv.core.Point(cx, cy), angle, side / extent);
    Mat colour = new Mat();
    try {
      // move the face centre to the centre of the output
      double centre = (side - 1) / 2.0;
      transform.put(0, 2, transform.get(0, 2)[0] + centre - cx);
      transform.put(1, 2, transform.get(1, 2)[0] + centre - cy);
      int interpolation = extent > 2 * side ? Imgproc.INTER_AREA : Imgproc.INTER_LINEAR;
      Imgproc.warpAffine(bgr, colour, transform, new Size(side, side), interpolation,
          org.opencv.core.Core.BORDER_REPLICATE);
      Imgproc.cvtColor(colour, grey, Imgproc.COLOR_BGR2GRAY);
    } finally {
      transform.release();
      colour.release();
    }
  }
}
