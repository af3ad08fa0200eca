package dev.raut.app.gallery;

import dev.raut.core.analysis.ImageAnalysis;
import java.util.List;
import dev.raut.core.text.Labels;
import dev.raut.core.text.Messages;
import javafx.geometry.VPos;
import javafx.scene.layout.Pane;
import javafx.scene.shape.Circle;
import javafx.scene.shape.Rectangle;
import javafx.scene.text.Font;
import javafx.scene.text.Text;

/**
 * Draws an analysis over a displayed photo: face boxes with their emotion (and top class of a
 * per-face classifier, age and gender), keypoints, the 68 landmarks, object
 * boxes with their label (the built-in models' labels in the current language). Plain shapes and text (no controls), styled by CSS: cheap enough to
 * redraw while the grid scrolls, and findable in tests.
 */
final class Overlays {
  /** Which parts to draw. */
  record Layers(boolean faces, boolean keypoints, boolean objects, boolean labels, boolean landmarks) {
    /** Cards have no room for 68 points per face: landmarks are for the detail view. */
    static final Layers CARD = new Layers(true, false, true, true, false);
  }

  private Overlays() {}

  /**
   * Replaces {@code layer}'s children. The photo ({@code r.width() x r.height()} original pixels)
   * is shown at {@code scale}, its top-left corner at ({@code dx}, {@code dy}) in the layer.
   */
  static void paint(Pane layer, ImageAnalysis r, double scale, double dx, double dy, Layers layers, Font font) {
    layer.getChildren().clear();
    if (r == null || !r.ok()) {
      return;
    }
    if (layers.objects()) {
      for (ImageAnalysis.DetectedObjectResult o : r.objects()) {
        box(layer, o.box(), scale, dx, dy, "object-box", layers.labels() ? Labels.object(o.label()) + " " + percent(o.score()) : null, font);
      }
    }
    if (layers.faces()) {
      for (ImageAnalysis.Face f : r.faces()) {
        String text = FaceClasses.tag(f);
        box(layer, f.box(), scale, dx, dy, "face-box", layers.labels() ? text : null, font);
      }
    }
    for (ImageAnalysis.Face f : r.faces()) {
      if (layers.keypoints()) {
        dots(layer, f.keypoints(), scale, dx, dy, 2.5, "keypoint");
      }
      if (layers.landmarks()) {
        dots(layer, f.landmarks68(), scale, dx, dy, 1.8, "landmark");
      }
    }
  }

  private static void dots(Pane layer, List<List<Double>> points, double scale, double dx, double dy, double radius,
      String style) {
    for (List<Double> p : points) {
      Circle dot = new Circle(dx + p.get(0) * scale, dy + p.get(1) * scale, radius);
      dot.getStyleClass().add(style);
      layer.getChildren().add(dot);
    }
  }

  private static void box(Pane layer, List<Double> b, double scale, double dx, double dy, String style, String text,
      Font font) {
    Rectangle rect = new Rectangle(dx + b.get(0) * scale, dy + b.get(1) * scale, b.get(2) * scale, b.get(3) * scale);
    rect.getStyleClass().add(style);
    rect.setMouseTransparent(true);
    layer.getChildren().add(rect);
    if (text != null) {
      Text label = new Text(text);
      label.setFont(font);
      label.getStyleClass().addAll("overlay-label", style + "-label");
      label.setTextOrigin(VPos.TOP);
      double w = label.getLayoutBounds().getWidth() + 6;
      double h = label.getLayoutBounds().getHeight();
      double y = rect.getY() - h >= 0 ? rect.getY() - h : rect.getY();
      Rectangle tag = new Rectangle(rect.getX(), y, w, h);
      tag.getStyleClass().addAll("overlay-tag", style + "-tag");
      label.relocate(rect.getX() + 3, y);
      layer.getChildren().addAll(tag, label);
    }
  }

  /** "93%" in the current language's style. */
  static String percent(double score) {
    return Messages.percent(score);
  }
}
