package dev.raut.core.face;

import dev.raut.core.geometry.Box;
import dev.raut.core.geometry.Point;
import java.util.List;

/**
 * One face: its box, the detector's confidence (0..1) and, for BlazeFace, six keypoints in this
 * order: right eye, left eye, nose tip, mouth, right ear tragion, left ear tragion (the person's own
 * right and left). Haar gives no keypoints.
 */
public record DetectedFace(Box box, double score, List<Point> keypoints) {
  public DetectedFace {
    keypoints = List.copyOf(keypoints);
  }

  public DetectedFace translated(double dx, double dy) {
    return new DetectedFace(new Box(box.x() + dx, box.y() + dy, box.width(), box.height()), score,
        keypoints.stream().map(p -> new Point(p.x() + dx, p.y() + dy)).toList());
  }

  public DetectedFace scaled(double factor) {
    return new DetectedFace(box.scaled(factor), score, keypoints.stream().map(p -> p.scaled(factor)).toList());
  }
}
