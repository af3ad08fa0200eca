package dev.raut.core.emotion;

import dev.raut.core.face.DetectedFace;
import dev.raut.core.geometry.Point;
import org.opencv.core.Core;
import org.opencv.core.Mat;
import org.opencv.core.Size;
import org.opencv.imgproc.Imgproc;

/**
 * Cuts a square, upright face out of an image in one warp: centred on the face box, rotated so the
 * eyes are level (when the detector gives eye keypoints) and scaled to the model's input.
 *
 * @param boxScale crop side relative to the longer side of the box
 * @param shiftUp  how far the crop centre sits above the box centre, relative to the crop side
 * @param alignEyes rotate so the eyes are level
 */
public record FaceCrop(double boxScale, double shiftUp, boolean alignEyes) {
  /**
   * For BlazeFace boxes (eyebrows to chin): FER2013's crops show forehead to chin with a margin.
   * Chosen by measurement on 766 labelled photos: scales 0.9-2.1 and shifts -0.1..+0.05 tried,
   * 1.6 and 0.05 up with eye alignment scored best (README, "Emotion accuracy").
   */
  public static final FaceCrop DETECTED_FACE = new FaceCrop(1.6, 0.05, true);
  /** For pre-cropped faces (FER2013 and the like): the whole image, as the model was trained. */
  public static final FaceCrop WHOLE_IMAGE = new FaceCrop(1.0, 0, false);

  /**
   * Writes a {@code side x side} 8-bit grey crop into {@code grey} (allocated if needed), moved by
   * ({@code dx}, {@code dy}) times the crop side: the small shifts the thorough mode averages over.
   */
  public void cropGrey(Mat bgr, DetectedFace face, int side, double dx, double dy, Mat grey) {
    Mat colour = warp(bgr, face, side, dx, dy);
    try {
      Imgproc.cvtColor(colour, grey, Imgproc.COLOR_BGR2GRAY);
    } finally {
      colour.release();
    }
  }

  /**
   * The colour crop at the image's own resolution (no scaling in the warp), for a user's face
   * classifier: its own resize (area averaging when shrinking) is then the only resampling, where
   * a 200-pixel face warped straight to 64 pixels with bilinear sampling would alias. The caller
   * releases it.
   */
  public Mat cropColour(Mat bgr, DetectedFace face) {
    double extent = Math.max(face.box().width(), face.box().height()) * boxScale;
    return warp(bgr, face, (int) Math.max(1, Math.round(extent)), 0, 0);
  }

  /**
   * Where a point given relative to an upright crop (0..1 across and down) lies in the image, in
   * the image's pixels: the inverse of the warp for crops without eye alignment.
   */
  public Point toImage(DetectedFace face, double relX, double relY) {
    if (alignEyes) {
      throw new IllegalStateException("points map back only from upright crops");
    }
    double extent = Math.max(face.box().width(), face.box().height()) * boxScale;
    return new Point(face.box().centerX() + (relX - 0.5) * extent,
        face.box().centerY() - shiftUp * extent + (relY - 0.5) * extent);
  }

  /** One warp: centred, shifted, eyes levelled, scaled to {@code side}; a new BGR Mat. */
  private Mat warp(Mat bgr, DetectedFace face, int side, double dx, double dy) {
    double extent = Math.max(face.box().width(), face.box().height()) * boxScale;
    // box coordinates run along pixel edges; warpAffine works on pixel centres, hence the half pixels
    double cx = face.box().centerX() - 0.5 + dx * extent;
    double cy = face.box().centerY() - 0.5 + (dy - shiftUp) * extent;
    double angle = 0;
    if (alignEyes && face.keypoints().size() >= 2) {
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
    } catch (RuntimeException e) {
      out.release();
      throw e;
    } finally {
      transform.release();
    }
  }
}
