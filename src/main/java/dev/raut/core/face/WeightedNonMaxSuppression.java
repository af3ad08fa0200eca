package dev.raut.core.face;

import dev.raut.core.geometry.Box;
import dev.raut.core.geometry.Point;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * MediaPipe's weighted NMS: each cluster of overlapping detections becomes one face whose box and
 * keypoints are the score-weighted mean of the cluster, with the best score. Steadier than plain NMS.
 */
final class WeightedNonMaxSuppression {
  private WeightedNonMaxSuppression() {}

  static List<DetectedFace> merge(List<DetectedFace> candidates, double iouThreshold) {
    List<DetectedFace> remaining = new ArrayList<>(candidates);
    remaining.sort(Comparator.comparingDouble(DetectedFace::score).reversed());
    List<DetectedFace> faces = new ArrayList<>();
    while (!remaining.isEmpty()) {
      DetectedFace best = remaining.get(0);
      List<DetectedFace> cluster = new ArrayList<>();
      List<DetectedFace> rest = new ArrayList<>();
      for (DetectedFace f : remaining) {
        (f.box().iou(best.box()) > iouThreshold ? cluster : rest).add(f);
      }
      faces.add(blend(cluster, best.score()));
      remaining = rest;
    }
    return faces;
  }

  private static DetectedFace blend(List<DetectedFace> cluster, double score) {
    if (cluster.size() == 1) {
      return cluster.get(0);
    }
    double total = 0;
    double x = 0;
    double y = 0;
    double w = 0;
    double h = 0;
    int keypointCount = cluster.get(0).keypoints().size();
    double[] kx = new double[keypointCount];
    double[] ky = new double[keypointCount];
    for (DetectedFace f : cluster) {
      double s = f.score();
      total += s;
      x += s * f.box().x();
      y += s * f.box().y();
      w += s * f.box().width();
      h += s * f.box().height();
      for (int k = 0; k < keypointCount; k++) {
        kx[k] += s * f.keypoints().get(k).x();
        ky[k] += s * f.keypoints().get(k).y();
      }
    }
    List<Point> keypoints = new ArrayList<>(keypointCount);
    for (int k = 0; k < keypointCount; k++) {
      keypoints.add(new Point(kx[k] / total, ky[k] / total));
    }
    return new DetectedFace(new Box(x / total, y / total, w / total, h / total), score, keypoints);
  }
}
