package dev.raut.core.camera;

import dev.raut.core.analysis.ImageAnalysis;
import dev.raut.core.geometry.Box;
import java.util.List;
import org.opencv.core.Core;
import org.opencv.core.Mat;
import org.opencv.core.Point;
import org.opencv.core.Scalar;
import org.opencv.imgproc.Imgproc;

/**
 * Draws a result onto a frame's pixels: the form of the overlays that leaves the app (snapshots,
 * recordings). Faces get their track colour, the smoothed emotion and its confidence (and a face
 * classifier's smoothed top class, age and gender, 68 landmarks when asked); objects a
 * grey box with label; a classifier's top class goes in the corner.
 */
public final class OverlayPainter {
  private static final int FONT = Imgproc.FONT_HERSHEY_SIMPLEX;

  private OverlayPainter() {}

  /**
   * Paints {@code result} onto {@code bgr}, which must show the result's frame. With {@code mirror}
   * the pixels are flipped left-right first (as the user sees them) and the overlays follow.
   */
  public static void paint(Mat bgr, LiveResult result, boolean keypoints, boolean mirror) {
    if (mirror) {
      Core.flip(bgr, bgr, 1);
    }
    if (result == null) {
      return;
    }
    int width = bgr.cols();
    double sx = (double) width / Math.max(1, result.analysis().width());
    double sy = (double) bgr.rows() / Math.max(1, result.analysis().height());
    double textScale = Math.max(0.45, bgr.rows() / 900.0);
    int thickness = Math.max(2, bgr.rows() / 300);
    for (ImageAnalysis.DetectedObjectResult o : result.analysis().objects()) {
      Scalar grey = new Scalar(200, 200, 200);
      double[] r = rect(o.box(), sx, sy, width, mirror);
      Imgproc.rectangle(bgr, new Point(r[0], r[1]), new Point(r[0] + r[2], r[1] + r[3]), grey, thickness);
      label(bgr, o.label() + " " + percent(o.score()), r[0], r[1], grey, textScale);
    }
    for (TrackedFace face : result.faces()) {
      Scalar colour = bgrOfHue(face.hue());
      double[] r = rect(face.face().box(), sx, sy, width, mirror);
      Imgproc.rectangle(bgr, new Point(r[0], r[1]), new Point(r[0] + r[2], r[1] + r[3]), colour, thickness);
      String text = face.caption(" | ");
      label(bgr, text, r[0], r[1], colour, textScale);
      if (keypoints) {
        for (dev.raut.core.geometry.Point k : face.face().keypoints()) {
          double x = k.x() * sx;
          Imgproc.circle(bgr, new Point(mirror ? width - x : x, k.y() * sy), thickness + 1, colour, -1);
        }
      }
      // the 68 landmarks come only when they were asked for
      for (dev.raut.core.geometry.Point p : face.face().landmarks68()) {
        double x = p.x() * sx;
        Imgproc.circle(bgr, new Point(mirror ? width - x : x, p.y() * sy), Math.max(1, thickness / 2), colour, -1);
      }
    }
    if (!result.analysis().classes().isEmpty()) {
      ImageAnalysis.ClassScore top = result.analysis().classes().get(0);
      label(bgr, top.label() + " " + percent(top.score()), 8, 8 + 30 * textScale, new Scalar(255, 255, 255), textScale);
    }
  }

  /** x, y, w, h in frame pixels, mirrored when asked. */
  private static double[] rect(Box box, double sx, double sy, int width, boolean mirror) {
    double x = box.x() * sx;
    double w = box.width() * sx;
    return new double[] {mirror ? width - x - w : x, box.y() * sy, w, box.height() * sy};
  }

  private static void label(Mat bgr, String text, double x, double y, Scalar colour, double scale) {
    int[] baseline = new int[1];
    org.opencv.core.Size size = Imgproc.getTextSize(text, FONT, scale, 1, baseline);
    double top = Math.max(0, y - size.height - 8);
    Imgproc.rectangle(bgr, new Point(x, top), new Point(x + size.width + 8, top + size.height + 8), colour, -1);
    Imgproc.putText(bgr, text, new Point(x + 4, top + size.height + 3), FONT, scale, new Scalar(0, 0, 0), 1, Imgproc.LINE_AA);
  }

  static String percent(double score) {
    return TrackedFace.percent(score);
  }

  /** The track colour (full saturation, bright) as an OpenCV BGR scalar. */
  static Scalar bgrOfHue(double hue) {
    double h = ((hue % 360) + 360) % 360 / 60;
    double c = 0.85 * 0.95;
    double x = c * (1 - Math.abs(h % 2 - 1));
    double m = 0.95 - c;
    double[] rgb = switch ((int) h) {
      case 0 -> new double[] {c, x, 0};
      case 1 -> new double[] {x, c, 0};
      case 2 -> new double[] {0, c, x};
      case 3 -> new double[] {0, x, c};
      case 4 -> new double[] {x, 0, c};
      default -> new double[] {c, 0, x};
    };
    return new Scalar((rgb[2] + m) * 255, (rgb[1] + m) * 255, (rgb[0] + m) * 255);
  }
}
