package dev.raut.core.face;

import dev.raut.core.geometry.Box;
import dev.raut.core.onnx.ModelLoadException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import org.opencv.core.Mat;
import org.opencv.core.MatOfInt;
import org.opencv.core.MatOfRect;
import org.opencv.core.Rect;
import org.opencv.core.Size;
import org.opencv.imgproc.Imgproc;
import org.opencv.objdetect.CascadeClassifier;

/**
 * OpenCV's Viola-Jones frontal face cascade. A CascadeClassifier must not be used by two threads
 * at once, so the detector keeps one per core and lends them out. Images are searched at most 800
 * pixels wide (the cascade's smallest face is 24 px there); the score maps the number of
 * overlapping raw hits to 0..1 (5 hits, the acceptance minimum, is 0.5).
 */
public final class HaarFaceDetector implements FaceDetector {
  private static final int MAX_SIDE = 800;
  private static final int MIN_NEIGHBOURS = 5;

  private final BlockingQueue<CascadeClassifier> cascades;

  public HaarFaceDetector(Path cascadeXml) {
    int count = Runtime.getRuntime().availableProcessors();
    cascades = new ArrayBlockingQueue<>(count);
    for (int i = 0; i < count; i++) {
      CascadeClassifier cascade = new CascadeClassifier(cascadeXml.toString());
      if (cascade.empty()) {
        throw new ModelLoadException("The Haar cascade " + cascadeXml + " could not be loaded. Run 'raut models fetch'.");
      }
      cascades.add(cascade);
    }
  }

  @Override
  public List<DetectedFace> detect(Mat bgr) {
    double scale = Math.min(1.0, (double) MAX_SIDE / Math.max(bgr.cols(), bgr.rows()));
    Mat grey = new Mat();
    MatOfRect rects = new MatOfRect();
    MatOfInt hits = new MatOfInt();
    CascadeClassifier cascade = borrow();
    try {
      if (scale < 1.0) {
        Mat small = new Mat();
        Imgproc.resize(bgr, small, new Size(Math.round(bgr.cols() * scale), Math.round(bgr.rows() * scale)), 0, 0,
            Imgproc.INTER_AREA);
        Imgproc.cvtColor(small, grey, Imgproc.COLOR_BGR2GRAY);
        small.release();
      } else {
        Imgproc.cvtColor(bgr, grey, Imgproc.COLOR_BGR2GRAY);
      }
      Imgproc.equalizeHist(grey, grey);
      cascade.detectMultiScale2(grey, rects, hits, 1.1, MIN_NEIGHBOURS, 0, new Size(24, 24), new Size());
      Rect[] found = rects.toArray();
      if (found.length == 0) {
        return List.of(); // the hit counts Mat is then empty and untyped
      }
      int[] counts = hits.toArray();
      List<DetectedFace> faces = new ArrayList<>(found.length);
      for (int i = 0; i < found.length; i++) {
        Rect r = found[i];
        double score = counts[i] / (counts[i] + (double) MIN_NEIGHBOURS);
        faces.add(new DetectedFace(new Box(r.x / scale, r.y / scale, r.width / scale, r.height / scale), score, List.of()));
      }
      faces.sort((a, b) -> Double.compare(b.score(), a.score()));
      return faces;
    } finally {
      cascades.add(cascade);
      grey.release();
      rects.release();
      hits.release();
    }
  }

  private CascadeClassifier borrow() {
    try {
      return cascades.take();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("Interrupted while waiting for a face detector", e);
    }
  }
}
