package dev.raut.app.live;

import dev.raut.core.analysis.ImageAnalysis;
import dev.raut.core.camera.LiveResult;
import dev.raut.core.camera.TrackedFace;
import dev.raut.core.geometry.Box;
import dev.raut.core.geometry.Point;
import dev.raut.core.text.Labels;
import dev.raut.core.text.Messages;
import java.util.List;
import javafx.geometry.VPos;
import javafx.scene.canvas.Canvas;
import javafx.scene.canvas.GraphicsContext;
import javafx.scene.paint.Color;
import javafx.scene.text.Font;
import javafx.scene.text.Text;

/**
 * Draws the latest result over the video at display rate: face boxes in their track colour with
 * the smoothed emotion and confidence (and a per-face classifier's smoothed top class), optional keypoints, object boxes, a classifier's top class.
 * Coordinates are mapped from frame pixels to where the video is shown (letterboxed, maybe mirrored).
 */
final class OverlayCanvas extends Canvas {
  private static final Font FONT = Font.font(13);
  private int drawnFaces;
  private int drawnObjects;

  /** Clears and draws; {@code x, y, scale} place the frame in the canvas. */
  void draw(LiveResult result, double x, double y, double scale, boolean mirror, boolean keypoints) {
    GraphicsContext g = getGraphicsContext2D();
    g.clearRect(0, 0, getWidth(), getHeight());
    drawnFaces = 0;
    drawnObjects = 0;
    if (result == null || !result.analysis().ok()) {
      return;
    }
    double frameWidth = result.analysis().width() * scale;
    g.setFont(FONT);
    g.setTextBaseline(VPos.TOP);
    g.setLineWidth(2);
    for (ImageAnalysis.DetectedObjectResult o : result.analysis().objects()) {
      double[] r = place(o.box(), x, y, scale, frameWidth, mirror);
      box(g, r, Color.gray(0.85), score(Labels.object(o.label()), o.score()));
      drawnObjects++;
    }
    for (TrackedFace face : result.faces()) {
      Color colour = Color.hsb(face.hue(), 0.85, 0.95);
      double[] r = place(face.face().box(), x, y, scale, frameWidth, mirror);
      String label = label(face);
      box(g, r, colour, label);
      if (keypoints) {
        g.setFill(colour);
        for (Point k : face.face().keypoints()) {
          double kx = k.x() * scale;
          double px = x + (mirror ? frameWidth - kx : kx);
          g.fillOval(px - 3, y + k.y() * scale - 3, 6, 6);
        }
      }
      if (!face.face().landmarks68().isEmpty()) {
        g.setFill(colour);
        for (Point p : face.face().landmarks68()) {
          double lx = p.x() * scale;
          g.fillOval(x + (mirror ? frameWidth - lx : lx) - 1.5, y + p.y() * scale - 1.5, 3, 3);
        }
      }
      drawnFaces++;
    }
    if (!result.analysis().classes().isEmpty()) {
      ImageAnalysis.ClassScore top = result.analysis().classes().get(0);
      tag(g, x + 8, y + 8, Color.WHITE, score(top.label(), top.score()));
    }
  }

  /**
   * A face's tag in the current language: its smoothed emotion (or detection score), a per-face
   * classifier's top class, age and gender ("senang 92% · 34 th P"). The recordings keep core's
   * ASCII caption: OpenCV's fonts have no other characters.
   */
  static String label(TrackedFace face) {
    StringBuilder text = new StringBuilder(face.smoothedEmotion() == null
        ? Messages.text("live.overlay.face", Messages.percent(face.face().score()))
        : score(Labels.emotion(face.smoothedEmotion().label()), face.smoothedEmotion().score()));
    if (!face.smoothedClasses().isEmpty()) {
      ImageAnalysis.ClassScore top = face.smoothedClasses().get(0);
      text.append(" · ").append(score(top.label(), top.score())); // the user's own classes, as they named them
    }
    if (face.smoothedAge() != null && face.smoothedGender() != null) {
      boolean female = face.smoothedGender().label().equals("female");
      text.append(" · ").append(Messages.text("live.overlay.age", Math.round(face.smoothedAge()))).append(' ')
          .append(Messages.text(female ? "live.overlay.female" : "live.overlay.male"));
    }
    return text.toString();
  }

  private static String score(String label, double score) {
    return Messages.text("live.overlay.score", label, Messages.percent(score));
  }

  int drawnFaces() {
    return drawnFaces;
  }

  int drawnObjects() {
    return drawnObjects;
  }

  private static double[] place(Box box, double x, double y, double scale, double frameWidth, boolean mirror) {
    double bx = box.x() * scale;
    double bw = box.width() * scale;
    return new double[] {x + (mirror ? frameWidth - bx - bw : bx), y + box.y() * scale, bw, box.height() * scale};
  }

  private static void box(GraphicsContext g, double[] r, Color colour, String label) {
    g.setStroke(colour);
    g.strokeRect(r[0], r[1], r[2], r[3]);
    tag(g, r[0], r[1] - 20, colour, label);
  }

  private static void tag(GraphicsContext g, double x, double y, Color background, String text) {
    Text measure = new Text(text);
    measure.setFont(FONT);
    double w = measure.getLayoutBounds().getWidth() + 8;
    double top = Math.max(0, y);
    g.setFill(background);
    g.fillRect(x, top, w, 19);
    g.setFill(Color.BLACK);
    g.fillText(text, x + 4, top + 2);
  }

  @Override
  public boolean isResizable() {
    return false;
  }
}
