package dev.raut.core.camera;

import org.opencv.core.Core;
import org.opencv.core.CvType;
import org.opencv.core.Mat;
import org.opencv.core.Size;
import org.opencv.imgproc.Imgproc;

/**
 * Numbers the scenes of a stream: the number goes up at a cut (a video jumping to another shot, a
 * camera switched to another view), so faces, boxes and smoothed labels of the old scene are not
 * carried into the new one. A frame is compared with the one before as a 32 × 24 grey thumbnail:
 * movement and camera noise barely change it, a cut changes most of it. Used by the capture thread
 * only (not thread-safe).
 */
final class SceneCuts implements AutoCloseable {
  /** Mean absolute difference of the thumbnails (0..255) above which two frames are different scenes. */
  static final double CUT_DIFFERENCE = 32;

  private final Mat thumbnail = new Mat();
  private Mat previous = new Mat();
  private Mat current = new Mat();
  private final Mat difference = new Mat();
  private long scene;

  /** The scene {@code bgr} belongs to: the previous frame's, or the next number after a cut. */
  long sceneOf(Mat bgr) {
    // shrink first: the grey conversion then touches 768 pixels, not the whole frame
    Imgproc.resize(bgr, thumbnail, new Size(32, 24), 0, 0, Imgproc.INTER_AREA);
    Imgproc.cvtColor(thumbnail, current, Imgproc.COLOR_BGR2GRAY);
    if (!previous.empty() && previous.size().equals(current.size())) {
      Core.absdiff(previous, current, difference);
      if (Core.mean(difference).val[0] > CUT_DIFFERENCE) {
        scene++;
      }
    } else if (!previous.empty()) {
      scene++;
    }
    Mat swap = previous;
    previous = current;
    current = swap;
    return scene;
  }

  /** The source started over (reconnected, looped): the next frame is compared with nothing. */
  void restart() {
    previous.release();
    previous = new Mat(0, 0, CvType.CV_8UC1);
    scene++;
  }

  @Override
  public void close() {
    thumbnail.release();
    previous.release();
    current.release();
    difference.release();
  }
}
