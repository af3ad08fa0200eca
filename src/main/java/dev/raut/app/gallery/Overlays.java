package dev.raut.app.gallery;

import dev.raut.core.analysis.ImageAnalysis;
import dev.raut.core.geometry.Box;
import dev.raut.core.geometry.Point;
import java.util.ArrayList;
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
 * Draws an analysis over a displayed photo: face boxes with their number and emotion (and top class of a
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
    paint(layer, r, scale, dx, dy, layers, font, -1);
  }

  /**
   * As above, with face {@code chosen} (an index into the result's faces, -1 for none) drawn
   * stronger and the other faces dimmed, so the detail view's chosen row shows which box it is.
   */
  static void paint(Pane layer, ImageAnalysis r, double scale, double dx, double dy, Layers layers, Font font,
      int chosen) {
    paint(layer, r, scale, dx, dy, layers, font, chosen, List.of());
  }

  /** As above, the faces' numbers and labels kept off {@code covered} (controls over the photo), where there is room. */
  static void paint(Pane layer, ImageAnalysis r, double scale, double dx, double dy, Layers layers, Font font,
      int chosen, List<TagPlacement.Rect> covered) {
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
      faces(layer, r, scale, dx, dy, layers.labels(), font, chosen, covered);
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

  /** A face's box as shown in the layer. */
  static TagPlacement.Rect shown(Box b, double scale, double dx, double dy) {
    return new TagPlacement.Rect(dx + b.x() * scale, dy + b.y() * scale, b.width() * scale, b.height() * scale);
  }

  /**
   * Each face's box, with its number (the result's order, from 1: the same number starts its row on
   * the card and in the detail view) and its label where {@link TagPlacement} finds room inside the photo.
   */
  private static void faces(Pane layer, ImageAnalysis r, double scale, double dx, double dy, boolean labels, Font font,
      int chosen, List<TagPlacement.Rect> covered) {
    List<ImageAnalysis.Face> faces = r.faces();
    List<Text> numbers = new ArrayList<>();
    List<Text> texts = new ArrayList<>();
    List<TagPlacement.Want> wants = new ArrayList<>();
    for (int i = 0; i < faces.size(); i++) {
      ImageAnalysis.Face f = faces.get(i);
      Text number = text(number(i), font, "face-number");
      Text label = labels ? text(FaceClasses.tag(f), font, "overlay-label", "face-box-label") : null;
      numbers.add(number);
      texts.add(label);
      double height = number.getLayoutBounds().getHeight();
      // a one-digit badge is square; longer numbers grow to the right
      double badgeWidth = Math.max(height, number.getLayoutBounds().getWidth() + 2 * PAD);
      wants.add(new TagPlacement.Want(shown(f.box(), scale, dx, dy), badgeWidth,
          label == null ? 0 : label.getLayoutBounds().getWidth() + 2 * PAD, height));
    }
    TagPlacement.Rect bounds = new TagPlacement.Rect(dx, dy, r.width() * scale, r.height() * scale);
    List<TagPlacement.Tag> tags = TagPlacement.place(wants, bounds, covered);
    for (int i = 0; i < faces.size(); i++) {
      String emphasis = chosen < 0 ? null : i == chosen ? "chosen" : "dimmed";
      TagPlacement.Rect b = wants.get(i).box();
      Rectangle rect = new Rectangle(b.x(), b.y(), b.w(), b.h());
      styled(rect, emphasis, "face-box");
      rect.setMouseTransparent(true);
      layer.getChildren().add(rect);
    }
    // tags over every box, so no box's line crosses another face's number
    for (int i = 0; i < faces.size(); i++) {
      String emphasis = chosen < 0 ? null : i == chosen ? "chosen" : "dimmed";
      TagPlacement.Tag tag = tags.get(i);
      Text number = numbers.get(i);
      Rectangle badge = rectangle(tag.badge());
      styled(badge, emphasis, "face-number-badge");
      centre(number, tag.badge());
      styled(number, emphasis);
      number.setUserData(i);
      layer.getChildren().addAll(badge, number);
      if (tag.label() != null) {
        Rectangle back = rectangle(tag.label());
        back.getStyleClass().addAll("overlay-tag", "face-box-tag");
        styled(back, emphasis);
        Text label = texts.get(i);
        styled(label, emphasis);
        label.relocate(tag.label().x() + PAD, tag.label().y());
        layer.getChildren().addAll(back, label);
      }
    }
  }

  /** Inner margin of badges and labels, in pixels. */
  private static final double PAD = 3;

  private static Text text(String value, Font font, String... styles) {
    Text text = new Text(value);
    text.setFont(font);
    text.setTextOrigin(VPos.TOP);
    text.getStyleClass().addAll(styles);
    return text;
  }

  private static Rectangle rectangle(TagPlacement.Rect r) {
    Rectangle rect = new Rectangle(r.x(), r.y(), r.w(), r.h());
    rect.setMouseTransparent(true);
    return rect;
  }

  private static void centre(Text text, TagPlacement.Rect in) {
    text.relocate(in.x() + (in.w() - text.getLayoutBounds().getWidth()) / 2, in.y());
  }

  /** Adds {@code styles}, and "face-chosen" or "face-dimmed" when one face is chosen. */
  private static void styled(javafx.scene.Node node, String emphasis, String... styles) {
    node.getStyleClass().addAll(styles);
    if (emphasis != null) {
      node.getStyleClass().add("face-" + emphasis);
    }
    node.setMouseTransparent(true);
  }

  private static void dots(Pane layer, List<Point> points, double scale, double dx, double dy, double radius,
      String style) {
    for (Point p : points) {
      Circle dot = new Circle(dx + p.x() * scale, dy + p.y() * scale, radius);
      dot.getStyleClass().add(style);
      layer.getChildren().add(dot);
    }
  }

  private static void box(Pane layer, Box b, double scale, double dx, double dy, String style, String text,
      Font font) {
    Rectangle rect = new Rectangle(dx + b.x() * scale, dy + b.y() * scale, b.width() * scale, b.height() * scale);
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

  /**
   * Face {@code index}'s number as its badge and row show it, from 1. Plain digits: a photo has
   * far fewer than 1,000 faces, so no language's separators apply, and cards redraw it often.
   */
  static String number(int index) {
    return Integer.toString(index + 1);
  }

  /** "93%" in the current language's style. */
  static String percent(double score) {
    return Messages.percent(score);
  }
}
